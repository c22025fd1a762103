/**
 * VietQR bank-transfer payloads: the text a citizen's banking app reads from the QR code shown
 * with a fee, so the transfer arrives with the right account, amount and purpose (the dossier
 * code, for reconciliation).
 *
 * Format: EMVCo Merchant-Presented QR (ID / 2-digit length / value data objects) with NAPAS's
 * VietQR profile for "NAPAS 247 fast transfer to an account" (service code QRIBFTTA):
 *
 *   00 "01"                         payload format indicator
 *   01 "11" | "12"                  point of initiation: static (no amount) / dynamic (amount set)
 *   38 ┬ 00 "A000000727"            NAPAS GUID
 *      ├ 01 ┬ 00 <6-digit BIN>      beneficiary organisation: acquirer / bank BIN
 *      │    └ 01 <account number>   consumer id: the account (up to 19)
 *      └ 02 "QRIBFTTA"              service: transfer to an account
 *   53 "704"                        currency (ISO 4217 VND)
 *   54 <amount>                     optional, whole VND, up to 13 characters
 *   58 "VN"                         country
 *   62 ┬ 01 <bill number>           optional (not used by buildVietQrPayload)
 *      └ 08 <purpose>               purpose of transaction, up to 25 characters
 *   63 <CRC>                        CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection,
 *                                   no final xor) over everything before it *including* "6304",
 *                                   as 4 upper-case hex digits
 *
 * Sources (checked 2026; the published example payloads are in vietqr.test.ts):
 * - NAPAS, "Technical Specifications on NAPAS QR Switching — Part IV: QR Code Format",
 *   v1.5.2, January 2021 (English edition of "Tài liệu quy định về định dạng mã VietQR trong
 *   dịch vụ chuyển nhanh NAPAS247"), https://www.scribd.com/document/739763909 — field tables
 *   for IDs 00/01/38/53/54/58/62/63 and the example payloads (§6.3, "IBFT to account"
 *   static and dynamic); the examples are reproduced verbatim in
 *   github.com/binhnguyenduc/vietqr-ts tests/compliance/napas-static-account.test.ts and
 *   napas-dynamic-account.test.ts.
 * - EMVCo, "EMV QR Code Specification for Payment Systems: Merchant-Presented Mode" v1.1 —
 *   data-object layout and the CRC (ISO/IEC 13239 polynomial 1021, initial FFFF); summary of
 *   the field table at https://docs.rs/crate/eqr/1.9.49/source/promptpay.md.
 * - github.com/giautm/emvqr-go README.md — the ID 38 sub-fields (00 GUID, 01 BIN + account,
 *   02 QRIBFTTA) and ID 62.08 "purpose of transaction", up to 25 characters.
 * - github.com/subiz/vietqr README.md and vietqr_test.go — generated payloads with their CRCs.
 * - https://tienng21.com/blog/vietqr-generating-banking-qr-codes — the CRC variant and that
 *   it covers the "6304" prefix.
 */
import QRCode from 'qrcode';
import { foldVietnamese } from '../../../shared/text.js';
import { AppError } from '../../http/app-error.js';

export const NAPAS_GUID = 'A000000727';
export const SERVICE_TO_ACCOUNT = 'QRIBFTTA';
const CURRENCY_VND = '704';
const COUNTRY_VN = 'VN';
const MAX_PURPOSE_CHARS = 25;
const MAX_AMOUNT_DIGITS = 13;

export interface VietQrInput {
  /** The beneficiary bank's 6-digit NAPAS BIN, e.g. "970436" (Vietcombank). */
  bankBin: string;
  /** The beneficiary account: 1–19 letters or digits. */
  accountNumber: string;
  /** Fee to pay, whole đồng; omit for a QR where the payer types the amount. */
  amountVnd?: number;
  /** Transfer description, e.g. the dossier code; folded to ASCII upper case, ≤ 25 characters after folding. */
  purpose?: string;
}

/** Raw field values for `encodeVietQrPayload`, already valid: no checks beyond TLV lengths. */
export interface VietQrFields {
  bankBin: string;
  accountNumber: string;
  /** Digits only. */
  amount?: string;
  billNumber?: string;
  purpose?: string;
}

/** One EMVCo data object: 2-digit ID, 2-digit length, value (1–99 characters). */
function tlv(id: string, value: string): string {
  if (value.length < 1 || value.length > 99) throw new RangeError(`VietQR field ${id} must be 1–99 characters, got ${value.length}`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE of the UTF-8 bytes of `data`, as 4 upper-case hex digits ("123456789" → "29B1"). */
export function crc16CcittFalse(data: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(data, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * The payload for already-normalised fields. Prefer `buildVietQrPayload`, which validates and
 * normalises; this exists so the layout can be checked against published examples verbatim.
 */
export function encodeVietQrPayload(fields: VietQrFields): string {
  const beneficiary = tlv('00', fields.bankBin) + tlv('01', fields.accountNumber);
  const merchantAccount = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', SERVICE_TO_ACCOUNT);
  const additional = (fields.billNumber ? tlv('01', fields.billNumber) : '') + (fields.purpose ? tlv('08', fields.purpose) : '');
  const body =
    tlv('00', '01') +
    tlv('01', fields.amount ? '12' : '11') +
    tlv('38', merchantAccount) +
    tlv('53', CURRENCY_VND) +
    (fields.amount ? tlv('54', fields.amount) : '') +
    tlv('58', COUNTRY_VN) +
    (additional ? tlv('62', additional) : '');
  const withCrcHeader = `${body}6304`;
  return withCrcHeader + crc16CcittFalse(withCrcHeader);
}

/**
 * The purpose as bank apps accept it: Vietnamese folded to ASCII (no diacritics, đ → D),
 * punctuation turned into spaces, upper case. "Hồ sơ HS-2025.000123" → "HO SO HS 2025 000123".
 */
export function normaliseVietQrPurpose(purpose: string): string {
  return foldVietnamese(purpose).toUpperCase();
}

/**
 * The VietQR payload for a transfer of `amountVnd` to the center's account, with the purpose
 * (e.g. the dossier code) pre-filled. Throws PAYMENT_QR_INVALID listing every invalid field;
 * a purpose that is too long is refused, not cut, so the dossier code is never lost.
 */
export function buildVietQrPayload(input: VietQrInput): string {
  const errors: Array<{ path: string; message: string }> = [];
  if (!/^\d{6}$/.test(input.bankBin)) errors.push({ path: '/bankBin', message: 'Mã BIN ngân hàng phải gồm đúng 6 chữ số.' });
  if (!/^[A-Za-z0-9]{1,19}$/.test(input.accountNumber)) {
    errors.push({ path: '/accountNumber', message: 'Số tài khoản phải gồm 1–19 chữ cái hoặc chữ số, không dấu cách.' });
  }
  let amount: string | undefined;
  if (input.amountVnd !== undefined) {
    amount = String(input.amountVnd);
    if (!Number.isSafeInteger(input.amountVnd) || input.amountVnd <= 0 || amount.length > MAX_AMOUNT_DIGITS) {
      errors.push({ path: '/amountVnd', message: `Số tiền phải là số nguyên dương (đồng), tối đa ${MAX_AMOUNT_DIGITS} chữ số.` });
    }
  }
  let purpose: string | undefined;
  if (input.purpose !== undefined) {
    purpose = normaliseVietQrPurpose(input.purpose);
    if (!/^[A-Z0-9 ]+$/.test(purpose) || purpose.length > MAX_PURPOSE_CHARS) {
      errors.push({
        path: '/purpose',
        message: `Nội dung chuyển khoản phải có chữ hoặc số, tối đa ${MAX_PURPOSE_CHARS} ký tự sau khi bỏ dấu.`,
      });
    }
  }
  if (errors.length > 0) {
    throw new AppError('PAYMENT_QR_INVALID', { errors, internal: `invalid VietQR input: ${errors.map((e) => e.path).join(', ')}` });
  }
  return encodeVietQrPayload({ bankBin: input.bankBin, accountNumber: input.accountNumber, amount, purpose });
}

/**
 * The payload as an SVG QR code (error correction M, 4-module quiet zone as the QR standard
 * asks), to embed in a page or a printed slip.
 */
export async function vietQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
