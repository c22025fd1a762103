import type { Db } from '../../db/database.js';
import type { TicketStatus } from '../../db/schema.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { loadCenterCalendarRules } from '../calendar/center-calendar.js';
import { describeDay, parseClock, toVietnamDateTime } from '../calendar/working-calendar.js';
import { emitQueueEvent } from './events.js';

export const CLOSE_REASON_END_OF_DAY = 'Hết giờ làm việc, số chưa được phục vụ';
/** Minutes after the last session ends before waiting tickets are closed (staff finish the last people). */
export const CLOSING_GRACE_MINUTES = 30;

const OPEN: TicketStatus[] = ['waiting', 'called', 'serving', 'no_show'];

/**
 * Closes a center's tickets still open on or before a service day, with the recorded reason, and
 * frees the counters holding them. Conditional updates make it idempotent and safe to run from
 * several processes at once.
 */
export async function closeQueueDay(
  db: Db,
  ctx: AuditContext,
  options: { centerId: string; upToDay: string; inclusive: boolean; statuses?: TicketStatus[] },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('tickets')
      .set({ status: 'closed', close_reason: CLOSE_REASON_END_OF_DAY, finished_at: new Date() })
      .where('center_id', '=', options.centerId)
      .where('service_day', options.inclusive ? '<=' : '<', options.upToDay)
      .where('status', 'in', options.statuses ?? OPEN)
      .returning('id')
      .execute();
    if (closed.length === 0) return 0;
    await trx.updateTable('counter_states').set({ current_ticket_id: null }).where('current_ticket_id', 'in', closed.map((c) => c.id)).execute();
    await emitQueueEvent(trx, { centerId: options.centerId, type: 'day.closed', data: { closed: closed.length, upToDay: options.upToDay } });
    await recordAudit(trx, { ...ctx, centerId: options.centerId }, { action: 'queue.close_day', targetType: 'center', targetId: options.centerId, after: { closed: closed.length, upToDay: options.upToDay } });
    return closed.length;
  });
}

/**
 * Daily life of the queue, run every minute by each server process: tickets of earlier days
 * are closed; today's waiting tickets are closed once the center's last session ended more than
 * the grace period ago (tickets being served are left to the officer). Numbering restarts by
 * itself: the sequence is keyed by service day.
 */
export async function runQueueHousekeeping(db: Db, now = new Date()): Promise<number> {
  const ctx: AuditContext = { actorType: 'system', actorId: null, actorName: 'motcua', actorRole: null, centerId: null, ip: null, requestId: null };
  const { date: today, minutes } = toVietnamDateTime(now);
  const centers = await db.selectFrom('centers').select('id').execute();
  let total = 0;
  for (const { id } of centers) {
    total += await closeQueueDay(db, ctx, { centerId: id, upToDay: today, inclusive: false });
    const day = describeDay(await loadCenterCalendarRules(db, id), today);
    const last = day.sessions.at(-1);
    const closedForToday = !day.working || (last !== undefined && minutes >= parseClock(last.end) + CLOSING_GRACE_MINUTES);
    if (closedForToday) total += await closeQueueDay(db, ctx, { centerId: id, upToDay: today, inclusive: true, statuses: ['waiting', 'called', 'no_show'] });
  }
  return total;
}
