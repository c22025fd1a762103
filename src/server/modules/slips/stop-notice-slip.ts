/**
 * Mẫu số 05 — Thông báo dừng giải quyết hồ sơ (stop notice), new in TT 03/2025: on the citizen's
 * request, while no result has been issued (ND 118/2025 Art. 21, TT 03/2025 Art. 7). The annex's
 * layout was not available; this one follows the letter form of Mẫu 04 and lists the paper
 * documents handed back. Layout and fields: docs/slips.md.
 */
import { drawAddressee, startDossierSlip } from './dossier-slip.js';
import { drawLetterEnding, paragraph } from './pdf-layout.js';
import type { StopNoticeSlip } from './slip-data.js';
import { documentsTable, drawTable } from './table.js';
import { dateTimePhrase, formatDateVN, honorific, sentence } from './vn-format.js';

export const STOP_NOTICE_TITLE = 'Thông báo dừng giải quyết hồ sơ';

export async function renderStopNoticeSlip(data: StopNoticeSlip): Promise<Buffer> {
  const { doc, finish } = startDossierSlip(data, { title: STOP_NOTICE_TITLE, form: 'Mẫu số 05' });
  const you = honorific(data.applicant);
  drawAddressee(doc, data.applicant);
  paragraph(doc, [
    { text: `${data.agency.fullName} đã tiếp nhận hồ sơ của ${you} ngày ${formatDateVN(data.receivedAt)}, thủ tục: ` },
    { text: data.procedure.name, style: 'bold' },
    { text: '; mã hồ sơ: ' },
    { text: data.dossierCode, style: 'bold' },
    { text: `. Ngày ${formatDateVN(data.requestedAt)}, ${you} đề nghị dừng giải quyết hồ sơ nêu trên${data.requestReason ? ` với lý do: ${sentence(data.requestReason)}` : '.'}` },
  ]);
  paragraph(doc, [
    {
      text:
        'Căn cứ Điều 21 Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ và Điều 7 Thông tư số 03/2025/TT-VPCP ' +
        `ngày 15/9/2025 của Văn phòng Chính phủ; tại thời điểm ${you} đề nghị, hồ sơ chưa có kết quả giải quyết. ` +
        `${data.agency.fullName} thông báo dừng giải quyết hồ sơ kể từ `,
    },
    { text: dateTimePhrase(data.stoppedAt), style: 'bold' },
    { text: '.' },
  ]);
  if (data.returnedDocuments.length > 0) {
    paragraph(doc, [{ text: `Giấy tờ đã nộp được trả lại cho ${you} gồm:` }]);
    drawTable(doc, documentsTable(data.returnedDocuments, 'Giấy tờ trả lại'));
  }
  if (data.feeNote !== undefined) paragraph(doc, [{ text: `Phí, lệ phí: ${sentence(data.feeNote)}` }]);
  paragraph(doc, [{ text: `Xin thông báo để ${you} được biết./.` }]);
  drawLetterEnding(doc, data.recipients, data.signer);
  return finish();
}
