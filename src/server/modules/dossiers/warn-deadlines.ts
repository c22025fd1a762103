import type { Db } from '../../db/database.js';
import { loadCenterCalendarRules } from '../calendar/center-calendar.js';
import { addWorkingDays, toVietnamDate } from '../calendar/working-calendar.js';
import { enqueueMessage } from '../messages/outbox.js';

/**
 * Deadline warnings, in working days: a dossier whose clock runs and whose due date is within
 * one working day ("due_soon"), or already past ("overdue"), gets one warning of each kind —
 * recorded once (primary key), addressed to its specialist and the center's leaders through the
 * outbox (log channel: they see it in their worklists), and, for "due_soon" without an apology
 * yet, a prompt to issue the apology slip in time (no later than one day before the due date).
 */
export async function warnDeadlines(db: Db, now = new Date()): Promise<{ dueSoon: number; overdue: number }> {
  let dueSoon = 0;
  let overdue = 0;
  const centers = await db.selectFrom('centers').select(['id']).execute();
  for (const { id: centerId } of centers) {
    const rules = await loadCenterCalendarRules(db, centerId);
    const today = toVietnamDate(now);
    const horizon = addWorkingDays(rules, today, 1);
    const rows = await db
      .selectFrom('dossiers')
      .select(['id', 'code', 'due_at', 'assignee_id', 'new_due_at'])
      .where('center_id', '=', centerId)
      .where('status', 'in', ['received', 'processing', 'awaiting_approval'])
      .where('due_at', 'is not', null)
      .execute();
    for (const d of rows) {
      const due = toVietnamDate(new Date(d.due_at ?? 0));
      const kind = due < today ? 'overdue' : due <= horizon ? 'due_soon' : null;
      if (!kind) continue;
      const inserted = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('dossier_warnings')
          .values({ center_id: centerId, dossier_id: d.id, kind })
          .onConflict((oc) => oc.columns(['dossier_id', 'kind']).doNothing())
          .returning('kind')
          .executeTakeFirst();
        if (!row) return false;
        const recipients = await trx
          .selectFrom('users')
          .select(['id', 'username'])
          .where('center_id', '=', centerId)
          .where('active', '=', true)
          .where((eb) => eb.or([eb('role', '=', 'leader'), ...(d.assignee_id ? [eb('id', '=', d.assignee_id)] : [])]))
          .execute();
        const text =
          kind === 'overdue'
            ? `Hồ sơ ${d.code ?? ''} đã quá hạn giải quyết.`
            : `Hồ sơ ${d.code ?? ''} sắp đến hạn (${due.split('-').reverse().join('/')}).${d.new_due_at ? '' : ' Nếu không kịp, cần lập văn bản xin lỗi và hẹn lại chậm nhất 01 ngày trước hạn.'}`;
        for (const r of recipients) {
          await enqueueMessage(trx, { centerId, channel: 'log', recipient: `staff:${r.username}`, body: text, dedupeKey: `warn:${kind}:${d.id}:${r.id}` });
        }
        return true;
      });
      if (inserted) {
        if (kind === 'overdue') overdue++;
        else dueSoon++;
      }
    }
  }
  return { dueSoon, overdue };
}
