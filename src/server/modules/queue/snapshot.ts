import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { TicketStatus } from '../../db/schema.js';
import { toVietnamDate } from '../calendar/working-calendar.js';
import type { QueueTicket } from './ordering.js';

/** The service day of a moment: its civil date in Asia/Ho_Chi_Minh. Numbering restarts each day. */
export function serviceDayOf(now: Date): string {
  return toVietnamDate(now);
}

export interface SnapshotTicket extends QueueTicket {
  displayNumber: string;
  status: TicketStatus;
  priorityGroup: string | null;
  procedureCode: string | null;
  calledAt: Date | null;
  servingStartedAt: Date | null;
  counterId: string | null;
  callCount: number;
  fieldName: string;
}

export interface SnapshotCounter {
  id: string;
  number: number;
  name: string;
  fieldIds: string[];
  state: 'open' | 'paused' | 'closed';
  staffId: string | null;
  staffName: string | null;
  pauseReason: string | null;
  since: Date | null;
  currentTicketId: string | null;
}

export interface CenterQueue {
  day: string;
  tickets: SnapshotTicket[];
  counters: SnapshotCounter[];
}

/** Today's active tickets (waiting, called, serving, no-show) and every counter with its state. */
export async function loadCenterQueue(db: Executor, centerId: string, now = new Date()): Promise<CenterQueue> {
  const day = serviceDayOf(now);
  const [tickets, counters, links] = await Promise.all([
    db
      .selectFrom('tickets as t')
      .innerJoin('fields as f', 'f.id', 't.field_id')
      .leftJoin('priority_groups as g', 'g.id', 't.priority_group_id')
      .select([
        't.id',
        't.field_id',
        't.number',
        't.display_number',
        't.issued_at',
        't.status',
        't.target_counter_id',
        't.procedure_code',
        't.called_at',
        't.serving_started_at',
        't.counter_id',
        't.call_count',
        'f.name as field_name',
        'g.name as group_name',
        'g.credit_minutes',
      ])
      .where('t.center_id', '=', centerId)
      .where('t.service_day', '=', day)
      .where('t.status', 'in', ['waiting', 'called', 'serving', 'no_show'])
      .execute(),
    db
      .selectFrom('counters as c')
      .leftJoin('counter_states as s', 's.counter_id', 'c.id')
      .leftJoin('users as u', 'u.id', 's.staff_id')
      .select(['c.id', 'c.number', 'c.name', 's.status', 's.staff_id', 'u.full_name', 's.pause_reason', 's.since', 's.current_ticket_id'])
      .where('c.center_id', '=', centerId)
      .where('c.active', '=', true)
      .orderBy('c.number')
      .execute(),
    db.selectFrom('counter_fields').select(['counter_id', 'field_id']).where('center_id', '=', centerId).execute(),
  ]);
  return {
    day,
    tickets: tickets.map((t) => ({
      id: t.id,
      fieldId: t.field_id,
      number: t.number,
      issuedAt: new Date(t.issued_at),
      priorityCreditMinutes: t.group_name ? (t.credit_minutes ?? 0) : 0,
      targetCounterId: t.target_counter_id,
      displayNumber: t.display_number,
      status: t.status,
      priorityGroup: t.group_name ?? null,
      procedureCode: t.procedure_code,
      calledAt: t.called_at ? new Date(t.called_at) : null,
      servingStartedAt: t.serving_started_at ? new Date(t.serving_started_at) : null,
      counterId: t.counter_id,
      callCount: t.call_count,
      fieldName: t.field_name,
    })),
    counters: counters.map((c) => ({
      id: c.id,
      number: c.number,
      name: c.name,
      fieldIds: links.filter((l) => l.counter_id === c.id).map((l) => l.field_id),
      state: c.status ?? 'closed',
      staffId: c.staff_id ?? null,
      staffName: c.full_name ?? null,
      pauseReason: c.pause_reason ?? null,
      since: c.since ? new Date(c.since) : null,
      currentTicketId: c.current_ticket_id ?? null,
    })),
  };
}

/**
 * A counter's time per call over the last days — from the call to the end of service, or to the
 * no-show — the history the wait predictor learns from (a no-show also takes counter time).
 */
export async function loadServiceHistory(
  db: Executor,
  centerId: string,
  now = new Date(),
  days = 14,
): Promise<Array<{ fieldId: string; seconds: number; finishedAt: Date }>> {
  const rows = await db
    .selectFrom('tickets')
    .select([
      'field_id',
      'finished_at',
      sql<number>`extract(epoch from (finished_at - called_at))`.as('seconds'),
    ])
    .where('center_id', '=', centerId)
    .where('status', 'in', ['done', 'no_show'])
    .where('finished_at', '>', new Date(now.getTime() - days * 86_400_000))
    .where('called_at', 'is not', null)
    .execute();
  return rows
    .filter((r) => r.finished_at !== null && Number(r.seconds) > 0)
    .map((r) => ({ fieldId: r.field_id, seconds: Number(r.seconds), finishedAt: new Date(r.finished_at ?? 0) }));
}
