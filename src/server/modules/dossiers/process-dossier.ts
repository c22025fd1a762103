import type { Db } from '../../db/database.js';
import type { DossierStatus, DossiersTable } from '../../db/schema.js';
import type { Updateable } from 'kysely';
import { AppError } from '../../http/app-error.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { loadCenterCalendarRules } from '../calendar/center-calendar.js';
import { extendDueAtForPause, formatDateTimeVN, toVietnamDate } from '../calendar/working-calendar.js';
import { notifyApplicant } from './notify-applicant.js';
import { DVCQG_STATUS } from './status.js';
import { recordDossierEvent } from './dossier-events.js';

export type StaffCtx = AuditContext & { centerId: string; actorId: string; actorRole: string | null };

interface Transition {
  action: string;
  from: readonly DossierStatus[];
  to: DossierStatus;
  comment?: string | null;
  data?: Record<string, unknown>;
  /** Extra columns to set (computed from the locked row). */
  set?: (d: { due_at: Date | string | null; paused_at: Date | string | null; supplement_count: number; new_due_at: Date | string | null }) => Updateable<DossiersTable>;
  /** Extra guard on the locked row; throw to refuse. */
  guard?: (d: { assignee_id: string | null; supplement_count: number; new_due_at: Date | string | null; due_at: Date | string | null; result_ready_at: Date | string | null }) => void;
  /** A message to the applicant, queued in the same transaction. */
  message?: (d: { code: string | null; procedure_name: string }) => string;
}

/**
 * Moves a dossier from one status to another: the row is locked, the guard checked, the change
 * made with `WHERE status IN (from)` (zero rows → 409), and the event, audit row and any message
 * to the applicant are written in the same transaction.
 */
async function transition(db: Db, ctx: StaffCtx, dossierId: string, t: Transition, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('dossiers').selectAll().where('center_id', '=', ctx.centerId).where('id', '=', dossierId).forUpdate().executeTakeFirst();
    if (!d) throw new AppError('DOSSIER_NOT_FOUND');
    if (!t.from.includes(d.status)) {
      throw new AppError('DOSSIER_STATE_CONFLICT', { internal: `${t.action} from ${d.status}`, detail: `Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "${d.status}".` });
    }
    t.guard?.(d);
    const changed = await trx
      .updateTable('dossiers')
      .set({ status: t.to, dvcqg_status: DVCQG_STATUS[t.to], updated_at: now, ...(t.set?.(d) ?? {}) })
      .where('id', '=', dossierId)
      .where('status', 'in', t.from)
      .returning(['id'])
      .executeTakeFirst();
    if (!changed) throw new AppError('DOSSIER_STATE_CONFLICT');
    await recordDossierEvent(trx, ctx, { dossierId, at: now, action: t.action, from: d.status, to: t.to, comment: t.comment ?? null, data: t.data ?? {} });
    await recordAudit(trx, ctx, { action: `dossier.${t.action}`, targetType: 'dossier', targetId: dossierId, before: { status: d.status }, after: { status: t.to, ...(t.data ?? {}) } });
    if (t.message) await notifyApplicant(trx, ctx.centerId, d, `${t.action}:${dossierId}:${d.supplement_count}`, t.message(d));
  });
}

function mustBeAssignee(ctx: StaffCtx) {
  return (d: { assignee_id: string | null }) => {
    if (ctx.actorRole === 'specialist' && d.assignee_id !== ctx.actorId) throw new AppError('FORBIDDEN', { detail: 'Hồ sơ này đang được giao cho cán bộ khác.' });
  };
}

const ACTIVE: readonly DossierStatus[] = ['received', 'processing', 'awaiting_approval', 'supplement_requested'];

/** Hands the dossier to a specialist (from reception, or to another specialist). */
export async function assignDossier(db: Db, ctx: StaffCtx, id: string, input: { specialistId: string; comment?: string }): Promise<void> {
  const user = await db.selectFrom('users').select(['id', 'full_name', 'role', 'active']).where('center_id', '=', ctx.centerId).where('id', '=', input.specialistId).executeTakeFirst();
  if (!user || !user.active || (user.role !== 'specialist' && user.role !== 'leader')) throw new AppError('USER_NOT_FOUND', { detail: 'Không tìm thấy chuyên viên đang hoạt động.' });
  await transition(db, ctx, id, { action: 'assign', from: ['received', 'processing'], to: 'processing', comment: input.comment ?? null, data: { to: user.full_name }, set: () => ({ assignee_id: user.id }) });
}

/**
 * Asks the citizen for more documents — only once for a dossier (ND 118/2025 Art. 11). The
 * legal clock pauses until the documents arrive.
 */
export async function requestSupplement(db: Db, ctx: StaffCtx, id: string, input: { items: string[]; reason: string }, now = new Date()): Promise<void> {
  await transition(db, ctx, id, {
    action: 'request_supplement',
    from: ['processing'],
    to: 'supplement_requested',
    comment: input.reason,
    data: { items: input.items },
    guard: (d) => {
      mustBeAssignee(ctx)(d);
      if (d.supplement_count >= 1) throw new AppError('DOSSIER_SUPPLEMENT_ONCE');
    },
    set: (d) => ({ paused_at: now, supplement_count: d.supplement_count + 1 }),
    message: (d) => `Hồ sơ ${d.code ?? ''} (${d.procedure_name}) cần bổ sung giấy tờ. Vui lòng xem phiếu yêu cầu bổ sung hoặc liên hệ trung tâm.`,
  }, now);
}

/** The citizen brought the documents: processing resumes and the due date moves by the working time waited. */
export async function resumeAfterSupplement(db: Db, ctx: StaffCtx, id: string, now = new Date()): Promise<void> {
  const rules = await loadCenterCalendarRules(db, ctx.centerId);
  await transition(db, ctx, id, {
    action: 'supplement_received',
    from: ['supplement_requested'],
    to: 'processing',
    set: (d) => {
      const due = d.due_at ? new Date(d.due_at) : null;
      const paused = d.paused_at ? new Date(d.paused_at) : null;
      return { paused_at: null, ...(due && paused ? { due_at: extendDueAtForPause(rules, due, paused, now) } : {}) };
    },
  }, now);
}

export async function submitForApproval(db: Db, ctx: StaffCtx, id: string, comment?: string): Promise<void> {
  await transition(db, ctx, id, { action: 'submit', from: ['processing'], to: 'awaiting_approval', comment: comment ?? null, guard: mustBeAssignee(ctx) });
}

export async function approveDossier(db: Db, ctx: StaffCtx, id: string, comment?: string, now = new Date()): Promise<void> {
  await transition(db, ctx, id, {
    action: 'approve',
    from: ['awaiting_approval'],
    to: 'result_ready',
    comment: comment ?? null,
    set: () => ({ result_ready_at: now }),
    message: (d) => `Hồ sơ ${d.code ?? ''} (${d.procedure_name}) đã có kết quả. Mời ông/bà đến nhận tại trung tâm, mang theo giấy tiếp nhận.`,
  }, now);
}

export async function sendBack(db: Db, ctx: StaffCtx, id: string, comment: string): Promise<void> {
  await transition(db, ctx, id, { action: 'send_back', from: ['awaiting_approval'], to: 'processing', comment });
}

/** The result leaves the center: at the counter (who received it, ID checked) or by post (tracking number). The clock ends. */
export async function returnResult(db: Db, ctx: StaffCtx, id: string, input: { method: 'counter'; receiverName: string; receiverIdNumber: string } | { method: 'post'; trackingNumber: string }, now = new Date()): Promise<void> {
  await transition(db, ctx, id, { action: 'return', from: ['result_ready'], to: 'returned', data: input, set: () => ({ returned_at: now }) }, now);
}

export async function withdrawDossier(db: Db, ctx: StaffCtx, id: string, reason: string): Promise<void> {
  await transition(db, ctx, id, { action: 'withdraw', from: ACTIVE, to: 'withdrawn', comment: reason });
}

/** Stop processing at the citizen's request before a result exists (TT 03/2025 Art. 7: stop notice). */
export async function stopDossier(db: Db, ctx: StaffCtx, id: string, reason: string): Promise<void> {
  await transition(db, ctx, id, { action: 'stop', from: ACTIVE, to: 'stopped', comment: reason });
}

/**
 * A dossier that will be late gets an apology with a new return date, no later than one day
 * before the due date, and the new date can be set only once (REFERENCE §a.3).
 */
export async function apologize(db: Db, ctx: StaffCtx, id: string, input: { newDueAt: Date; reason: string }, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('dossiers').select(['status', 'due_at', 'new_due_at', 'code', 'procedure_name', 'applicant_phone', 'applicant_email']).where('center_id', '=', ctx.centerId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!d) throw new AppError('DOSSIER_NOT_FOUND');
    if (!['received', 'processing', 'awaiting_approval'].includes(d.status) || !d.due_at) throw new AppError('DOSSIER_STATE_CONFLICT');
    if (d.new_due_at) throw new AppError('DOSSIER_APOLOGY_ONCE');
    const due = new Date(d.due_at);
    if (toVietnamDate(now) >= toVietnamDate(due)) throw new AppError('DOSSIER_APOLOGY_TOO_LATE');
    if (input.newDueAt.getTime() <= due.getTime()) throw new AppError('VALIDATION_FAILED', { detail: 'Ngày hẹn mới phải sau ngày hẹn trả kết quả ban đầu.' });
    await trx.updateTable('dossiers').set({ new_due_at: input.newDueAt, updated_at: now }).where('id', '=', id).where('new_due_at', 'is', null).execute();
    await recordDossierEvent(trx, ctx, { dossierId: id, at: now, action: 'apologize', from: d.status, to: d.status, comment: input.reason, data: { newDueAt: input.newDueAt.toISOString() } });
    await recordAudit(trx, ctx, { action: 'dossier.apologize', targetType: 'dossier', targetId: id, after: { newDueAt: input.newDueAt.toISOString(), reason: input.reason } });
    await notifyApplicant(trx, ctx.centerId, d, `apology:${id}`, `Xin lỗi ông/bà: hồ sơ ${d.code ?? ''} chưa thể trả đúng hẹn. Ngày hẹn mới: ${formatDateTimeVN(input.newDueAt)}.`);
  });
}
