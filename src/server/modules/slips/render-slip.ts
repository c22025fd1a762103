/**
 * Entry point of the slips module: validates plain slip data and renders it as a PDF. Pure — no
 * database, no network; fonts come from node_modules. The dossier module calls `renderSlip` when
 * it receives, refuses, requests supplements, apologises, stops or reports; registers also have
 * spreadsheet forms (`renderRegisterCsv`, `renderRegisterXlsx`).
 *
 *   const pdf = await renderSlip({ kind: 'receipt', agency, dossierCode, … });
 */
import { APOLOGY_TITLE, renderApologySlip } from './apology-slip.js';
import { PROCESS_CONTROL_TITLE, renderProcessControlSlip } from './process-control-slip.js';
import { RECEIPT_TITLE, renderReceiptSlip } from './receipt-slip.js';
import { REFUSAL_TITLE, renderRefusalSlip } from './refusal-slip.js';
import { REGISTER_TITLE, renderRegisterCsv, renderRegisterPdf, renderRegisterXlsx } from './register.js';
import { parseSlipData, parseWith, RegisterSchema, type RegisterData, type SlipData, type SlipKind } from './slip-data.js';
import { renderStopNoticeSlip, STOP_NOTICE_TITLE } from './stop-notice-slip.js';
import { renderSupplementRequestSlip, SUPPLEMENT_REQUEST_TITLE } from './supplement-request-slip.js';
import { toVietnamDate } from '../calendar/working-calendar.js';

export type { SlipData, SlipKind } from './slip-data.js';
export { SlipDataError } from './slip-data.js';

/** Official name and form number (Phụ lục I Thông tư 03/2025/TT-VPCP) of each slip. */
export const SLIP_FORMS: Record<SlipKind, { form: string; title: string; fileStem: string }> = {
  receipt: { form: 'Mẫu số 01', title: RECEIPT_TITLE, fileStem: 'giay-tiep-nhan' },
  'supplement-request': { form: 'Mẫu số 02', title: SUPPLEMENT_REQUEST_TITLE, fileStem: 'phieu-yeu-cau-bo-sung' },
  refusal: { form: 'Mẫu số 03', title: REFUSAL_TITLE, fileStem: 'phieu-tu-choi' },
  apology: { form: 'Mẫu số 04', title: APOLOGY_TITLE, fileStem: 'van-ban-xin-loi' },
  'stop-notice': { form: 'Mẫu số 05', title: STOP_NOTICE_TITLE, fileStem: 'thong-bao-dung' },
  'process-control': { form: 'Mẫu số 06', title: PROCESS_CONTROL_TITLE, fileStem: 'phieu-kiem-soat' },
  register: { form: 'Mẫu số 07', title: REGISTER_TITLE, fileStem: 'so-theo-doi-ho-so' },
};

/** Validates `data` (throws SlipDataError), normalises its text to NFC and renders the PDF. */
export async function renderSlip(data: SlipData): Promise<Buffer> {
  const slip = parseSlipData(data);
  switch (slip.kind) {
    case 'receipt':
      return renderReceiptSlip(slip);
    case 'supplement-request':
      return renderSupplementRequestSlip(slip);
    case 'refusal':
      return renderRefusalSlip(slip);
    case 'apology':
      return renderApologySlip(slip);
    case 'stop-notice':
      return renderStopNoticeSlip(slip);
    case 'process-control':
      return renderProcessControlSlip(slip);
    case 'register':
      return renderRegisterPdf(slip);
  }
}

/** The register as CSV (UTF-8 with BOM) or XLSX, validated like `renderSlip`. */
export async function renderRegisterSheet(data: RegisterData, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const register = parseWith(RegisterSchema, data);
  return format === 'csv' ? renderRegisterCsv(register) : renderRegisterXlsx(register);
}

/** "giay-tiep-nhan-H29.DEMO.HH-261127-0001.pdf", "so-theo-doi-ho-so-2026-11-01.xlsx". */
export function slipFileName(data: SlipData, extension: 'pdf' | 'csv' | 'xlsx' = 'pdf'): string {
  const stem = SLIP_FORMS[data.kind].fileStem;
  const suffix = data.kind === 'register' ? toVietnamDate(data.from) : (data.dossierCode ?? toVietnamDate(data.issuedAt));
  return `${stem}-${suffix}.${extension}`;
}
