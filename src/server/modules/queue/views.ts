import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { ConsoleTicket, CounterConsole } from '../../../shared/schemas/queue.js';
import { estimateWaits } from './estimate.js';
import { explainNext } from './call-ticket.js';
import { compareForService, nextTicketFor } from './ordering.js';
import { loadCenterQueue, serviceDayOf, type SnapshotTicket } from './snapshot.js';

function consoleTicket(t: SnapshotTicket, now: Date, counterId: string | null): ConsoleTicket {
  return {
    id: t.id,
    number: t.displayNumber,
    fieldId: t.fieldId,
    fieldName: t.fieldName,
    status: t.status,
    issuedAt: t.issuedAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    servingStartedAt: t.servingStartedAt?.toISOString() ?? null,
    priorityGroup: t.priorityGroup,
    procedureCode: t.procedureCode,
    callCount: t.callCount,
    transferredHere: counterId !== null && t.targetCounterId === counterId,
    waitedMinutes: Math.max(0, Math.floor(((t.calledAt ?? now).getTime() - t.issuedAt.getTime()) / 60_000)),
  };
}

/** What the officer at a counter sees: state, current ticket, the waiting list in calling order and why the next one is next. */
export async function getCounterConsole(db: Executor, centerId: string, staffId: string, counterId: string, now = new Date()): Promise<CounterConsole> {
  const queue = await loadCenterQueue(db, centerId, now);
  const counter = queue.counters.find((c) => c.id === counterId);
  if (!counter) throw new AppError('COUNTER_NOT_FOUND');
  const serves = (t: SnapshotTicket) => (t.targetCounterId ? t.targetCounterId === counterId : counter.fieldIds.includes(t.fieldId));
  const waiting = queue.tickets.filter((t) => t.status === 'waiting' && serves(t)).sort(compareForService);
  const next = nextTicketFor({ id: counterId, fieldIds: counter.fieldIds }, waiting);
  const current = counter.currentTicketId ? queue.tickets.find((t) => t.id === counter.currentTicketId) : undefined;
  const day = await db
    .selectFrom('tickets')
    .select([
      (eb) => eb.fn.countAll<number>().as('served'),
      sql<number | null>`avg(extract(epoch from (finished_at - coalesce(serving_started_at, called_at))))`.as('avg_s'),
    ])
    .where('center_id', '=', centerId)
    .where('service_day', '=', serviceDayOf(now))
    .where('staff_id', '=', staffId)
    .where('status', '=', 'done')
    .executeTakeFirstOrThrow();
  return {
    counter: { id: counter.id, number: counter.number, name: counter.name, fieldIds: counter.fieldIds },
    state: {
      status: counter.state,
      staffName: counter.staffName,
      mine: counter.staffId === staffId,
      pauseReason: counter.pauseReason,
      since: counter.since?.toISOString() ?? null,
    },
    current: current ? consoleTicket(current, now, counterId) : null,
    waiting: waiting.map((t) => consoleTicket(t, now, counterId)),
    next: next
      ? { ticketId: next.ticket.id, explanation: { reason: next.reason, overtakes: next.overtakes, text: explainNext(next.reason, next.overtakes, next.ticket.priorityGroup) } }
      : null,
    noShows: queue.tickets.filter((t) => t.status === 'no_show' && serves(t)).map((t) => consoleTicket(t, now, counterId)),
    myDay: { served: Number(day.served), averageServiceMinutes: day.avg_s === null ? null : Math.round((Number(day.avg_s) / 60) * 10) / 10 },
  };
}

/** The display board: counters with the number they serve, the latest calls, waiting per field. */
export async function getBoard(db: Executor, centerId: string, now = new Date()) {
  const [center, queue, fields, calls] = await Promise.all([
    db.selectFrom('centers').select(['name']).where('id', '=', centerId).executeTakeFirstOrThrow(),
    loadCenterQueue(db, centerId, now),
    db.selectFrom('fields').select(['id', 'name', 'ticket_prefix']).where('center_id', '=', centerId).where('active', '=', true).orderBy('sort_order').execute(),
    db
      .selectFrom('queue_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .innerJoin('counters as c', 'c.id', 'e.counter_id')
      .select(['e.id', 'e.type', 'e.at', 't.display_number', 'c.number as counter_number'])
      .where('e.center_id', '=', centerId)
      .where('e.type', 'in', ['ticket.called', 'ticket.recalled'])
      .where('e.at', '>=', new Date(`${serviceDayOf(now)}T00:00:00+07:00`))
      .orderBy('e.id', 'desc')
      .limit(8)
      .execute(),
  ]);
  const byId = new Map(queue.tickets.map((t) => [t.id, t]));
  return {
    centerName: center.name,
    now: now.toISOString(),
    counters: queue.counters.map((c) => ({
      number: c.number,
      name: c.name,
      status: c.state,
      ticket: c.currentTicketId ? (byId.get(c.currentTicketId)?.displayNumber ?? null) : null,
    })),
    calls: calls.map((c) => ({ id: Number(c.id), ticket: c.display_number, counter: c.counter_number, at: new Date(c.at).toISOString(), recall: c.type === 'ticket.recalled' })),
    fields: fields.map((f) => ({ name: f.name, prefix: f.ticket_prefix, waiting: queue.tickets.filter((t) => t.fieldId === f.id && t.status === 'waiting').length })),
  };
}

/** A citizen's live ticket (public, by its unguessable token): nothing personal about anyone. */
export async function getPublicTicket(db: Executor, token: string, now = new Date()) {
  const t = await db
    .selectFrom('tickets as t')
    .innerJoin('fields as f', 'f.id', 't.field_id')
    .innerJoin('centers as c', 'c.id', 't.center_id')
    .leftJoin('counters as k', 'k.id', 't.counter_id')
    .select(['t.id', 't.center_id', 't.field_id', 't.display_number', 't.status', 't.issued_at', 't.service_day', 'f.name as field_name', 'c.name as center_name', 'k.number as counter_number'])
    .where('t.public_token', '=', token)
    .executeTakeFirst();
  if (!t) throw new AppError('TICKET_NOT_FOUND');
  const queue = t.service_day === serviceDayOf(now) ? await loadCenterQueue(db, t.center_id, now) : null;
  const estimate = queue && t.status === 'waiting' ? (await estimateWaits(db, t.center_id, now, queue)).get(t.id) : undefined;
  const servingNow = (queue?.tickets ?? [])
    .filter((o) => o.fieldId === t.field_id && (o.status === 'called' || o.status === 'serving'))
    .map((o) => o.displayNumber);
  return {
    centerId: t.center_id,
    number: t.display_number,
    centerName: t.center_name,
    fieldName: t.field_name,
    status: t.status,
    issuedAt: new Date(t.issued_at).toISOString(),
    servingNow,
    peopleAhead: estimate?.peopleAhead ?? 0,
    estimatedWaitMinutes: estimate && estimate.seconds !== null ? Math.ceil(estimate.seconds / 60) : null,
    counter: t.status === 'called' || t.status === 'serving' ? t.counter_number : null,
  };
}
