/**
 * Helpers to pick labelled values out of recognised text. OCR drops or swaps Vietnamese marks
 * ("Ho va tén"), so labels are matched on folded text; values are cut from the original text at
 * the same positions, which works because the fold here keeps one character per character.
 */

/** Folds one NFC string character by character: marks dropped, đ→d, lower case; same length. */
export function foldAligned(nfc: string): string {
  let out = '';
  for (const ch of nfc) {
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    const folded = (base === '' ? ch : base).replace(/[đð]/g, 'd').replace(/[ĐÐ]/g, 'D').toLowerCase();
    // A code point that does not fold to exactly one UTF-16 unit keeps its place with a stand-in.
    out += folded.length === ch.length ? folded : ch.length === 1 ? '?' : '??';
  }
  return out;
}

/** Lines of recognised text, NFC, trimmed, blank ones dropped. */
export function textLines(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l !== '');
}

export interface LabelHit {
  line: number;
  /** The value on the label's line (after the label and its colon), trimmed; may be ''. */
  value: string;
}

/**
 * Finds the first line whose folded text matches `label` (a regex over folded text) and returns
 * what follows the label on that line, up to `stopAt` (another label on the same line).
 */
export function findLabel(lines: readonly string[], label: RegExp, stopAt?: RegExp, from = 0): LabelHit | null {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const folded = foldAligned(line);
    const m = label.exec(folded);
    if (!m) continue;
    let start = m.index + m[0].length;
    // A bilingual label: skip its second language when it is a known label too
    // ("Nơi thường trú / Place of residence").
    if (stopAt) {
      const rest = folded.slice(start);
      const lead = /^\s*[/|\\]?\s*/.exec(rest)?.[0].length ?? 0;
      const again = stopAt.exec(rest);
      if (again && again.index <= lead) start += again.index + again[0].length;
    }
    // Then the colon, possibly after an unknown or garbled label part ("/ P\ace of origin:"),
    // but never across another label or a digit (the colon of the next field on the line).
    const rest = folded.slice(start);
    const colon = /^[^:;\d]{0,30}?[:;]/.exec(rest);
    if (colon && !(stopAt?.test(colon[0].slice(0, -1)) ?? false)) start += colon[0].length;
    else start += /^\s*[-.,]/.exec(rest)?.[0].length ?? 0;
    let end = line.length;
    if (stopAt) {
      const rest = folded.slice(start);
      const stop = stopAt.exec(rest);
      if (stop) end = start + stop.index;
    }
    return { line: i, value: cleanValue(line.slice(start, end)) };
  }
  return null;
}

/** Trims punctuation OCR leaves around a value ("": Nguyễn Văn A ." → "Nguyễn Văn A"). */
export function cleanValue(s: string): string {
  return s.replace(/^[\s:;.,|/\\\-_'"`~]+/, '').replace(/[\s:;,|/\\\-_'"`~]+$/, '').replace(/\s+/g, ' ').trim();
}

/** 'YYYY-MM-DD' from day, month, year if it is a real calendar date (1900–2099), else null. */
export function civilDate(day: number, month: number, year: number): string | null {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** OCR confusions inside digit runs: O/o→0, l/I/|→1, S→5, B→8. */
export function digitsFromOcr(s: string): string {
  return s.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1').replace(/S/g, '5').replace(/B/g, '8');
}

/**
 * The first date in a piece of text: dd/mm/yyyy (also with - or . and stray spaces) or
 * "ngày 05 tháng 3 năm 2020". Returns 'YYYY-MM-DD' or null.
 */
export function findDate(text: string): string | null {
  const folded = foldAligned(text.normalize('NFC'));
  const digits = digitsFromOcrKeepLetters(folded);
  // dd/mm/yyyy; OCR sometimes drops one separator ("1101/1975", "11/011975").
  for (const pattern of [/(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})/, /(?<!\d)(\d{2})(\d{2})\s*[/\-.]\s*(\d{4})/, /(?<!\d)(\d{2})\s*[/\-.]\s*(\d{2})(\d{4})(?!\d)/]) {
    const m = pattern.exec(digits);
    const date = m ? civilDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    if (date) return date;
  }
  const words = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/.exec(folded);
  if (words) return civilDate(Number(words[1]), Number(words[2]), Number(words[3]));
  return null;
}

/** Maps O/o/l/I to digits only when they sit between digits or separators, so words stay words. */
function digitsFromOcrKeepLetters(s: string): string {
  return s.replace(/(?<=[\d/.-])[oOlI](?=[\d/.-])|(?<=\d)[oOlI]|[oOlI](?=\d)/g, (c) => (c === 'o' || c === 'O' ? '0' : '1'));
}

/** "NGUYỄN VĂN AN" → "Nguyễn Văn An" (cards print names in capitals; forms prefill in title case). */
export function titleCaseName(s: string): string {
  return s
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join(' ');
}

/** 'Nam' | 'Nữ' from a value like "Nữ", "NU", "Nam." (folded), else null. */
export function sexOf(value: string): 'Nam' | 'Nữ' | null {
  const f = foldAligned(value.normalize('NFC')).trim();
  if (/^nam\b/.test(f)) return 'Nam';
  if (/^nu\b/.test(f) || /^n[uư]$/.test(f)) return 'Nữ';
  return null;
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** Character error rate of `hypothesis` against `reference` (NFC): edits / reference length. */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const ref = reference.normalize('NFC');
  const hyp = hypothesis.normalize('NFC');
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return editDistance(ref, hyp) / [...ref].length;
}
