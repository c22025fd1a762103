import type { Db, Executor } from '../../db/database.js';
import type { DossierStatus } from '../../db/schema.js';
import { AppError } from '../../http/app-error.js';
import type { ReviewBody } from '../../../shared/schemas/online.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { formatDateTimeVN } from '../calendar/working-calendar.js';
import { messageApplicant } from './online-common.js';
import { acceptDossier, receptionTermsOf } from './receive-dossier.js';
import { DVCQG_STATUS } from './status.js';
import { recordDossierEvent } from './dossier-events.js';

type ReviewerCtx = AuditContext & { centerId: string; actorId: string };

/** What was asked for in a 'request_more' decision, as recorded in its event (and printed on Mẫu 02). */
export interface RequestedItem {
  position: number | null;
  name: string;
  note: string | null;
}

const DEFAULT_REASON = 'Hồ sơ chưa đầy đủ, hợp lệ theo quy định của thủ tục.';

/**
 * The receptionist's decision on an online submission, exactly as at the counter:
 * - `accept`: the shared acceptance step (official code, due date counted from now, receipt);
 *   every required document must have been received;
 * - `request_more`: status 'incomplete', the items (a document of the dossier or a named item,
 *   each with a note) are recorded and printed on the supplementation slip (Mẫu 02);
 * - `refuse`: status 'refused' with the reasons (refusal slip, Mẫu 03).
 * Each is guarded on the dossier's status in its transaction (zero rows → 409), audited, and
 * the applicant is messaged through the outbox in the same transaction.
 */
export async function reviewDossier(db: Db, ctx: ReviewerCtx, dossierId: string, body: ReviewBody, now = new Date()): Promise<void> {
  const d = await db.selectFrom('dossiers').select(['id', 'procedure_code', 'channel', 'status']).where('center_id', '=', ctx.centerId).where('id', '=', dossierId).executeTakeFirst();
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  if (d.channel !== 'online') throw new AppError('DOSSIER_STATE_CONFLICT', { detail: 'Chỉ hồ sơ nộp trực tuyến mới được xem xét tại đây.' });
  switch (body.decision) {
    case 'accept':
      return acceptOnline(db, ctx, dossierId, d.procedure_code, body, now);
    case 'request_more':
      return requestMore(db, ctx, dossierId, body, now);
    case 'refuse':
      return refuseOnline(db, ctx, dossierId, body.reasons, now);
  }
}

async function acceptOnline(db: Db, ctx: ReviewerCtx, dossierId: string, procedureCode: string, body: { workingDays?: number; feeVnd?: number }, now: Date): Promise<void> {
  const terms = await receptionTermsOf(db, ctx.centerId, procedureCode, body.workingDays, now);
  await db.transaction().execute(async (trx) => {
    const d = await lockSubmitted(trx, ctx.centerId, dossierId, ['submitted']);
    const docs = await trx.selectFrom('dossier_documents').select(['position', 'name', 'condition', 'status']).where('dossier_id', '=', dossierId).execute();
    const missing = docs.filter((x) => x.condition === null && (x.status === 'missing' || x.status === 'invalid'));
    if (missing.length > 0) throw new AppError('DOSSIER_INCOMPLETE', { errors: missing.map((m) => ({ path: `documents/${m.position}`, message: `Thiếu hoặc chưa hợp lệ: ${m.name}` })) });
    const fee = body.feeVnd ?? d.fee_vnd;
    const accepted = await acceptDossier(trx, ctx, terms, 'submitted', async (columns) => {
      const row = await trx
        .updateTable('dossiers')
        .set({ ...columns, fee_vnd: fee, payment_status: fee > 0 ? 'unpaid' : 'not_required', updated_at: now })
        .where('id', '=', dossierId)
        .where('status', '=', 'submitted')
        .returning(['id'])
        .executeTakeFirst();
      if (!row) throw new AppError('DOSSIER_STATE_CONFLICT');
      return row;
    });
    await messageApplicant(
      trx,
      d,
      `online_accept:${dossierId}`,
      `Hồ sơ ${d.submission_reference ?? ''} đã được tiếp nhận, mã hồ sơ ${accepted.code}, hẹn trả kết quả ${formatDateTimeVN(terms.due.dueAt)}.`,
    );
  });
}

async function requestMore(db: Db, ctx: ReviewerCtx, dossierId: string, body: { items: Array<{ position?: number; name?: string; note?: string }>; reason?: string }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await lockSubmitted(trx, ctx.centerId, dossierId, ['submitted']);
    const docs = await trx.selectFrom('dossier_documents').select(['position', 'name']).where('dossier_id', '=', dossierId).execute();
    const files = await trx.selectFrom('dossier_files').select('document_position').where('dossier_id', '=', dossierId).execute();
    const withFiles = new Set(files.map((f) => f.document_position));
    const items: RequestedItem[] = body.items.map((item, i) => {
      if (item.position !== undefined) {
        const doc = docs.find((x) => x.position === item.position);
        if (!doc) throw new AppError('VALIDATION_FAILED', { errors: [{ path: `body/items/${i}/position`, message: 'Hồ sơ không có giấy tờ ở vị trí này.' }] });
        return { position: doc.position, name: item.name ?? doc.name, note: item.note ?? null };
      }
      if (!item.name) throw new AppError('VALIDATION_FAILED', { errors: [{ path: `body/items/${i}/name`, message: 'Cần ghi tên giấy tờ cần bổ sung.' }] });
      return { position: null, name: item.name, note: item.note ?? null };
    });
    for (const item of items) {
      if (item.position === null) continue;
      await trx
        .updateTable('dossier_documents')
        .set({ status: withFiles.has(item.position) ? 'invalid' : 'missing', note: item.note })
        .where('dossier_id', '=', dossierId)
        .where('position', '=', item.position)
        .execute();
    }
    const reason = body.reason ?? DEFAULT_REASON;
    await changeStatus(trx, ctx, d.status, dossierId, 'incomplete', now, { action: 'request_more', comment: reason, data: { items, reason } });
    const round = await trx.selectFrom('dossier_events').select((eb) => eb.fn.countAll<number>().as('n')).where('dossier_id', '=', dossierId).where('action', '=', 'request_more').executeTakeFirstOrThrow();
    await messageApplicant(
      trx,
      d,
      `online_request_more:${dossierId}:${Number(round.n)}`,
      `Hồ sơ ${d.submission_reference ?? ''} cần bổ sung: ${items.map((x) => x.name).join('; ').slice(0, 300)}. Vui lòng gửi bổ sung tại trang theo dõi hồ sơ.`,
    );
  });
}

async function refuseOnline(db: Db, ctx: ReviewerCtx, dossierId: string, reasons: string[], now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await lockSubmitted(trx, ctx.centerId, dossierId, ['submitted', 'incomplete']);
    await changeStatus(trx, ctx, d.status, dossierId, 'refused', now, { action: 'refuse', comment: reasons.join('\n'), data: { reasons } });
    await messageApplicant(trx, d, `online_refuse:${dossierId}`, `Hồ sơ ${d.submission_reference ?? ''} không được tiếp nhận. Lý do: ${reasons.join('; ').slice(0, 300)}`);
  });
}

async function lockSubmitted(trx: Executor, centerId: string, dossierId: string, from: readonly DossierStatus[]) {
  const d = await trx.selectFrom('dossiers').selectAll().where('center_id', '=', centerId).where('id', '=', dossierId).forUpdate().executeTakeFirst();
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  if (!from.includes(d.status)) throw new AppError('DOSSIER_STATE_CONFLICT', { internal: `review from ${d.status}` });
  return d;
}

async function changeStatus(
  trx: Executor,
  ctx: ReviewerCtx,
  from: DossierStatus,
  dossierId: string,
  to: DossierStatus,
  now: Date,
  event: { action: string; comment: string; data: Record<string, unknown> },
): Promise<void> {
  const changed = await trx
    .updateTable('dossiers')
    .set({ status: to, dvcqg_status: DVCQG_STATUS[to], updated_at: now })
    .where('id', '=', dossierId)
    .where('status', '=', from)
    .returning('id')
    .executeTakeFirst();
  if (!changed) throw new AppError('DOSSIER_STATE_CONFLICT');
  await recordDossierEvent(trx, ctx, { dossierId, at: now, action: event.action, from, to, comment: event.comment, data: event.data });
  await recordAudit(trx, ctx, { action: `dossier.${event.action}`, targetType: 'dossier', targetId: dossierId, before: { status: from }, after: { status: to, ...event.data } });
}
