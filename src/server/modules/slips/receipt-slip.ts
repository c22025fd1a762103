/**
 * Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt and appointment), given to the
 * person who submits a dossier. Layout and fields: docs/slips.md.
 */
import { drawContactLines, startDossierSlip } from './dossier-slip.js';
import { box, drawSignatures, ensureSpace, field, paragraph, signatureHeight, SIZE, textHeight } from './pdf-layout.js';
import type { ReceiptSlip } from './slip-data.js';
import { documentsTable, drawTable } from './table.js';
import { BLANK, dateTimePhrase, twoDigits } from './vn-format.js';

export const RECEIPT_TITLE = 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả';

export async function renderReceiptSlip(data: ReceiptSlip): Promise<Buffer> {
  const { doc, finish } = startDossierSlip(data, { title: RECEIPT_TITLE, form: 'Mẫu số 01' });
  field(doc, `${data.agency.fullName} tiếp nhận hồ sơ của`, data.applicant.name);
  drawContactLines(doc, data.applicant);
  field(doc, 'Nội dung yêu cầu giải quyết', data.procedure.name);
  if (data.owner !== undefined) {
    field(doc, 'Chủ hồ sơ', data.owner.name);
    if (data.owner.address !== undefined) paragraph(doc, [{ text: `Địa chỉ chủ hồ sơ: ${data.owner.address}` }]);
  }

  paragraph(doc, [{ text: '1. Thành phần hồ sơ nộp gồm:' }]);
  drawTable(doc, documentsTable(data.documents));
  paragraph(doc, [{ text: '2. Số lượng hồ sơ: ' }, { text: `${twoDigits(data.setCount)} (bộ)`, style: 'bold' }]);
  paragraph(doc, [{ text: '3. Thời gian giải quyết hồ sơ theo quy định là: ' }, { text: data.processingTime, style: 'bold' }]);
  paragraph(doc, [{ text: '4. Thời gian nhận hồ sơ: ' }, { text: dateTimePhrase(data.receivedAt), style: 'bold' }]);
  paragraph(doc, [{ text: '5. Thời gian trả kết quả giải quyết hồ sơ: ' }, { text: dateTimePhrase(data.appointmentAt), style: 'bold' }]);
  paragraph(doc, [{ text: '6. Đăng ký nhận kết quả tại: ' }, { text: data.resultPlace }]);
  if (data.fee !== undefined) paragraph(doc, [{ text: '7. Phí, lệ phí: ' }, { text: data.fee }]);
  const book = data.registerEntry;
  const bookLine = `Vào Sổ theo dõi hồ sơ, Quyển số: ${book?.book ?? BLANK}   Số thứ tự: ${book?.entry ?? BLANK}`;
  const lookup = [data.agency.website ? `tại ${data.agency.website}` : '', data.agency.phone ? `điện thoại ${data.agency.phone}` : '']
    .filter(Boolean)
    .join(', ');
  const note =
    'Khi nhận kết quả, mang theo Giấy này (nhận thay phải có văn bản ủy quyền). ' +
    `Tra cứu tiến độ bằng mã QR hoặc mã hồ sơ${lookup ? ` ${lookup}` : ''}.`;
  // The closing lines stay on the page of the signatures.
  const { width } = box(doc);
  ensureSpace(doc, textHeight(doc, bookLine, 'regular', SIZE.body, width) + textHeight(doc, note, 'italic', 11, width) + 6 + signatureHeight(doc));
  paragraph(doc, [{ text: bookLine }]);
  paragraph(doc, [{ text: note, style: 'italic' }], { size: 11 });

  drawSignatures(doc, [
    { title: 'Người nộp hồ sơ', hint: '(Ký, ghi rõ họ tên)', name: data.applicant.name },
    { title: 'Người tiếp nhận hồ sơ', hint: '(Ký, ghi rõ họ tên)', ...(data.receiver.name ? { name: data.receiver.name } : {}) },
  ]);
  return finish();
}
