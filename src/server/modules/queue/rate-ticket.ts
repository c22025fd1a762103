import type { Db, Executor } from '../../db/database.js';
import type { DeviceActor } from '../../http/actor.js';
import { AppError, uniqueViolation } from '../../http/app-error.js';
import type { RateBody } from '../../../shared/schemas/queue.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { emitQueueEvent } from './events.js';

/** How long after the end of a service its rating tablet may still ask for a rating. */
export const RATING_WINDOW_MS = 10 * 60_000;

/** The latest finished service at the tablet's counter, if recent and not yet rated (older ones are never asked about). */
export async function pendingRating(db: Executor, device: DeviceActor, now = new Date()) {
  if (!device.counterId) return null;
  const row = await db
    .selectFrom('tickets as t')
    .leftJoin('ratings as r', 'r.ticket_id', 't.id')
    .innerJoin('fields as f', 'f.id', 't.field_id')
    .leftJoin('users as u', 'u.id', 't.staff_id')
    .innerJoin('counters as c', 'c.id', 't.counter_id')
    .select(['t.id', 't.display_number', 't.finished_at', 'f.name as field_name', 'u.full_name', 'c.number as counter_number', 'r.id as rating_id'])
    .where('t.center_id', '=', device.centerId)
    .where('t.counter_id', '=', device.counterId)
    .where('t.status', '=', 'done')
    .where('t.finished_at', '>', new Date(now.getTime() - RATING_WINDOW_MS))
    .orderBy('t.finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.rating_id) return null;
  return { ticketId: row.id, number: row.display_number, fieldName: row.field_name, staffName: row.full_name ?? null, counter: row.counter_number };
}

/**
 * Records the citizen's rating of a finished service, from the tablet of the counter that
 * served it; one rating per ticket (the unique key makes a second one a 409).
 */
export async function rateTicket(db: Db, ctx: AuditContext & { centerId: string }, device: DeviceActor, input: RateBody, now = new Date()): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const t = await trx
        .selectFrom('tickets')
        .select(['id', 'counter_id', 'staff_id', 'field_id', 'status', 'finished_at'])
        .where('center_id', '=', device.centerId)
        .where('id', '=', input.ticketId)
        .executeTakeFirst();
      if (!t) throw new AppError('TICKET_NOT_FOUND');
      const recent = t.finished_at !== null && now.getTime() - new Date(t.finished_at).getTime() <= RATING_WINDOW_MS;
      if (t.status !== 'done' || t.counter_id !== device.counterId || !recent) throw new AppError('NOTHING_TO_RATE');
      await trx
        .insertInto('ratings')
        .values({
          center_id: device.centerId,
          ticket_id: t.id,
          counter_id: t.counter_id,
          staff_id: t.staff_id,
          field_id: t.field_id,
          device_id: device.id,
          level: input.level,
          reasons: input.reasons ?? [],
          comment: input.comment?.trim() || null,
        })
        .execute();
      await emitQueueEvent(trx, { centerId: device.centerId, type: 'ticket.rated', ticketId: t.id, counterId: t.counter_id, fieldId: t.field_id, data: { level: input.level } });
      await recordAudit(trx, ctx, { action: 'ticket.rate', targetType: 'ticket', targetId: t.id, after: { level: input.level, reasons: input.reasons ?? [] } });
    });
  } catch (error) {
    if (uniqueViolation(error) !== undefined) throw new AppError('TICKET_ALREADY_RATED', { cause: error });
    throw error;
  }
}
