/**
 * The QR code of the 12-digit citizen ID card (CCCD with chip, 2021 model; also printed on the
 * 2024 "Thẻ căn cước"): it holds the card's data as text, fields separated by `|`:
 *
 *   idNumber | oldIdNumber | fullName | birthDate (ddmmyyyy) | sex | placeOfResidence | dateOfIssue (ddmmyyyy)
 *   e.g. 079186001234|025123456|Nguyễn Thị Hồng Nhung|20051986|Nữ|12 Tô Hiến Thành, …|15082021
 *
 * The Ministry of Public Security does not publish this layout; the order above is the one
 * independent readers agree on (e.g. github.com/dangbaokhoa/identity-card README: "Số CCCD, Số
 * CMND cũ, Họ tên, Ngày sinh, Giới tính, Địa chỉ thường trú, Ngày cấp", and the notes in
 * ../shared/eval/README.md, which ask to verify it on real cards). The old ID number is empty
 * for people who never had a 9-digit card. Nationality is not in the payload; the card is issued
 * to Vietnamese citizens only, so it is reported as "Việt Nam" (confidence 0.9).
 *
 * Decoding is bounded in time: a few attempts (as is, grayscale + normalised, 2× upscaled when
 * small or downsized when large, rotated 90/180/270°), each with jsQR, stopping at the first
 * success or when the budget is spent.
 */
import jsQRModule, { type QRCode } from 'jsqr';
import sharp, { type Sharp } from 'sharp';
import { checkCitizenId, CITIZEN_ID_MESSAGES_VI } from '../../../shared/citizen-id.js';
import type { IdCardConfidence, IdCardFields } from '../../../shared/schemas/copilot.js';
import { civilDate, sexOf } from './label-text.js';
import { MAX_INPUT_PIXELS } from './ocr-worker.js';

type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'dontInvert' | 'attemptBoth' }) => QRCode | null;
// jsqr is a CommonJS bundle: depending on the loader its default import is the function or the module object.
const jsQR: JsQr = typeof jsQRModule === 'function' ? (jsQRModule as JsQr) : (jsQRModule as unknown as { default: JsQr }).default;

/** Time budget for all QR attempts on one image (an attempt already started may finish after it). */
export const QR_BUDGET_MS = 1500;
/** Longest side jsQR gets (its cost grows with the area; a card photo's QR stays large enough). */
const QR_MAX_SIDE = 1600;
/** Below this longest side the image is upscaled 2× for one attempt. */
const SMALL_SIDE = 1000;

interface Attempt {
  name: string;
  build: (input: Sharp, longSide: number) => Sharp;
}

const capped = (s: Sharp, longSide: number, max = QR_MAX_SIDE) => (longSide > max ? s.resize({ width: max, height: max, fit: 'inside' }) : s);

const ATTEMPTS: Attempt[] = [
  { name: 'as-is', build: (s, l) => capped(s, l) },
  { name: 'normalised', build: (s, l) => capped(s, l).grayscale().normalise() },
  {
    name: 'resized',
    // Small or low-resolution photos: 2× upscale; large ones: a smaller copy, where blur matters less.
    build: (s, l) => (l < SMALL_SIDE ? s.resize({ width: 2 * l, height: 2 * l, fit: 'inside' }) : s.resize({ width: 800, height: 800, fit: 'inside' })).grayscale().normalise(),
  },
  ...[90, 180, 270].map((angle) => ({ name: `rotated-${angle}`, build: (s: Sharp, l: number) => capped(s, l, 1200).rotate(angle).grayscale().normalise() })),
];

/** The text of the first QR code found in the image, or null (within `budgetMs`). */
export async function decodeQr(image: Buffer, budgetMs = QR_BUDGET_MS): Promise<{ text: string; attempt: string } | null> {
  const started = performance.now();
  const meta = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  for (const attempt of ATTEMPTS) {
    if (performance.now() - started > budgetMs) return null;
    const base = sharp(image, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    const { data, info } = await attempt.build(base, Math.max(meta.width, meta.height)).raw().toBuffer({ resolveWithObject: true });
    const code = jsQR(toRgba(data, info.channels), info.width, info.height, { inversionAttempts: 'attemptBoth' });
    if (code && code.data !== '') return { text: code.data, attempt: attempt.name };
  }
  return null;
}

/** Raw pixels (1–4 channels) as the RGBA jsQR expects. */
function toRgba(data: Buffer, channels: number): Uint8ClampedArray {
  if (channels === 4) return new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  const pixels = data.length / channels;
  const out = new Uint8ClampedArray(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    const o = i * channels;
    const grey = channels < 3;
    out[i * 4] = data[o] ?? 0;
    out[i * 4 + 1] = grey ? (data[o] ?? 0) : (data[o + 1] ?? 0);
    out[i * 4 + 2] = grey ? (data[o] ?? 0) : (data[o + 2] ?? 0);
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** 'ddmmyyyy' → 'YYYY-MM-DD', or null. */
function compactDate(s: string | undefined): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec((s ?? '').trim());
  return m ? civilDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export interface ParsedIdQr {
  fields: IdCardFields;
  confidence: IdCardConfidence;
  idNumberWarning: string | null;
}

/**
 * Parses the `|`-separated payload. Returns null when the text is not a CCCD payload (fewer than
 * 6 fields, or a first field that is not a 12-digit number), e.g. another QR code on the page.
 */
export function parseIdCardQr(payload: string): ParsedIdQr | null {
  const parts = payload.normalize('NFC').split('|').map((p) => p.trim());
  if (parts.length < 6) return null;
  const [id = '', oldId = '', name = '', birth, sex = '', residence = '', issued] = parts;
  if (!/^\d{12}$/.test(id)) return null;
  const birthDate = compactDate(birth);
  const problem = checkCitizenId(id, birthDate);
  const fields: IdCardFields = {
    idNumber: id,
    oldIdNumber: /^\d{9}$/.test(oldId) ? oldId : null,
    fullName: name === '' ? null : name.replace(/\s+/g, ' '),
    birthDate,
    sex: sexOf(sex),
    nationality: 'Việt Nam',
    placeOfResidence: residence === '' ? null : residence.replace(/\s+/g, ' '),
    dateOfIssue: compactDate(issued),
  };
  const sure = (present: unknown) => (present === null ? 0 : 1);
  return {
    fields,
    confidence: {
      idNumber: problem ? 0.5 : 1,
      oldIdNumber: sure(fields.oldIdNumber),
      fullName: sure(fields.fullName),
      birthDate: sure(fields.birthDate),
      sex: sure(fields.sex),
      nationality: 0.9,
      placeOfResidence: sure(fields.placeOfResidence),
      dateOfIssue: sure(fields.dateOfIssue),
    },
    idNumberWarning: problem ? CITIZEN_ID_MESSAGES_VI[problem] : null,
  };
}
