import type { Db } from '../../db/database.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { emitQueueEvent } from './events.js';
import { serviceDayOf } from './snapshot.js';

export const CLOSE_REASON_END_OF_DAY = 'Hết giờ làm việc, số chưa được phục vụ';

/**
 * Closes tickets left open from earlier service days (waiting, called, serving, no-show) with
 * a recorded reason, and frees counters still holding them. Idempotent (conditional updates);
 * runs at start-up and periodically, and can be called with `beforeDay` = today at closing time.
 */
export async function closeStaleTickets(db: Db, ctx: AuditContext, options: { centerId?: string; beforeDay?: string; now?: Date } = {}): Promise<number> {
  const beforeDay = options.beforeDay ?? serviceDayOf(options.now ?? new Date());
  return db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('tickets')
      .set({ status: 'closed', close_reason: CLOSE_REASON_END_OF_DAY, finished_at: new Date() })
      .where('service_day', '<', beforeDay)
      .where('status', 'in', ['waiting', 'called', 'serving', 'no_show']);
    if (options.centerId) q = q.where('center_id', '=', options.centerId);
    const closed = await q.returning(['id', 'center_id']).execute();
    if (closed.length === 0) return 0;
    const ids = closed.map((c) => c.id);
    await trx.updateTable('counter_states').set({ current_ticket_id: null }).where('current_ticket_id', 'in', ids).execute();
    const centers = [...new Set(closed.map((c) => c.center_id))];
    for (const centerId of centers) {
      const n = closed.filter((c) => c.center_id === centerId).length;
      await emitQueueEvent(trx, { centerId, type: 'day.closed', data: { closed: n, beforeDay } });
      await recordAudit(trx, { ...ctx, centerId }, { action: 'queue.close_day', targetType: 'center', targetId: centerId, after: { closed: n, beforeDay } });
    }
    return closed.length;
  });
}
