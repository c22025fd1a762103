import { checkCitizenId, CITIZEN_ID_MESSAGES_VI } from '../../../shared/citizen-id.js';
import type { IdCardConfidence, IdCardFields, ReadIdCardResult } from '../../../shared/schemas/copilot.js';
import { AppError } from '../../http/app-error.js';
import { sniffFileType, SNIFF_BYTES } from '../files/sniff.js';
import { decodeQr, parseIdCardQr } from './id-card-qr.js';
import { cleanValue, digitsFromOcr, findDate, findLabel, foldAligned, sexOf, textLines, titleCaseName, type LabelHit } from './label-text.js';
import { prepareForOcr, type OcrLine, type OcrPool, type OcrResult } from './ocr-worker.js';

/**
 * Checks that an upload is a JPEG or PNG from its bytes (never from its name or declared type)
 * and returns its type. A PDF, HTML page or anything else is refused with IMAGE_EXPECTED (415).
 */
export function checkImage(image: Buffer): 'image/jpeg' | 'image/png' {
  if (image.length === 0) throw new AppError('FILE_EMPTY');
  let mime;
  try {
    mime = sniffFileType(image.subarray(0, SNIFF_BYTES));
  } catch (error) {
    throw new AppError('IMAGE_EXPECTED', { internal: (error as Error).message, cause: error });
  }
  if (mime === 'application/pdf') throw new AppError('IMAGE_EXPECTED', { internal: 'a PDF was sent where an image is expected' });
  return mime;
}

/** Labels of the card front (bilingual since 2021), matched on folded text. */
const LABELS = {
  idNumber: /\bs[o0]\s*(?:\/|\|)?\s*n[o0]\b|so dinh danh|so can cuoc/,
  fullName: /h[o0g]\s*(?:va|v)?\s*ten|full\s*name/,
  birthDate: /ngay\s*(?:,\s*thang\s*,\s*nam\s*)?sinh|date\s*of\s*birth/,
  sex: /gioi\s*tinh|\bsex\b/,
  nationality: /quoc\s*tich|nationality/,
  residence: /noi\s*thuong\s*tru|noi\s*cu\s*tru|place\s*of\s*residence/,
  origin: /que\s*quan|place\s*of\s*origin/,
  expiry: /co\s*gia\s*tri\s*den|date\s*of\s*expiry/,
  issue: /ngay\s*cap|date\s*of\s*issue|ngay\s*,?\s*thang\s*,?\s*nam\s*\/?\s*date/,
} as const;

const ANY_LABEL = new RegExp(Object.values(LABELS).map((r) => r.source).join('|'));

function lineConfidence(lines: readonly OcrLine[], text: string | undefined): number {
  if (text === undefined) return 0;
  const line = lines.find((l) => l.text.includes(text.slice(0, 12)) || text.includes(l.text));
  return line?.confidence ?? 0.5;
}

/**
 * The value of a label: on its own line, or on the next line when the label's line has none that
 * `accept`s (OCR often leaves specks after the label: "Full name: ñm").
 */
function valueOrNext(lines: readonly string[], hit: LabelHit | null, accept: (value: string) => boolean = (v) => /[\p{L}\d]{2,}/u.test(v)): { value: string; line: number } | null {
  if (!hit) return null;
  if (accept(hit.value)) return { value: hit.value, line: hit.line };
  const next = lines[hit.line + 1];
  if (next !== undefined && !ANY_LABEL.test(foldAligned(next)) && accept(cleanValue(next))) return { value: cleanValue(next), line: hit.line + 1 };
  return null;
}

/** Two or more words of letters (a name), once digits and punctuation are dropped. */
const looksLikeName = (v: string) => /\p{L}{2,}\s+\p{L}+/u.test(v.replace(/[^\p{L}\s]/gu, ' ').trim());

/** 12 digits on the "Số / No." line, else anywhere in the text (OCR letter/digit confusions fixed). */
function findIdNumber(lines: readonly string[]): { value: string; line: number } | null {
  const hit = findLabel(lines, LABELS.idNumber);
  const candidates = hit ? [hit.line, ...lines.keys()] : [...lines.keys()];
  for (const i of candidates) {
    const runs = digitsFromOcr(lines[i] ?? '').match(/\d[\d ]{10,16}\d/g) ?? [];
    for (const run of runs) {
      // Groups of digits split by spaces: the number may be broken ("0401 75526507") or followed
      // by specks OCR read as digits ("040175526507 1"); take consecutive groups making 12.
      const groups = run.split(' ');
      for (let start = 0; start < groups.length; start++) {
        let digits = '';
        for (let end = start; end < groups.length && digits.length < 12; end++) digits += groups[end] ?? '';
        if (digits.length === 12) return { value: digits, line: i };
      }
    }
  }
  return null;
}

/**
 * Fields of a card front from its recognised text. Confidence per field is the OCR confidence of
 * the line it came from, halved when the value fails its check (ID shape, date, name letters).
 */
export function extractIdCardFields(ocr: Pick<OcrResult, 'text' | 'lines'>): { fields: IdCardFields; confidence: IdCardConfidence; idNumberWarning: string | null } {
  const lines = textLines(ocr.text);
  const conf = (line: number | undefined) => lineConfidence(ocr.lines, line === undefined ? undefined : lines[line]);

  const id = findIdNumber(lines);
  const nameHit = valueOrNext(lines, findLabel(lines, LABELS.fullName, ANY_LABEL), looksLikeName);
  const name = nameHit ? { ...nameHit, value: titleCaseName(nameHit.value.replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/g, ' ').trim()) } : null;
  const birthHit = findLabel(lines, LABELS.birthDate);
  const birthLine = birthHit ? (findDate(birthHit.value) ? birthHit.line : birthHit.line + 1) : undefined;
  const birthDate = birthLine === undefined ? null : findDate(lines[birthLine] ?? '');
  const sexHit = findLabel(lines, LABELS.sex, ANY_LABEL);
  const sex = sexHit ? sexOf(sexHit.value) : null;
  const natHit = valueOrNext(lines, findLabel(lines, LABELS.nationality, ANY_LABEL));
  const nationality = natHit ? (/viet\s*nam/.test(foldAligned(natHit.value)) ? 'Việt Nam' : natHit.value) : null;
  const resHit = valueOrNext(lines, findLabel(lines, LABELS.residence, ANY_LABEL));
  let residence = resHit?.value ?? null;
  // The address often wraps onto a second line without a label.
  const wrapped = resHit ? lines[resHit.line + 1] : undefined;
  if (residence !== null && wrapped !== undefined && !ANY_LABEL.test(foldAligned(wrapped)) && /\p{L}{2,}/u.test(wrapped) && !/\d{2}\s*\/\s*\d{2}\s*\/\s*\d{4}/.test(wrapped)) {
    residence = `${residence}, ${cleanValue(wrapped)}`.replace(/,\s*,/g, ',');
  }
  const issueHit = findLabel(lines, LABELS.issue);
  const dateOfIssue = issueHit ? (findDate(issueHit.value) ?? findDate(lines[issueHit.line + 1] ?? '')) : null;

  const problem = id ? checkCitizenId(id.value, birthDate) : null;
  const fields: IdCardFields = {
    idNumber: id?.value ?? null,
    oldIdNumber: null,
    fullName: name?.value ?? null,
    birthDate,
    sex,
    nationality,
    placeOfResidence: residence,
    dateOfIssue,
  };
  return {
    fields,
    confidence: {
      idNumber: id ? conf(id.line) * (problem ? 0.5 : 1) : 0,
      oldIdNumber: 0,
      fullName: name ? conf(name.line) : 0,
      birthDate: birthDate ? conf(birthLine) : 0,
      sex: sex && sexHit ? conf(sexHit.line) : 0,
      nationality: natHit ? conf(natHit.line) : 0,
      placeOfResidence: resHit ? conf(resHit.line) : 0,
      dateOfIssue: dateOfIssue && issueHit ? conf(issueHit.line) : 0,
    },
    idNumberWarning: problem ? CITIZEN_ID_MESSAGES_VI[problem] : null,
  };
}

export interface ReadIdCardOptions {
  image: Buffer;
  ocr: OcrPool;
  /** Skip the QR code (evaluation of the OCR path). */
  skipQr?: boolean;
}

/**
 * Reads a citizen ID card (CCCD) from a photo or scan for the official to confirm: the QR code
 * first (exact data), the printed text by OCR when no CCCD QR code is found. Nothing is stored.
 */
export async function readIdCard(options: ReadIdCardOptions): Promise<ReadIdCardResult> {
  const started = performance.now();
  checkImage(options.image);
  if (options.skipQr !== true) {
    let qr;
    try {
      qr = await decodeQr(options.image);
    } catch (error) {
      throw new AppError('IMAGE_UNREADABLE', { internal: `QR: ${(error as Error).message}`, cause: error });
    }
    const parsed = qr ? parseIdCardQr(qr.text) : null;
    if (parsed) return { source: 'qr', ...parsed, text: null, ms: Math.round(performance.now() - started) };
  }
  const prepared = await prepareForOcr(options.image);
  const result = await options.ocr.recognize(prepared);
  const extracted = extractIdCardFields(result);
  return { source: 'ocr', ...extracted, text: result.text.trim(), ms: Math.round(performance.now() - started) };
}
