/**
 * Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (refusal), stating every reason.
 * Layout and fields: docs/slips.md.
 */
import { drawContactLines, startDossierSlip } from './dossier-slip.js';
import { drawSignatures, field, paragraph } from './pdf-layout.js';
import type { RefusalSlip } from './slip-data.js';
import { dateTimePhrase, honorific } from './vn-format.js';

export const REFUSAL_TITLE = 'Phiếu từ chối tiếp nhận giải quyết hồ sơ';

export async function renderRefusalSlip(data: RefusalSlip): Promise<Buffer> {
  const { doc, finish } = startDossierSlip(data, { title: REFUSAL_TITLE, form: 'Mẫu số 03' });
  const you = honorific(data.applicant);
  field(doc, `${data.agency.fullName} tiếp nhận hồ sơ của`, data.applicant.name);
  drawContactLines(doc, data.applicant);
  field(doc, 'Nội dung yêu cầu giải quyết', data.procedure.name);
  paragraph(doc, [{ text: 'Thời gian nhận hồ sơ: ' }, { text: dateTimePhrase(data.receivedAt) }]);
  paragraph(doc, [
    {
      text:
        `Qua nghiên cứu, xem xét, đối chiếu với các quy định hiện hành, ${data.agency.fullName} thông báo ` +
        'không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
    },
  ]);
  data.reasons.forEach((reason, i) => paragraph(doc, [{ text: `${i + 1}. ${reason}` }], { indent: 14 }));
  paragraph(doc, [{ text: `Xin thông báo để ${you} được biết và thực hiện.` }]);
  if (data.contact !== undefined) {
    paragraph(doc, [
      {
        text:
          `Nếu có vướng mắc, ${you} liên hệ công chức ${data.contact.name}, số điện thoại ${data.contact.phone}` +
          `${data.agency.website ? `, hoặc tra cứu quy định của thủ tục tại ${data.agency.website}` : ''} để được hướng dẫn./.`,
      },
    ]);
  }
  drawSignatures(doc, [
    { title: 'Người nộp hồ sơ', hint: '(Ký, ghi rõ họ tên)', name: data.applicant.name },
    { title: data.receiver.title ?? 'Người tiếp nhận hồ sơ', hint: '(Ký, ghi rõ họ tên)', ...(data.receiver.name ? { name: data.receiver.name } : {}) },
  ]);
  return finish();
}
