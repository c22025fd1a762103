import type { Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { DossierSummary } from '../../../shared/schemas/dossiers.js';
import { loadCenterCalendarRules } from '../calendar/center-calendar.js';
import { formatDateTimeVN, formatDateVN } from '../calendar/civil-date.js';
import { workingMinutesBetween } from '../calendar/due-date.js';
import { timelinessOf } from './dossier-views.js';
import { STATUS_LABEL_VI } from './status.js';

const WORKING_DAY_MINUTES = 8 * 60;

function dataOf(raw: unknown): Record<string, unknown> {
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** "1,5 ngày làm việc" from working minutes (8 working hours a day). */
function workingDaysText(minutes: number): string {
  const days = Math.round((minutes / WORKING_DAY_MINUTES) * 10) / 10;
  return `${days.toLocaleString('vi-VN')} ngày làm việc`;
}

/**
 * What a leader needs before signing, in a few sentences composed from the dossier's records
 * only (no model, nothing invented): where it stands against its deadline, who handled it and
 * how long each step took, whether documents were missing, the comments of the specialist, the
 * fee. Each line is a fact with its source in the history; the leader reads the full history
 * beside it.
 */
export async function summarizeDossier(db: Executor, centerId: string, dossierId: string, now = new Date()): Promise<DossierSummary> {
  const d = await db.selectFrom('dossiers').selectAll().where('center_id', '=', centerId).where('id', '=', dossierId).executeTakeFirst();
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  const [events, docs, paid] = await Promise.all([
    db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute(),
    db.selectFrom('dossier_documents').select(['name', 'status', 'condition']).where('dossier_id', '=', dossierId).orderBy('position').execute(),
    db.selectFrom('dossier_payments').select(['amount_vnd']).where('dossier_id', '=', dossierId).execute(),
  ]);
  const rules = await loadCenterCalendarRules(db, centerId);
  const lines: string[] = [];

  const head = `${d.procedure_name}${d.code ? ` — hồ sơ ${d.code}` : ''}, người nộp ${d.applicant_name}. Trạng thái: ${STATUS_LABEL_VI[d.status]}.`;
  lines.push(head);

  if (d.due_at) {
    const due = new Date(d.due_at);
    const timeliness = timelinessOf(d, now);
    if (timeliness === 'in_time') {
      const left = workingMinutesBetween(rules, now, due);
      lines.push(`Hạn trả kết quả ${formatDateTimeVN(due)}: còn ${workingDaysText(left)}.`);
    } else if (timeliness === 'overdue') {
      lines.push(`Đã quá hạn trả kết quả (${formatDateTimeVN(due)}).`);
    } else if (timeliness === 'early' || timeliness === 'on_time' || timeliness === 'late') {
      lines.push(`Kết quả có ngày ${formatDateVN(new Date(d.result_ready_at ?? now))}: ${timeliness === 'early' ? 'trước hạn' : timeliness === 'on_time' ? 'đúng hạn' : 'quá hạn'} (hạn ${formatDateTimeVN(due)}).`);
    }
    if (d.new_due_at) lines.push(`Đã có văn bản xin lỗi, hẹn lại ngày ${formatDateTimeVN(new Date(d.new_due_at))}.`);
  }

  // Steps and how long each one held the dossier (working time between consecutive events).
  const steps: DossierSummary['steps'] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!e) continue;
    const next = events[i + 1];
    const at = new Date(e.at);
    const until = next ? new Date(next.at) : d.status === 'returned' || d.status === 'refused' || d.status === 'withdrawn' || d.status === 'stopped' ? at : now;
    steps.push({ at: at.toISOString(), action: e.action, actorName: e.actor_name, comment: e.comment, workingMinutes: Math.max(0, workingMinutesBetween(rules, at, until)) });
  }
  const assign = [...events].reverse().find((e) => e.action === 'assign');
  if (assign) {
    const to = dataOf(assign.data).to;
    lines.push(`Chuyên viên xử lý: ${typeof to === 'string' ? to : (assign.actor_name ?? 'chưa rõ')} (giao ngày ${formatDateVN(new Date(assign.at))}${assign.actor_name ? ` bởi ${assign.actor_name}` : ''}).`);
  }
  const supplement = events.find((e) => e.action === 'request_supplement');
  if (supplement) {
    const items = dataOf(supplement.data).items;
    const list = Array.isArray(items) ? items.filter((x): x is string => typeof x === 'string') : [];
    lines.push(`Đã yêu cầu bổ sung 1 lần (${formatDateVN(new Date(supplement.at))})${list.length ? `: ${list.join('; ')}` : ''}${supplement.comment ? ` — lý do: ${supplement.comment}` : ''}.`);
  }
  const sentBack = events.filter((e) => e.action === 'send_back');
  if (sentBack.length > 0) lines.push(`Đã bị trả lại ${sentBack.length} lần${sentBack.at(-1)?.comment ? `, lần gần nhất: "${sentBack.at(-1)?.comment ?? ''}"` : ''}.`);
  const submit = [...events].reverse().find((e) => e.action === 'submit');
  if (submit?.comment) lines.push(`Ý kiến chuyên viên khi trình: "${submit.comment}".`);

  const missing = docs.filter((x) => x.condition === null && (x.status === 'missing' || x.status === 'invalid'));
  lines.push(missing.length === 0 ? `Thành phần hồ sơ: đủ ${docs.filter((x) => x.status === 'received').length} giấy tờ đã nhận.` : `Thành phần còn thiếu hoặc chưa hợp lệ: ${missing.map((m) => m.name).join('; ')}.`);

  const paidVnd = paid.reduce((s, p) => s + p.amount_vnd, 0);
  if (d.fee_vnd > 0) lines.push(`Phí, lệ phí ${d.fee_vnd.toLocaleString('vi-VN')} đồng: ${paidVnd >= d.fee_vnd ? 'đã nộp đủ' : `đã nộp ${paidVnd.toLocaleString('vi-VN')} đồng`}${d.fee_reason ? ` (điều chỉnh: ${d.fee_reason})` : ''}.`);
  else lines.push('Không thu phí, lệ phí.');

  return { lines, steps };
}
