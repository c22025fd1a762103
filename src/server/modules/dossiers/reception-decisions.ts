import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { checkCitizenId, CITIZEN_ID_MESSAGES_VI } from '../../../shared/citizen-id.js';
import type { DeclineAtCounterBody } from '../../../shared/schemas/dossiers.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import type { Derived } from '../catalog/catalog-file.js';
import { applicantColumns, checklistOf, documentValues, missingOf, type ChecklistRow } from './receive-dossier.js';
import { notifyApplicant } from './notify-applicant.js';
import type { RequestedItem } from './review-dossier.js';
import { DVCQG_STATUS } from './status.js';
import { recordDossierEvent } from './dossier-events.js';

const DEFAULT_REASON = 'Hồ sơ chưa đầy đủ, hợp lệ theo quy định của thủ tục.';

/** The items of a supplementation request: those named by the officer, else every required document missing or not valid. */
function requestedItems(rows: readonly ChecklistRow[], named: DeclineAtCounterBody['items']): RequestedItem[] {
  if (named && named.length > 0) {
    return named.map((item, i) => {
      if (item.position !== undefined) {
        const row = rows.find((r) => r.position === item.position);
        if (!row) throw new AppError('VALIDATION_FAILED', { errors: [{ path: `body/items/${i}/position`, message: 'Thủ tục không có giấy tờ ở vị trí này.' }] });
        return { position: row.position, name: item.name ?? row.name, note: item.note ?? row.note };
      }
      if (!item.name) throw new AppError('VALIDATION_FAILED', { errors: [{ path: `body/items/${i}/name`, message: 'Cần ghi tên giấy tờ cần bổ sung.' }] });
      return { position: null, name: item.name, note: item.note ?? null };
    });
  }
  return missingOf(rows).map((r) => ({ position: r.position, name: r.name, note: r.note ?? (r.status === 'invalid' ? 'Giấy tờ đã nộp chưa hợp lệ.' : null) }));
}

/**
 * The receptionist does not accept a dossier handed in at the counter: either it is incomplete and
 * the citizen is told exactly what to bring (`request_more`: status `incomplete`, supplementation
 * slip Mẫu 02), or it cannot be accepted at all (`refuse`: status `refused` with the reasons,
 * refusal slip Mẫu 03). The dossier is recorded without an official code (it was never accepted),
 * with the checklist as handed in, its event (items or reasons — what the slip prints), an audit
 * row and a message to the applicant, in one transaction.
 */
export async function declineAtCounter(db: Db, ctx: AuditContext & { centerId: string; actorId: string }, input: DeclineAtCounterBody, now = new Date()): Promise<{ id: string }> {
  const idProblem = checkCitizenId(input.applicant.idNumber, input.applicant.birthDate);
  if (idProblem) throw new AppError('CITIZEN_ID_INVALID', { detail: CITIZEN_ID_MESSAGES_VI[idProblem], errors: [{ path: 'body/applicant/idNumber', message: CITIZEN_ID_MESSAGES_VI[idProblem] }] });
  const procedure = await db.selectFrom('procedures').select(['code', 'name', 'derived']).where('code', '=', input.procedureCode).executeTakeFirst();
  if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND');
  const rows = checklistOf(procedure.derived as Derived, input.documents);
  if (input.ticketId) {
    const t = await db.selectFrom('tickets').select('id').where('center_id', '=', ctx.centerId).where('id', '=', input.ticketId).executeTakeFirst();
    if (!t) throw new AppError('TICKET_NOT_FOUND');
  }

  let event: { action: 'request_more' | 'refuse'; to: 'incomplete' | 'refused'; comment: string; data: Record<string, unknown>; message: string };
  if (input.decision === 'request_more') {
    const items = requestedItems(rows, input.items);
    if (items.length === 0) {
      throw new AppError('VALIDATION_FAILED', { detail: 'Hồ sơ không thiếu giấy tờ bắt buộc nào: hãy tiếp nhận, hoặc ghi rõ giấy tờ cần bổ sung.', errors: [{ path: 'body/items', message: 'Cần ít nhất một giấy tờ cần bổ sung.' }] });
    }
    const reason = input.reason?.trim() || DEFAULT_REASON;
    event = {
      action: 'request_more',
      to: 'incomplete',
      comment: reason,
      data: { items, reason },
      message: `Hồ sơ ${procedure.name} chưa đủ để tiếp nhận. Cần bổ sung: ${items.map((x) => x.name).join('; ').slice(0, 300)}.`,
    };
  } else {
    const reasons = (input.reasons ?? []).map((r) => r.trim()).filter((r) => r !== '');
    if (reasons.length === 0) throw new AppError('VALIDATION_FAILED', { errors: [{ path: 'body/reasons', message: 'Cần nêu rõ lý do từ chối.' }] });
    event = { action: 'refuse', to: 'refused', comment: reasons.join('\n'), data: { reasons }, message: `Hồ sơ ${procedure.name} không được tiếp nhận. Lý do: ${reasons.join('; ').slice(0, 300)}` };
  }

  return db.transaction().execute(async (trx) => {
    const dossier = await trx
      .insertInto('dossiers')
      .values({
        center_id: ctx.centerId,
        procedure_code: procedure.code,
        procedure_name: procedure.name,
        channel: 'counter',
        status: event.to,
        dvcqg_status: DVCQG_STATUS[event.to],
        ...applicantColumns(input),
      })
      .returning(['id', 'applicant_phone', 'applicant_email'])
      .executeTakeFirstOrThrow();
    if (rows.length > 0) await trx.insertInto('dossier_documents').values(documentValues(ctx.centerId, dossier.id, rows)).execute();
    await recordDossierEvent(trx, ctx, { dossierId: dossier.id, at: now, action: event.action, from: null, to: event.to, comment: event.comment, data: event.data });
    await recordAudit(trx, ctx, { action: `dossier.${event.action}`, targetType: 'dossier', targetId: dossier.id, after: { status: event.to, procedure: procedure.code, ...event.data } });
    await notifyApplicant(trx, ctx.centerId, dossier, `${event.action}:${dossier.id}`, event.message);
    return { id: dossier.id };
  });
}
