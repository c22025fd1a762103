/**
 * Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt and appointment), given to the
 * person who submits a dossier. Layout and fields: docs/slips.md.
 */
import { drawHeading, drawSignatures, drawTitle, field, paragraph, createSlipDocument, type Run } from './pdf-layout.js';
import type { Person, ReceiptSlip } from './slip-data.js';
import { documentsTable, drawTable } from './table.js';
import { BLANK, dateTimePhrase, placeDateLine, twoDigits } from './vn-format.js';

export const RECEIPT_TITLE = 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả';

/** Address, phone/e-mail and ID lines of a person (only those known). */
export function contactLines(person: Person): Run[][] {
  const lines: Run[][] = [];
  if (person.idNumber !== undefined) lines.push([{ text: 'Số định danh cá nhân/CCCD/Hộ chiếu: ' }, { text: person.idNumber }]);
  if (person.address !== undefined) lines.push([{ text: 'Địa chỉ: ' }, { text: person.address }]);
  const reach: Run[] = [];
  if (person.phone !== undefined) reach.push({ text: 'Số điện thoại: ' }, { text: person.phone });
  if (person.email !== undefined) reach.push({ text: `${reach.length ? '.   ' : ''}Email: ` }, { text: person.email });
  if (reach.length) lines.push(reach);
  return lines;
}

export async function renderReceiptSlip(data: ReceiptSlip): Promise<Buffer> {
  const { doc, finish } = createSlipDocument({
    title: `${RECEIPT_TITLE} — ${data.dossierCode}`,
    subject: 'Mẫu số 01, Phụ lục I Thông tư 03/2025/TT-VPCP',
    author: data.agency.fullName,
    createdAt: data.issuedAt,
  });
  drawHeading(doc, {
    agency: data.agency,
    number: data.number ?? BLANK,
    dateLine: placeDateLine(data.agency.place, data.issuedAt),
    qr: { url: data.lookupUrl, code: data.dossierCode },
  });
  drawTitle(doc, RECEIPT_TITLE, [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }]]);

  field(doc, `${data.agency.fullName} tiếp nhận hồ sơ của`, data.applicant.name);
  for (const line of contactLines(data.applicant)) paragraph(doc, line);
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
  paragraph(doc, [{ text: `Vào Sổ theo dõi hồ sơ, Quyển số: ${book?.book ?? BLANK}   Số thứ tự: ${book?.entry ?? BLANK}` }]);
  paragraph(
    doc,
    [
      { text: 'Khi đến nhận kết quả, ', style: 'italic' },
      {
        text:
          'người nhận mang theo Giấy này (nếu mất, xuất trình giấy tờ tùy thân; nhận thay phải có văn bản ủy quyền). ' +
          `Hồ sơ có thể được giải quyết xong trước hẹn; tra cứu tiến độ bằng mã QR hoặc mã hồ sơ${data.agency.website ? ` tại ${data.agency.website}` : ''}` +
          `${data.agency.phone ? `, điện thoại ${data.agency.phone}` : ''}.`,
        style: 'italic',
      },
    ],
    { size: 12 },
  );

  drawSignatures(doc, [
    { title: 'Người nộp hồ sơ', hint: '(Ký, ghi rõ họ tên)', name: data.applicant.name },
    { title: 'Người tiếp nhận hồ sơ', hint: '(Ký, ghi rõ họ tên)', ...(data.receiver.name ? { name: data.receiver.name } : {}) },
  ]);
  return finish();
}
