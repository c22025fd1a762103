import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import type { IssueTicketBody, IssuedTicket } from '../../../shared/schemas/queue.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { receivingField } from '../catalog/procedures.js';
import { estimateNewTicket, estimateWaits } from './estimate.js';
import { emitQueueEvent } from './events.js';
import { serviceDayOf } from './snapshot.js';

export function formatTicketNumber(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(3, '0')}`;
}

async function resolveField(db: Db, centerId: string, input: IssueTicketBody) {
  if (input.fieldId) {
    const f = await db.selectFrom('fields').select(['id', 'name', 'ticket_prefix', 'active']).where('center_id', '=', centerId).where('id', '=', input.fieldId).executeTakeFirst();
    if (!f) throw new AppError('FIELD_NOT_FOUND');
    if (!f.active) throw new AppError('FIELD_INACTIVE');
    return f;
  }
  if (input.procedureCode) {
    const p = await db.selectFrom('procedures').select('field_code').where('code', '=', input.procedureCode).executeTakeFirst();
    if (!p) throw new AppError('PROCEDURE_NOT_FOUND');
    const setting = await db.selectFrom('center_procedures').select('field_id').where('center_id', '=', centerId).where('procedure_code', '=', input.procedureCode).executeTakeFirst();
    const field = await receivingField(db, centerId, p.field_code, setting?.field_id ?? null);
    if (!field) throw new AppError('FIELD_NOT_FOUND', { detail: 'Thủ tục này chưa được gán cho lĩnh vực nào của trung tâm. Vui lòng hỏi cán bộ hướng dẫn.' });
    return db.selectFrom('fields').select(['id', 'name', 'ticket_prefix', 'active']).where('id', '=', field.id).executeTakeFirstOrThrow();
  }
  throw new AppError('VALIDATION_FAILED', { detail: 'Cần chọn lĩnh vực hoặc thủ tục.' });
}

async function countersOf(db: Executor, fieldId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('counters as c')
    .innerJoin('counter_fields as cf', 'cf.counter_id', 'c.id')
    .select('c.number')
    .where('cf.field_id', '=', fieldId)
    .where('c.active', '=', true)
    .orderBy('c.number')
    .execute();
  return rows.map((r) => r.number);
}

/** A ticket already issued (idempotent replay): read back, with a fresh estimate. */
async function present(db: Db, ticketId: string): Promise<IssuedTicket> {
  const t = await db
    .selectFrom('tickets as t')
    .innerJoin('fields as f', 'f.id', 't.field_id')
    .innerJoin('centers as c', 'c.id', 't.center_id')
    .leftJoin('priority_groups as g', 'g.id', 't.priority_group_id')
    .select(['t.id', 't.center_id', 't.display_number', 't.field_id', 'f.name as field_name', 'c.name as center_name', 'g.name as group_name', 't.issued_at', 't.public_token', 't.predicted_wait_s', 't.status'])
    .where('t.id', '=', ticketId)
    .executeTakeFirstOrThrow();
  const counters = await countersOf(db, t.field_id);
  const estimate = (await estimateWaits(db, t.center_id)).get(t.id);
  return {
    id: t.id,
    number: t.display_number,
    fieldId: t.field_id,
    fieldName: t.field_name,
    centerName: t.center_name,
    counters,
    priorityGroup: t.group_name ?? null,
    peopleAhead: estimate?.peopleAhead ?? 0,
    estimatedWaitMinutes: estimate ? (estimate.seconds === null ? null : Math.ceil(estimate.seconds / 60)) : null,
    issuedAt: new Date(t.issued_at).toISOString(),
    publicToken: t.public_token,
    liveUrl: `/so/${t.public_token}`,
  };
}

/**
 * The issuing transaction itself: next number from the day's sequence row, the ticket, its
 * queue event and audit row. Exported for the benchmark's baseline (same transaction, no HTTP).
 */
export async function insertTicket(
  trx: Executor,
  ctx: AuditContext & { centerId: string },
  args: {
    field: { id: string; ticket_prefix: string };
    day: string;
    now: Date;
    predictedWaitSeconds?: number | null;
    priorityCreditMinutes?: number;
    input: IssueTicketBody & { source: 'kiosk' | 'counter'; deviceId: string | null };
  },
): Promise<{ id: string; number: string; publicToken: string; peopleAhead: number }> {
  const { field, day, now, input } = args;
  const publicToken = randomBytes(12).toString('base64url');
  const seq = await sql<{ last_number: number }>`
    INSERT INTO ticket_sequences (center_id, field_id, service_day, last_number)
    VALUES (${ctx.centerId}, ${field.id}, ${day}, 1)
    ON CONFLICT (center_id, field_id, service_day)
    DO UPDATE SET last_number = ticket_sequences.last_number + 1
    RETURNING last_number`.execute(trx);
  const number = Number(seq.rows[0]?.last_number);
  const display = formatTicketNumber(field.ticket_prefix, number);
  const row = await trx
    .insertInto('tickets')
    .values({
      center_id: ctx.centerId,
      field_id: field.id,
      service_day: day,
      number,
      display_number: display,
      priority_group_id: input.priorityGroupId ?? null,
      procedure_code: input.procedureCode ?? null,
      phone: input.phone ?? null,
      issued_at: now,
      idempotency_key: input.idempotencyKey ?? null,
      public_token: publicToken,
      source: input.source,
      device_id: input.deviceId,
      // kept to measure the predictor on the center's own data (prediction at issue vs actual wait)
      predicted_wait_s: args.predictedWaitSeconds ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await emitQueueEvent(trx, { centerId: ctx.centerId, type: 'ticket.issued', ticketId: row.id, fieldId: field.id, ticket: display });
  await recordAudit(trx, ctx, { action: 'ticket.issue', targetType: 'ticket', targetId: row.id, after: { number: display, fieldId: field.id, priority: input.priorityGroupId ?? null } });
  // Exact, because issuances of one field are serialised on the sequence row: waiting tickets of
  // the field that the ordering rule puts before this one (virtual time = issue − credit).
  const ahead = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM tickets t LEFT JOIN priority_groups g ON g.id = t.priority_group_id
    WHERE t.center_id = ${ctx.centerId} AND t.field_id = ${field.id} AND t.service_day = ${day}
      AND t.status = 'waiting' AND t.id <> ${row.id}
      AND t.issued_at - make_interval(mins => coalesce(g.credit_minutes, 0))
          <= ${now}::timestamptz - make_interval(mins => ${args.priorityCreditMinutes ?? 0})`.execute(trx);
  return { id: row.id, number: display, publicToken, peopleAhead: Number(ahead.rows[0]?.n ?? 0) };
}

/**
 * Issues a queue ticket (kiosk, or staff for a walk-in). The number comes from the per-day
 * sequence row, incremented in the same transaction as the insert: concurrent issuances queue
 * on that row, and a rolled-back one gives its number back, so numbers are unique and gapless
 * per center, field and day, across processes. The same idempotency key returns the same ticket.
 */
export async function issueTicket(
  db: Db,
  ctx: AuditContext & { centerId: string },
  input: IssueTicketBody & { source: 'kiosk' | 'counter'; deviceId?: string | null },
  now = new Date(),
): Promise<{ ticket: IssuedTicket; created: boolean }> {
  if (input.idempotencyKey) {
    const existing = await db.selectFrom('tickets').select('id').where('center_id', '=', ctx.centerId).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
    if (existing) return { ticket: await present(db, existing.id), created: false };
  }
  const field = await resolveField(db, ctx.centerId, input);
  const group = input.priorityGroupId
    ? await db.selectFrom('priority_groups').select(['name', 'credit_minutes']).where('center_id', '=', ctx.centerId).where('id', '=', input.priorityGroupId).where('active', '=', true).executeTakeFirst()
    : undefined;
  if (input.priorityGroupId && !group) throw new AppError('PRIORITY_GROUP_NOT_FOUND');
  const [center, counters, estimate] = await Promise.all([
    db.selectFrom('centers').select('name').where('id', '=', ctx.centerId).executeTakeFirstOrThrow(),
    countersOf(db, field.id),
    estimateNewTicket(db, ctx.centerId, { fieldId: field.id, issuedAt: now, priorityCreditMinutes: group?.credit_minutes ?? 0 }),
  ]);
  const day = serviceDayOf(now);
  let inserted: Awaited<ReturnType<typeof insertTicket>>;
  try {
    inserted = await db.transaction().execute((trx) =>
      insertTicket(trx, ctx, { field, day, now, predictedWaitSeconds: estimate.seconds, priorityCreditMinutes: group?.credit_minutes ?? 0, input: { ...input, source: input.source, deviceId: input.deviceId ?? null } }),
    );
  } catch (error) {
    // Two requests with the same key raced: the loser returns the winner's ticket.
    if (input.idempotencyKey && uniqueViolation(error) !== undefined) {
      const existing = await db.selectFrom('tickets').select('id').where('center_id', '=', ctx.centerId).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
      if (existing) return { ticket: await present(db, existing.id), created: false };
    }
    throw error;
  }
  return {
    created: true,
    ticket: {
      id: inserted.id,
      number: inserted.number,
      fieldId: field.id,
      fieldName: field.name,
      centerName: center.name,
      counters,
      priorityGroup: group?.name ?? null,
      peopleAhead: inserted.peopleAhead,
      estimatedWaitMinutes: estimate.seconds === null ? null : Math.ceil(estimate.seconds / 60),
      issuedAt: now.toISOString(),
      publicToken: inserted.publicToken,
      liveUrl: `/so/${inserted.publicToken}`,
    },
  };
}
