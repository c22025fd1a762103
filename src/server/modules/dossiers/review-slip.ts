import type { Executor } from '../../db/database.js';
import type { DossiersTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { AppError } from '../../http/app-error.js';
import { renderSlip } from '../slips/render-slip.js';
import type { DocumentItem } from '../slips/slip-data.js';
import type { RequestedItem } from './review-dossier.js';

/** The issuing body of a center, as the receipt prints it (receipt-pdf.ts). */
function agencyOf(center: { name: string; phone: string | null }) {
  const place = center.name.replace(/^Trung tâm Phục vụ hành chính công\s+(phường|xã|đặc khu)\s+/iu, '');
  const wardWord = /\bxã\b/iu.test(center.name) ? 'XÃ' : 'PHƯỜNG';
  return { superior: `UBND ${wardWord} ${place.toLocaleUpperCase('vi')}`, name: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', fullName: center.name, place, ...(center.phone ? { phone: center.phone } : {}) };
}

/**
 * The slip of a review decision on an online submission, as PDF: the supplementation request
 * (Mẫu 02) while the dossier waits for documents, the refusal (Mẫu 03) once refused — built from
 * the decision's event (items and notes, or reasons). The dossier has no official code yet, so
 * the submission reference stands in for it; the QR code leads to the public lookup page.
 */
export async function renderReviewSlip(db: Executor, d: Selectable<DossiersTable>, origin: string): Promise<{ pdf: Buffer; fileName: string }> {
  const action = d.status === 'incomplete' ? 'request_more' : d.status === 'refused' ? 'refuse' : null;
  if (d.channel !== 'online' || !action) throw new AppError('DOSSIER_STATE_CONFLICT', { detail: 'Hồ sơ này không có phiếu yêu cầu bổ sung hay phiếu từ chối.' });
  const [center, event] = await Promise.all([
    db.selectFrom('centers').select(['name', 'phone']).where('id', '=', d.center_id).executeTakeFirstOrThrow(),
    db.selectFrom('dossier_events').select(['at', 'actor_name', 'data']).where('dossier_id', '=', d.id).where('action', '=', action).orderBy('id', 'desc').executeTakeFirstOrThrow(),
  ]);
  const docs = await db.selectFrom('dossier_documents').select(['position', 'copy_type']).where('dossier_id', '=', d.id).execute();
  const common = {
    agency: agencyOf(center),
    issuedAt: new Date(event.at),
    dossierCode: d.code ?? d.submission_reference ?? 'TT',
    lookupUrl: `${origin}/tra-cuu`,
    procedure: { name: d.procedure_name, code: d.procedure_code },
    applicant: {
      name: d.applicant_name,
      idNumber: d.applicant_id_number,
      ...(d.applicant_address ? { address: d.applicant_address } : {}),
      ...(d.applicant_phone ? { phone: d.applicant_phone } : {}),
      ...(d.applicant_email ? { email: d.applicant_email } : {}),
    },
    receivedAt: new Date(d.submitted_at ?? d.created_at),
  };
  const officer = event.actor_name ?? undefined;
  const contact = { name: officer ?? 'Bộ phận tiếp nhận', phone: center.phone ?? 'liên hệ trực tiếp Trung tâm' };
  const stem = d.submission_reference ?? d.id;
  if (action === 'request_more') {
    const data = event.data as { items?: RequestedItem[]; reason?: string };
    const items: DocumentItem[] = (data.items ?? []).map((item) => {
      const copy = docs.find((x) => x.position === item.position)?.copy_type;
      return { name: item.name, originals: copy === 'original' ? 1 : 0, certifiedCopies: copy === 'certified_copy' ? 1 : 0, photocopies: copy === 'copy' ? 1 : 0, ...(item.note ? { note: item.note } : {}) };
    });
    const pdf = await renderSlip({ kind: 'supplement-request', ...common, items, reason: data.reason ?? 'Hồ sơ chưa đầy đủ, hợp lệ.', contact, guide: officer ? { name: officer } : {} });
    return { pdf, fileName: `phieu-yeu-cau-bo-sung-${stem}.pdf` };
  }
  const data = event.data as { reasons?: string[] };
  const pdf = await renderSlip({ kind: 'refusal', ...common, reasons: data.reasons ?? [], contact, receiver: officer ? { name: officer } : {} });
  return { pdf, fileName: `phieu-tu-choi-${stem}.pdf` };
}

/** The dossier row of a staff member's center, for the slip. */
export async function dossierOfCenter(db: Executor, centerId: string, id: string): Promise<Selectable<DossiersTable>> {
  const d = await db.selectFrom('dossiers').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  return d;
}
