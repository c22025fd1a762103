/**
 * Vietnamese text normalisation shared by the server (catalog search) and the web app.
 * Pure functions, no dependencies: they run the same in Node and in the browser.
 *
 * - `toNFC` is for storing and displaying text: input arrives both composed (NFC) and
 *   decomposed (NFD, e.g. from macOS or some keyboards), and must be compared as NFC.
 * - `foldVietnamese` is for matching only: citizens often type without diacritics, so both
 *   the query and the indexed text are folded the same way. Never display folded text.
 */

/** Composed (NFC) form of a string: "Ho\u0302\u0323 ti\u0323ch" → "Hộ tịch". */
export function toNFC(s: string): string {
  return s.normalize('NFC');
}

/**
 * Letters that look like đ/Đ but are not removed by stripping combining marks: đ (U+0111) and
 * Đ (U+0110) have no decomposition, and text converted from legacy encodings (VNI, TCVN3)
 * sometimes carries the look-alike eth letters ð (U+00F0) / Ð (U+00D0) instead.
 */
const D_LIKE = /[đðĐÐ]/g;
/** Combining marks left after NFD (tones, circumflex, breve, horn). */
const COMBINING_MARKS = /\p{M}+/gu;
/** Anything that is not a letter or a digit separates syllables. */
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Folded matching key: NFD, combining marks dropped, đ/Đ mapped to d/D, lower-cased, and every
 * run of whitespace or punctuation collapsed to one space (trimmed).
 * `foldVietnamese("Giấy  xác nhận—ĐỘC THÂN!")` → `"giay xac nhan doc than"`.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(D_LIKE, (ch) => (ch === 'đ' || ch === 'ð' ? 'd' : 'D'))
    .toLowerCase()
    .replace(NON_WORD, ' ')
    .trim();
}

/** Folded syllables (Vietnamese words are space-separated syllables); `[]` for blank input. */
export function tokenize(s: string): string[] {
  const folded = foldVietnamese(s);
  return folded === '' ? [] : folded.split(' ');
}
