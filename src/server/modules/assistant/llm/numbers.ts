import { foldVietnamese } from '../../../../shared/text.js';

/**
 * Reading the numbers out of a text the way a citizen reads them, so that an LLM's "8.000 đồng"
 * is the record's "8,000 VNĐ" and its "3 ngày làm việc" is the record's "03 ngày làm việc":
 * separators (8.000 / 8,000 / 8 000), leading zeros, "nghìn/ngàn/triệu" multipliers and the
 * spelled-out numbers up to twenty in front of a unit are normalised; the unit after the
 * number gives its kind. Procedure codes (1.001193) and dates (dd/mm/yyyy) are read apart.
 */

export type NumberKind = 'money' | 'workdays' | 'days' | 'hours' | 'copies' | 'percent' | 'months' | 'years' | 'age' | 'plain';

export interface NumberMention {
  value: number;
  kind: NumberKind;
  /** Offset in the text. */
  at: number;
  raw: string;
}

export interface TextNumbers {
  numbers: NumberMention[];
  /** `d/m/yyyy`, no leading zeros. */
  dates: string[];
  /** National procedure codes such as `1.001193`. */
  codes: string[];
}

const CODE = /(?<![\d.,])\d\.\d{6}(?![\d])/g;
const DATE = /(?<![\d/.,])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/])/g;
const CLOCK = /(?<!\d)(\d{1,2})(?:h|:|\s?giờ\s?)(\d{2})(?!\d)/g;
// 8.000 / 8,000 / 8 000 (one separator throughout) before a plain or decimal number.
const NUMBER = /(?<![\d])(?:(\d{1,3}(?:([.,\u00a0\u202f ])\d{3})(?:\2\d{3})*)|(\d+(?:[.,]\d+)?))(?![\d])/g;

const SPELLED: Record<string, number> = {
  một: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, lăm: 5, sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9, mười: 10,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20,
};
const UNIT_WORDS = 'ngày|bản|bộ|giờ|tiếng|tháng|năm|tuổi|nghìn|ngàn|triệu|đồng|days?|working|business|copies|copy|sets?|hours?|months?|years?|thousand|million|dong|vnd';
const SPELLED_NUMBER = new RegExp(
  `(?<![\\p{L}])(mười (?:một|hai|ba|bốn|lăm|năm|sáu|bảy|tám|chín)|${Object.keys(SPELLED).join('|')})\\s+(?=(?:${UNIT_WORDS})(?![\\p{L}]))`,
  'gu',
);

/** A number right after one of these words is a label or an ordinal, not a quantity: "Điều 5", "Mẫu 01", "ngày 15 tháng 11". */
const LABEL_BEFORE = /(?:^|\s)(?:ngay|thang|nam|so|dieu|khoan|muc|diem|quay|counter|no|article|clause|step|buoc|lan|phu luc|mau|form|chuong|phan|tiet|lop|khu|thon|ap|phong|room)$/;
const FEE_BEFORE = /(?:^|\s)(?:le phi|phi|fee|fees|cost|costs|price|charge)(?:\s|$)/;

const MULTIPLIER: Record<string, number> = { nghin: 1000, ngan: 1000, trieu: 1_000_000, ty: 1_000_000_000, thousand: 1000, million: 1_000_000 };

function kindAfter(after: string, raw: string): { kind: NumberKind | null; times: number } {
  if (/^\s*%/.test(after)) return { kind: 'percent', times: 1 };
  // A unit follows the number directly: "2. Bản án…" is a list index, "Trực tuyến: 1; …" a bare number.
  if (!/^\s*[\p{L}₫]/u.test(after)) return { kind: null, times: 1 };
  let f = foldVietnamese(after.slice(0, 40));
  let times = 1;
  const m = /^(nghin|ngan|trieu|ty|thousand|million)\b\s*/.exec(f);
  if (m?.[1]) {
    times = MULTIPLIER[m[1]] ?? 1;
    f = f.slice(m[0].length);
  }
  // "8.000đ" folds to "8.000d": the currency sign sticks to the number in the raw text.
  if (/^(dong|vnd|d|viet nam dong|vietnamese dong|usd)\b/.test(f) || /^(?:\s*)(?:đ|₫)/u.test(after.slice(0, 3)) || times > 1) return { kind: 'money', times };
  if (/^(ngay lam viec|working days?|business days?|work days?|working day)\b/.test(f)) return { kind: 'workdays', times };
  if (/^(ngay|days?)\b/.test(f)) return { kind: 'days', times };
  if (/^(gio|tieng|hours?|h)\b/.test(f)) return { kind: 'hours', times };
  if (/^(ban|bo|copies|copy|sets?)\b/.test(f)) return { kind: 'copies', times };
  if (/^(phan tram|percent)\b/.test(f)) return { kind: 'percent', times };
  if (/^(thang|months?)\b/.test(f)) return { kind: 'months', times };
  if (/^(tuoi|years? old)\b/.test(f)) return { kind: 'age', times };
  if (/^(nam|years?)\b/.test(f)) return { kind: 'years', times };
  void raw;
  return { kind: null, times };
}

function kindOf(text: string, start: number, end: number, raw: string, defaultKind: NumberKind): { kind: NumberKind; times: number } {
  const before = foldVietnamese(text.slice(Math.max(0, start - 14), start));
  const after = kindAfter(text.slice(end), raw);
  if (LABEL_BEFORE.test(before) && after.kind !== 'money' && after.kind !== 'percent') return { kind: 'plain', times: 1 };
  if (after.kind) return { kind: after.kind, times: after.times };
  // "lệ phí 50.000" / "fee: 8,000": a bare number in the clause that names the fee is an amount.
  const clause = text.slice(Math.max(0, start - 30), start).split(/[\n;]|\.(?!\d)/).pop() ?? '';
  if (FEE_BEFORE.test(` ${foldVietnamese(clause)} `)) return { kind: 'money', times: 1 };
  return { kind: defaultKind, times: 1 };
}

function blank(text: string, from: number, length: number): string {
  return text.slice(0, from) + ' '.repeat(length) + text.slice(from + length);
}

function parseNumber(grouped: string | undefined, plain: string | undefined): number {
  if (grouped !== undefined) return Number(grouped.replace(/[.,\u00a0\u202f ]/g, ''));
  return Number((plain ?? '').replace(',', '.'));
}

/** Every number in a text, with its kind; `defaultKind` for bare numbers (a fee field's numbers are amounts). */
export function numbersIn(input: string, defaultKind: NumberKind = 'plain'): TextNumbers {
  let text = input.normalize('NFC').toLowerCase();
  const codes: string[] = [];
  const dates: string[] = [];
  const numbers: NumberMention[] = [];
  for (const m of text.matchAll(CODE)) {
    codes.push(m[0]);
    text = blank(text, m.index, m[0].length);
  }
  for (const m of text.matchAll(DATE)) {
    dates.push(`${Number(m[1])}/${Number(m[2])}/${m[3] ?? ''}`);
    text = blank(text, m.index, m[0].length);
  }
  for (const m of text.matchAll(CLOCK)) {
    numbers.push({ value: Number(m[1]), kind: 'hours', at: m.index, raw: m[0] });
    const minutes = Number(m[2]);
    if (minutes !== 0) numbers.push({ value: minutes, kind: 'plain', at: m.index, raw: m[0] });
    text = blank(text, m.index, m[0].length);
  }
  for (const m of text.matchAll(SPELLED_NUMBER)) {
    const word = m[1] ?? '';
    const value = word.startsWith('mười ') ? 10 + (SPELLED[word.slice(5)] ?? 0) : (SPELLED[word] ?? 0);
    const { kind, times } = kindOf(text, m.index, m.index + m[0].length, word, defaultKind);
    numbers.push({ value: value * times, kind, at: m.index, raw: word });
  }
  for (const m of text.matchAll(NUMBER)) {
    const { kind, times } = kindOf(text, m.index, m.index + m[0].length, m[0], defaultKind);
    numbers.push({ value: parseNumber(m[1], m[3]) * times, kind, at: m.index, raw: m[0] });
  }
  return { numbers: numbers.sort((a, b) => a.at - b.at), dates, codes };
}
