import type { Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { renderSlip } from '../slips/render-slip.js';

/** The receipt-and-appointment slip (Mẫu 01) of an accepted dossier, as PDF. */
export async function renderReceipt(db: Executor, centerId: string, dossierId: string, origin: string): Promise<{ pdf: Buffer; fileName: string }> {
  const d = await db.selectFrom('dossiers').selectAll().where('center_id', '=', centerId).where('id', '=', dossierId).executeTakeFirst();
  if (!d || !d.code || !d.received_at || !d.due_at) throw new AppError('DOSSIER_NOT_FOUND');
  const [center, docs, receiver] = await Promise.all([
    db.selectFrom('centers').select(['name', 'address', 'phone']).where('id', '=', centerId).executeTakeFirstOrThrow(),
    db.selectFrom('dossier_documents').selectAll().where('dossier_id', '=', dossierId).where('status', '=', 'received').orderBy('position').execute(),
    d.received_by ? db.selectFrom('users').select('full_name').where('id', '=', d.received_by).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const place = center.name.replace(/^Trung tâm Phục vụ hành chính công\s+(phường|xã|đặc khu)\s+/iu, '');
  const wardWord = /\bxã\b/iu.test(center.name) ? 'XÃ' : 'PHƯỜNG';
  const pdf = await renderSlip({
    kind: 'receipt',
    agency: { superior: `UBND ${wardWord} ${place.toLocaleUpperCase('vi')}`, name: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', fullName: center.name, place, ...(center.phone ? { phone: center.phone } : {}) },
    issuedAt: new Date(d.received_at),
    dossierCode: d.code,
    lookupUrl: `${origin}/tra-cuu/${encodeURIComponent(d.code)}`,
    procedure: { name: d.procedure_name, code: d.procedure_code },
    applicant: {
      name: d.applicant_name,
      idNumber: d.applicant_id_number,
      ...(d.applicant_address ? { address: d.applicant_address } : {}),
      ...(d.applicant_phone ? { phone: d.applicant_phone } : {}),
      ...(d.applicant_email ? { email: d.applicant_email } : {}),
    },
    documents: docs.map((x) => ({
      name: x.name,
      originals: x.copy_type === 'original' ? x.copies_received : 0,
      certifiedCopies: x.copy_type === 'certified_copy' ? x.copies_received : 0,
      photocopies: x.copy_type === 'copy' ? x.copies_received : 0,
    })),
    setCount: 1,
    processingTime: Number(d.working_days) === 0 ? 'Trong ngày (nhận sau 15 giờ: ngày làm việc tiếp theo)' : `${String(d.working_days).padStart(2, '0')} ngày làm việc`,
    receivedAt: new Date(d.received_at),
    appointmentAt: new Date(d.due_at),
    resultPlace: `${center.name}${center.address ? `, ${center.address}` : ''}`,
    fee: d.fee_vnd > 0 ? `${d.fee_vnd.toLocaleString('vi-VN')} đồng` : 'Miễn lệ phí',
    receiver: { ...(receiver ? { name: receiver.full_name } : {}) },
  });
  return { pdf, fileName: `giay-tiep-nhan-${d.code}.pdf` };
}
