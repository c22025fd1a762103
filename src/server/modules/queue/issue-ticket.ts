import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import type { IssueTicketBody, IssuedTicket } from '../../../shared/schemas/queue.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { receivingField } from '../catalog/procedures.js';
import { estimateWaits } from './estimate.js';
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

async function present(db: Db, ticketId: string): Promise<IssuedTicket> {
  const t = await db
    .selectFrom('tickets as t')
    .innerJoin('fields as f', 'f.id', 't.field_id')
    .innerJoin('centers as c', 'c.id', 't.center_id')
    .leftJoin('priority_groups as g', 'g.id', 't.priority_group_id')
    .select(['t.id', 't.center_id', 't.display_number', 't.field_id', 'f.name as field_name', 'c.name as center_name', 'g.name as group_name', 't.issued_at', 't.public_token', 't.predicted_wait_s', 't.status'])
    .where('t.id', '=', ticketId)
    .executeTakeFirstOrThrow();
  const counters = await db
    .selectFrom('counters as c')
    .innerJoin('counter_fields as cf', 'cf.counter_id', 'c.id')
    .select('c.number')
    .where('cf.field_id', '=', t.field_id)
    .where('c.active', '=', true)
    .orderBy('c.number')
    .execute();
  const estimate = (await estimateWaits(db, t.center_id)).get(t.id);
  return {
    id: t.id,
    number: t.display_number,
    fieldId: t.field_id,
    fieldName: t.field_name,
    centerName: t.center_name,
    counters: counters.map((c) => c.number),
    priorityGroup: t.group_name ?? null,
    peopleAhead: estimate?.peopleAhead ?? 0,
    estimatedWaitMinutes: estimate ? (estimate.seconds === null ? null : Math.ceil(estimate.seconds / 60)) : null,
    issuedAt: new Date(t.issued_at).toISOString(),
    publicToken: t.public_token,
    liveUrl: `/so/${t.public_token}`,
  };
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
  if (input.priorityGroupId) {
    const g = await db.selectFrom('priority_groups').select('id').where('center_id', '=', ctx.centerId).where('id', '=', input.priorityGroupId).where('active', '=', true).executeTakeFirst();
    if (!g) throw new AppError('PRIORITY_GROUP_NOT_FOUND');
  }
  const day = serviceDayOf(now);
  let ticketId: string;
  try {
    ticketId = await db.transaction().execute(async (trx) => {
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
          public_token: randomBytes(12).toString('base64url'),
          source: input.source,
          device_id: input.deviceId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await emitQueueEvent(trx, { centerId: ctx.centerId, type: 'ticket.issued', ticketId: row.id, fieldId: field.id, ticket: display });
      await recordAudit(trx, ctx, { action: 'ticket.issue', targetType: 'ticket', targetId: row.id, after: { number: display, fieldId: field.id, priority: input.priorityGroupId ?? null } });
      return row.id;
    });
  } catch (error) {
    // Two requests with the same key raced: the loser returns the winner's ticket.
    if (input.idempotencyKey && uniqueViolation(error) !== undefined) {
      const existing = await db.selectFrom('tickets').select('id').where('center_id', '=', ctx.centerId).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
      if (existing) return { ticket: await present(db, existing.id), created: false };
    }
    throw error;
  }
  const ticket = await present(db, ticketId);
  // Kept to measure the predictor on the center's own data (prediction at issue vs actual wait).
  if (ticket.estimatedWaitMinutes !== null) {
    await db.updateTable('tickets').set({ predicted_wait_s: ticket.estimatedWaitMinutes * 60 }).where('id', '=', ticketId).execute();
  }
  return { ticket, created: true };
}
