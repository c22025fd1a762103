/**
 * Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (supplementation request). The dossier may
 * be sent back for completion only once (ND 118/2025 Art. 11), so the slip lists everything at
 * once, with the reason and whom to ask. Layout and fields: docs/slips.md.
 */
import { drawContactLines, startDossierSlip } from './dossier-slip.js';
import { drawSignatures, field, paragraph } from './pdf-layout.js';
import type { SupplementRequestSlip } from './slip-data.js';
import { documentsTable, drawTable } from './table.js';
import { dateTimePhrase, honorific } from './vn-format.js';

export const SUPPLEMENT_REQUEST_TITLE = 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ';

export async function renderSupplementRequestSlip(data: SupplementRequestSlip): Promise<Buffer> {
  const { doc, finish } = startDossierSlip(data, { title: SUPPLEMENT_REQUEST_TITLE, form: 'Mẫu số 02' });
  const you = honorific(data.applicant);
  field(doc, `${data.agency.fullName} tiếp nhận hồ sơ của`, data.applicant.name);
  drawContactLines(doc, data.applicant);
  field(doc, 'Nội dung yêu cầu giải quyết', data.procedure.name);
  paragraph(doc, [{ text: 'Thời gian nhận hồ sơ: ' }, { text: dateTimePhrase(data.receivedAt) }]);
  paragraph(doc, [{ text: `Qua kiểm tra, hồ sơ chưa đầy đủ, hợp lệ. Đề nghị ${you} bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:` }]);
  drawTable(doc, documentsTable(data.items, 'Thành phần hồ sơ cần bổ sung, hoàn thiện'));
  paragraph(doc, [{ text: 'Lý do: ', style: 'bold' }, { text: data.reason }]);
  paragraph(doc, [
    {
      text:
        `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ${you} liên hệ công chức ${data.contact.name}, ` +
        `số điện thoại ${data.contact.phone}${data.agency.website ? `, hoặc tra cứu quy định của thủ tục tại ${data.agency.website}` : ''} để được hướng dẫn./.`,
    },
  ]);
  drawSignatures(doc, [
    { title: 'Người nộp hồ sơ', hint: '(Ký, ghi rõ họ tên)', name: data.applicant.name },
    { title: data.guide.title ?? 'Người hướng dẫn', hint: '(Ký, ghi rõ họ tên)', ...(data.guide.name ? { name: data.guide.name } : {}) },
  ]);
  return finish();
}
