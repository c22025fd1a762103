import type { FieldSuggestion, ReadDocumentResult } from '../../../shared/schemas/copilot.js';
import { checkCitizenId } from '../../../shared/citizen-id.js';
import { cleanValue, digitsFromOcr, findDate, findLabel, foldAligned, sexOf, textLines, titleCaseName } from './label-text.js';
import { prepareForOcr, type OcrLine, type OcrPool } from './ocr-worker.js';
import { checkImage } from './read-id-card.js';

/**
 * Key fields of civil-status papers and application forms (trích lục khai sinh, tờ khai, giấy
 * xác nhận cư trú …), found by their printed labels. The labels are those of the forms in
 * Thông tư 04/2024/TT-BTP (hộ tịch) and the usual application forms; matched on folded text so
 * OCR slips in the marks do not matter. Rules are tried in order and the first match of a key
 * wins; parents' rules come before the person's so "Họ, chữ đệm, tên người cha" is not taken as
 * the person's name.
 */
interface Rule {
  key: string;
  label: string;
  pattern: RegExp;
  kind: 'name' | 'date' | 'id' | 'sex' | 'text' | 'phone';
}

const RULES: Rule[] = [
  // "Họ" is often read "Hg" or "Ho": the labels hinge on "chữ đệm, tên".
  { key: 'fatherName', label: 'Họ, chữ đệm, tên người cha', pattern: /chu\s*dem\s*,?\s*(?:va\s*)?ten\s*(?:cua\s*)?(?:nguoi\s*)?cha|h[o0g]\s*(?:va\s*)?ten\s*(?:nguoi\s*)?cha/, kind: 'name' },
  { key: 'motherName', label: 'Họ, chữ đệm, tên người mẹ', pattern: /chu\s*dem\s*,?\s*(?:va\s*)?ten\s*(?:cua\s*)?(?:nguoi\s*)?me|h[o0g]\s*(?:va\s*)?ten\s*(?:nguoi\s*)?me/, kind: 'name' },
  { key: 'fullName', label: 'Họ, chữ đệm, tên', pattern: /chu\s*dem\s*,?\s*(?:va\s*)?ten|h[o0g]\s*(?:va|v)\s*ten|full\s*name/, kind: 'name' },
  { key: 'birthDate', label: 'Ngày, tháng, năm sinh', pattern: /ngay\s*,?\s*thang\s*,?\s*nam\s*sinh|ngay\s*sinh|date\s*of\s*birth/, kind: 'date' },
  { key: 'idNumber', label: 'Số định danh cá nhân', pattern: /so\s*dinh\s*danh(?:\s*ca\s*nhan)?|so\s*(?:the\s*)?can\s*cuoc(?:\s*cong\s*dan)?|so\s*cccd|so\s*cmnd/, kind: 'id' },
  { key: 'sex', label: 'Giới tính', pattern: /gioi\s*tinh/, kind: 'sex' },
  { key: 'ethnicity', label: 'Dân tộc', pattern: /dan\s*toc/, kind: 'text' },
  { key: 'nationality', label: 'Quốc tịch', pattern: /quoc\s*tich/, kind: 'text' },
  { key: 'birthPlace', label: 'Nơi sinh', pattern: /noi\s*sinh/, kind: 'text' },
  { key: 'hometown', label: 'Quê quán', pattern: /que\s*quan/, kind: 'text' },
  { key: 'residence', label: 'Nơi cư trú', pattern: /noi\s*(?:cu\s*tru|thuong\s*tru|o\s*hien\s*nay|tam\s*tru)|dia\s*chi\s*(?:thuong\s*tru|lien\s*he)?/, kind: 'text' },
  { key: 'phone', label: 'Số điện thoại', pattern: /(?:so\s*)?dien\s*thoai/, kind: 'phone' },
  { key: 'registrationNumber', label: 'Số đăng ký (số, quyển số)', pattern: /^\s*so\s*:|quyen\s*so/, kind: 'text' },
];

const ANY_LABEL = new RegExp(RULES.map((r) => r.pattern.source).join('|'));

function valueOf(rule: Rule, raw: string): string | null {
  const value = cleanValue(raw);
  switch (rule.kind) {
    case 'name': {
      const letters = value.replace(/[^\p{L}\s]/gu, '').replace(/\s+/g, ' ').trim();
      return /\p{L}+\s+\p{L}+/u.test(letters) ? titleCaseName(letters) : null;
    }
    case 'date':
      return findDate(value);
    case 'id': {
      const digits = digitsFromOcr(value).replace(/\D/g, '');
      return digits.length === 12 || digits.length === 9 ? digits : null;
    }
    case 'sex':
      return sexOf(value);
    case 'phone': {
      const digits = digitsFromOcr(value).replace(/[^\d+]/g, '');
      return /^(\+84|0)\d{9,10}$/.test(digits) ? digits : null;
    }
    case 'text':
      return value.length >= 2 ? value : null;
  }
}

/**
 * Suggestions for the form from a document's text: one per key, each with the OCR confidence of
 * its line (halved when an ID number fails its check). For the official to confirm.
 */
export function extractFields(text: string, ocrLines: readonly OcrLine[] = []): FieldSuggestion[] {
  const lines = textLines(text);
  const taken = new Set<number>();
  const out: FieldSuggestion[] = [];
  for (const rule of RULES) {
    if (out.some((s) => s.key === rule.key)) continue;
    for (let from = 0; from < lines.length; ) {
      const hit = findLabel(lines, rule.pattern, ANY_LABEL, from);
      if (!hit) break;
      from = hit.line + 1;
      // A line already used by a more specific rule (a parent's name) is not the person's.
      if (taken.has(hit.line) && rule.kind === 'name') continue;
      let value = valueOf(rule, hit.value);
      let line = hit.line;
      const next = lines[hit.line + 1];
      if (value === null && hit.value === '' && next !== undefined && !ANY_LABEL.test(foldAligned(next))) {
        value = valueOf(rule, next);
        line = hit.line + 1;
      }
      if (value === null) continue;
      taken.add(hit.line);
      const ocrLine = ocrLines.find((l) => l.text !== '' && (lines[line] ?? '').includes(l.text.slice(0, 10)));
      let confidence = ocrLine?.confidence ?? (ocrLines.length === 0 ? 1 : 0.5);
      if (rule.kind === 'id' && value.length === 12 && checkCitizenId(value) !== null) confidence /= 2;
      out.push({ key: rule.key, label: rule.label, value, confidence: Math.round(confidence * 100) / 100 });
      break;
    }
  }
  return out;
}

/**
 * Reads another document (birth certificate extract, household papers, an application form):
 * its text by OCR and suggested key fields. Nothing is stored.
 */
export async function readDocument(options: { image: Buffer; ocr: OcrPool }): Promise<ReadDocumentResult> {
  const started = performance.now();
  checkImage(options.image);
  const result = await options.ocr.recognize(await prepareForOcr(options.image));
  return {
    text: result.text.trim(),
    confidence: Math.max(0, Math.min(1, result.confidence)),
    suggestions: extractFields(result.text, result.lines),
    ms: Math.round(performance.now() - started),
  };
}
