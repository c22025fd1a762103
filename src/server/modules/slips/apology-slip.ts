/**
 * Mẫu số 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (apology with a new date;
 * TT 01/2018 called it "Phiếu xin lỗi và hẹn lại ngày trả kết quả"). Issued no later than the day
 * before the deadline; the new date may be set only once. A letter: "Kính gửi", body, "Nơi
 * nhận" and the head's signature. Layout and fields: docs/slips.md.
 */
import { drawAddressee, startDossierSlip } from './dossier-slip.js';
import { drawLetterEnding, paragraph } from './pdf-layout.js';
import type { ApologySlip } from './slip-data.js';
import { dateTimePhrase, formatDateVN, honorific, sentence } from './vn-format.js';

export const APOLOGY_TITLE = 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết';

export async function renderApologySlip(data: ApologySlip): Promise<Buffer> {
  const { doc, finish } = startDossierSlip(data, {
    title: APOLOGY_TITLE,
    form: 'Mẫu số 04',
    about: 'V/v xin lỗi và đề nghị gia hạn thời gian giải quyết hồ sơ',
  });
  const you = honorific(data.applicant);
  drawAddressee(doc, data.applicant);
  paragraph(doc, [
      { text: `Ngày ${formatDateVN(data.receivedAt)}, ${data.agency.fullName} tiếp nhận hồ sơ của ${you} đề nghị giải quyết thủ tục: ` },
      { text: data.procedure.name, style: 'bold' },
      { text: '; mã hồ sơ: ' },
      { text: data.dossierCode, style: 'bold' },
    { text: `. Thời hạn giải quyết theo quy định: ${data.processingTime}; thời gian hẹn trả kết quả: ${dateTimePhrase(data.appointmentAt)}.` },
  ]);
  paragraph(doc, [
    { text: `Tuy nhiên, đến nay ${data.processingBody} chưa giải quyết xong hồ sơ của ${you} đúng thời hạn đã hẹn. ` },
    { text: 'Lý do: ', style: 'bold' },
    { text: sentence(data.reason) },
  ]);
  paragraph(doc, [
    {
      text:
        `Sự chậm trễ này đã gây phiền hà, làm mất thời gian của ${you}. ${data.agency.fullName} trân trọng xin lỗi ${you} ` +
        'và đề nghị được gia hạn thời gian giải quyết hồ sơ. Thời gian hẹn trả kết quả mới: ',
    },
    { text: dateTimePhrase(data.newAppointmentAt), style: 'bold' },
    { text: `, tại ${data.resultPlace}.` },
  ]);
  paragraph(doc, [{ text: `Rất mong nhận được sự thông cảm của ${you}./.` }]);
  drawLetterEnding(doc, data.recipients, data.signer);
  return finish();
}
