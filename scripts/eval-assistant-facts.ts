/**
 * Answer-fact check for the assistant evaluation: reads the fee, the processing time and the
 * documents back out of an answer's text and compares them with the gold procedure's catalog
 * fields. Independent of how the answer was composed except for its line labels.
 */
export interface GoldFacts {
  fee: string[];
  feeFree: boolean | null;
  workingDays: number | null;
  sameDay: boolean;
  documents: string[];
}

const FEE = /^(Lệ phí|Fee):/u;
const TIME = /^(Thời hạn giải quyết|Processing time):/u;
const DOCS = /^(Giấy tờ cần nộp\/xuất trình|Documents \(as listed in the Vietnamese catalog\)|Chỉ trong trường hợp riêng|Only in particular cases):$/u;

function numbers(s: string): string[] {
  return (s.match(/\d{1,3}(?:\.\d{3})+|\d+/g) ?? []).sort();
}

function feeOk(lines: string[], gold: GoldFacts): boolean {
  const line = lines.find((l) => FEE.test(l));
  if (!line) return false;
  const same = JSON.stringify(numbers(line)) === JSON.stringify(numbers(gold.fee.join(' ')));
  const free = /Miễn phí|Free of charge/u.test(line);
  return same && (gold.feeFree !== true || free);
}

function timeOk(lines: string[], gold: GoldFacts): boolean {
  const line = lines.find((l) => TIME.test(l));
  if (!line) return false;
  const stated = line.split('(')[0] ?? '';
  if (gold.sameDay) return /trong ngày|same working day/u.test(stated);
  if (gold.workingDays !== null) return numbers(stated)[0] === String(gold.workingDays);
  return true;
}

function documentsOk(lines: string[], gold: GoldFacts): boolean {
  const found: string[] = [];
  let inDocs = false;
  for (const l of lines) {
    if (DOCS.test(l)) inDocs = true;
    else if (inDocs && l.startsWith('- ')) found.push(l.slice(2).replace(/ — .*$/u, '').replace(/ \((?:\d+ )?bản [^()]*\)$/u, ''));
    else inDocs = false;
  }
  if (gold.documents.length === 0) return found.length === 0;
  const want = new Set(gold.documents);
  const got = new Set(found);
  return got.size === want.size && [...got].every((d) => want.has(d));
}

/** True when the fact the question asks for (fee, time, documents) is in the answer and equals the catalog's. */
export function checkAskedFact(answer: string, aspect: string, gold: GoldFacts): boolean {
  const lines = answer.split('\n');
  if (aspect === 'fee') return feeOk(lines, gold);
  if (aspect === 'time') return timeOk(lines, gold);
  if (aspect === 'documents') return documentsOk(lines, gold);
  return feeOk(lines, gold) && timeOk(lines, gold) && documentsOk(lines, gold);
}

/**
 * Every fact the answer states equals the catalog's: null when it states none of them (a
 * "where" or "result" answer), else true/false.
 */
export function checkStatedFacts(answer: string, gold: GoldFacts): boolean | null {
  const lines = answer.split('\n');
  const checks: boolean[] = [];
  if (lines.some((l) => FEE.test(l))) checks.push(feeOk(lines, gold));
  if (lines.some((l) => TIME.test(l))) checks.push(timeOk(lines, gold));
  if (lines.some((l) => DOCS.test(l))) checks.push(documentsOk(lines, gold));
  return checks.length === 0 ? null : checks.every(Boolean);
}
