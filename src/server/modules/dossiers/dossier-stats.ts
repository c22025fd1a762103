import type { Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { DossierStats } from '../../../shared/schemas/dossiers.js';
import { toVietnamDate } from '../calendar/working-calendar.js';

/**
 * Progress of the center's dossiers over a period, as the QĐ 766 index counts it (indicator 5,
 * "Tiến độ giải quyết", 20 points; shared/domain REFERENCE §d.3 and §e):
 * - finished in the period (result ready, or withdrawn): early / on time / late, comparing the
 *   finish date with the appointment date (dates, not times — the Thanh Hóa implementation);
 * - still being processed at the period's end: within the deadline when the appointment date is
 *   on or after the period's last day, overdue otherwise;
 * - rate = (early + on time + processing within the deadline) / (finished + processing) × 100,
 *   score = 20 × rate / 100 (the portal's published formula, reproduced by the portal's scores).
 * Also: received per channel (indicator 10), refusals, supplementation requests and apology
 * letters issued in the period (a late dossier must have one: the leader sees how many).
 *
 * Withdrawn and stopped dossiers count as finished (DVCQG status 7/8 with 9/10, as the Thanh Hóa
 * system groups them) but stay out of the rate, which is about settling on time.
 * The "appointment" is the date promised on the receipt; an apology's new date does not make a
 * late dossier on time (it is counted as late and as apologised).
 */
export async function dossierStats(db: Executor, centerId: string, from: string, to: string): Promise<DossierStats> {
  if (from > to) throw new AppError('VALIDATION_FAILED', { detail: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.' });
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const rows = await db
    .selectFrom('dossiers')
    .select(['id', 'channel', 'status', 'received_at', 'due_at', 'original_due_at', 'result_ready_at', 'updated_at'])
    .where('center_id', '=', centerId)
    .where('received_at', 'is not', null)
    .where('received_at', '<', end)
    .where((eb) => eb.or([eb('received_at', '>=', start), eb('result_ready_at', 'is', null), eb('result_ready_at', '>=', start)]))
    .execute();
  const withdrawnIds = rows.filter((r) => r.status === 'withdrawn' || r.status === 'stopped').map((r) => r.id);
  const closings = withdrawnIds.length
    ? await db.selectFrom('dossier_events').select(['dossier_id', 'at']).where('dossier_id', 'in', withdrawnIds).where('action', 'in', ['withdraw', 'stop']).execute()
    : [];
  const closedAt = new Map(closings.map((c) => [c.dossier_id, new Date(c.at)]));
  const events = await db
    .selectFrom('dossier_events')
    .select(['action', (eb) => eb.fn.countAll<string>().as('n')])
    .where('center_id', '=', centerId)
    .where('at', '>=', start)
    .where('at', '<', end)
    .where('action', 'in', ['apologize', 'request_supplement', 'request_more', 'refuse'])
    .groupBy('action')
    .execute();
  const count = (action: string) => Number(events.find((e) => e.action === action)?.n ?? 0);

  const received = { total: 0, online: 0, counter: 0, post: 0 };
  const finished = { total: 0, early: 0, onTime: 0, late: 0, withdrawn: 0 };
  const processing = { total: 0, inTime: 0, overdue: 0 };
  const lastDay = to;
  for (const r of rows) {
    const receivedAt = new Date(r.received_at ?? 0);
    if (receivedAt >= start) {
      received.total++;
      received[r.channel]++;
    }
    const due = r.original_due_at ?? r.due_at;
    const dueDay = due ? toVietnamDate(new Date(due)) : null;
    const readyAt = r.result_ready_at ? new Date(r.result_ready_at) : null;
    const closed = closedAt.get(r.id);
    if (readyAt && readyAt < end) {
      if (readyAt < start) continue; // finished before the period
      finished.total++;
      const day = toVietnamDate(readyAt);
      if (!dueDay || day < dueDay) finished.early++;
      else if (day === dueDay) finished.onTime++;
      else finished.late++;
    } else if (closed && closed < end) {
      if (closed >= start) {
        finished.total++;
        finished.withdrawn++;
      }
    } else if (r.status !== 'refused' && r.status !== 'submitted' && r.status !== 'incomplete') {
      processing.total++;
      if (!dueDay || dueDay >= lastDay) processing.inTime++;
      else processing.overdue++;
    }
  }
  const denominator = finished.total - finished.withdrawn + processing.total;
  const good = finished.early + finished.onTime + processing.inTime;
  const rate = denominator === 0 ? null : Math.round((good / denominator) * 10_000) / 100;
  return {
    from,
    to,
    received,
    finished,
    processing,
    onTimeRate: rate,
    progressScore: rate === null ? null : Math.round(rate * 20) / 100,
    apologies: count('apologize'),
    supplementRequests: count('request_supplement') + count('request_more'),
    refusals: count('refuse'),
  };
}
