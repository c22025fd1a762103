import { foldVietnamese } from '../../../../shared/text.js';
import { numbersIn, type NumberKind, type NumberMention } from './numbers.js';
import type { RecordFacts } from './record-facts.js';

/**
 * The check an LLM's phrasing must pass before a citizen sees it (docs/assistant.md,
 * "Optional LLM"). It returns the reason for refusing it, or null. The rules, in order:
 *
 * 1. Not empty; at most 3× the composed answer's length.
 * 2. No link except the portal's own paths for the cited procedures (`/thu-tuc/<code>`,
 *    `/nop-truc-tuyen/<code>`, `/lay-so`, `/tra-cuu`); no web address at all.
 * 3. Every procedure code it writes is a cited one; every date (dd/mm/yyyy) is in the records.
 * 4. Every number is in the records, compared as values (8.000 = 8,000 = 8000; 03 = 3;
 *    "8 nghìn đồng" = 8000; "ba ngày" = 3 days) and by kind: an amount of money must be one of
 *    the record's amounts, "N ngày làm việc" one of its working-day figures, "N ngày" a day or
 *    working-day figure, and so on for hours, copies, percentages, months, years and ages; a
 *    number without a unit may be any number of the records. A list index ("2. …" at the
 *    start of a line) is allowed when it is ≤ the number of numbered lines of the reply and ≤
 *    the number of lines of the composed answer.
 * 5. It says "free" ("miễn phí", "không (cần) nộp lệ phí", "free of charge"…) only when the
 *    record's fee says free or exempt.
 * 6. It says a document is not needed ("không cần …", "no need …") only in the record's own
 *    words.
 * 7. A document it quotes ("…") or lists ("- Giấy …", "1. Tờ khai …") is one of the records':
 *    its head (documentHead) is in the records' text, or 80% of its syllables are in one document.
 * 8. Nothing asked is dropped: every document the composed answer lists is named — its name up
 *    to the first punctuation, at most 6 syllables, folded (documentHead); a fee question keeps
 *    the amounts (or "free"); a time question keeps the number of days (or hours).
 */

export interface PhrasingCheck {
  text: string;
  composedAnswer: string;
  facts: RecordFacts[];
  aspect: string;
}

const ALLOWED_STATIC_PATHS = ['/lay-so', '/tra-cuu', '/thu-tuc', '/truc-tuyen'];
const WEB_ADDRESS = /\bhttps?:\/\/[^\s)\]"'>]+|\bwww\.[^\s)\]"'>]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|info|io|me|xyz|app)\b(?:\/[^\s)\]"'>]*)?/giu;
const PORTAL_PATH = /(?<![\p{L}\p{N}./:-])\/[a-z][a-z0-9-]*(?:\/[a-z0-9.:-]+)*(?![\p{L}\p{N}])/giu;

const FREE_CLAIM =
  /\bmien (?:phi|le phi)\b|\bkhong (?:(?:phai|can|mat|thu|co|tinh|bi|duoc) )*(?:(?:nop|dong|tra|mat|thu) )?(?:le )?phi\b|\bkhong ton phi\b|\bfree of charge\b|\bfree\b|\bno (?:fee|charge)s?\b|\bwithout (?:a |any )?(?:fee|charge)\b|\bdoes not cost\b|\bcosts? nothing\b/g;
const FREE_IN_RECORD = /\bmien\b|\bkhong thu\b|\bkhong (?:co )?(?:le )?phi\b|\bfree\b/;
const NOT_NEEDED = /\b(?:khong can|khong phai (?:nop|xuat trinh|mang|co)|khong bat buoc|khong yeu cau|no need (?:for|to)?|not (?:need|needed|required)|do not need|don t need|does not need|doesn t need)\b((?: \S+){1,12})/g;
const DOCUMENT_HEAD =
  /^(?:giay|ban sao|ban chinh|ban goc|to khai|so ho|trich luc|van ban|ho chieu|the can cuoc|can cuoc|chung minh|don|quyet dinh|bien ban|hop dong|chung tu|phieu|chung nhan|xac nhan)\b/;

function fold(s: string): string {
  return foldVietnamese(s);
}

/** All the record texts the model was given, folded, for "is this said in the records" questions. */
function corpusOf(facts: RecordFacts[], composedAnswer: string): string {
  return ` ${fold(JSON.stringify(facts))} ${fold(composedAnswer)} `;
}

interface Allowed {
  byKind: Map<NumberKind, Set<number>>;
  all: Set<number>;
  dates: Set<string>;
  codes: Set<string>;
}

function add(allowed: Allowed, kind: NumberKind, value: number): void {
  let set = allowed.byKind.get(kind);
  if (!set) allowed.byKind.set(kind, (set = new Set()));
  set.add(value);
  allowed.all.add(value);
}

function addText(allowed: Allowed, text: string | null | undefined, defaultKind: NumberKind = 'plain'): void {
  if (!text) return;
  const found = numbersIn(text, defaultKind);
  for (const n of found.numbers) add(allowed, n.kind, n.value);
  for (const d of found.dates) allowed.dates.add(d);
  for (const c of found.codes) allowed.codes.add(c);
}

/** The numbers the records allow, by kind: their texts read like the reply, plus their derived figures. */
export function allowedNumbers(facts: RecordFacts[]): Allowed {
  const allowed: Allowed = { byKind: new Map(), all: new Set(), dates: new Set(), codes: new Set() };
  for (const f of facts) {
    allowed.codes.add(f.code);
    addText(allowed, f.name);
    addText(allowed, f.field);
    for (const d of f.documents ?? []) {
      add(allowed, 'copies', d.copies);
      addText(allowed, d.name);
      addText(allowed, d.copyType);
      addText(allowed, d.condition);
    }
    if (f.fee) {
      for (const t of f.fee.text) addText(allowed, t, 'money');
      for (const a of f.fee.amountsVND ?? []) add(allowed, 'money', a);
      addText(allowed, f.fee.atThisCenter, 'money');
    }
    const pr = f.processingTime;
    if (pr) {
      addText(allowed, pr.text);
      if (pr.workingDays !== null) add(allowed, 'workdays', pr.workingDays);
      if (pr.calendarDays !== null) add(allowed, 'days', pr.calendarDays);
      if (pr.hours !== null) add(allowed, 'hours', pr.hours);
      if (pr.after15hNextWorkingDay) add(allowed, 'hours', 15);
      if (pr.atThisCenterWorkingDays !== undefined) add(allowed, 'workdays', pr.atThisCenterWorkingDays);
    }
    if (f.where) {
      addText(allowed, f.where.place);
      addText(allowed, f.where.field);
      for (const c of f.where.counters) addText(allowed, c);
      addText(allowed, f.where.authority);
    }
    for (const c of f.how?.channels ?? []) addText(allowed, c);
    for (const r of f.results ?? []) addText(allowed, r);
    for (const l of f.legalBasis ?? []) addText(allowed, l);
    addText(allowed, f.centerNotes);
  }
  return allowed;
}

function numberAllowed(n: NumberMention, allowed: Allowed): boolean {
  const has = (kind: NumberKind): boolean => allowed.byKind.get(kind)?.has(n.value) ?? false;
  switch (n.kind) {
    case 'plain':
      return allowed.all.has(n.value);
    case 'days':
      return has('days') || has('workdays');
    default:
      return has(n.kind);
  }
}

const KIND_LABEL: Record<NumberKind, string> = {
  money: 'amount',
  workdays: 'working days',
  days: 'days',
  hours: 'hours',
  copies: 'copies',
  percent: 'percent',
  months: 'months',
  years: 'years',
  age: 'age',
  plain: 'number',
};

/** Numbered list lines ("1. …", "2) …") whose index is allowed by rule 4; their offsets in the text. */
function listIndexOffsets(text: string, composedAnswer: string): Set<number> {
  const numbered = [...text.matchAll(/^([ \t]*(?:[*_]{1,2})?)(\d{1,2})[.)][ \t]+\S/gm)];
  const limit = Math.min(numbered.length, composedAnswer.split('\n').length);
  const offsets = new Set<number>();
  for (const m of numbered) {
    const n = Number(m[2]);
    if (n >= 1 && n <= limit) offsets.add(m.index + (m[1]?.length ?? 0));
  }
  return offsets;
}

function checkLinks(text: string, facts: RecordFacts[], composedAnswer: string): string | null {
  const given = `${JSON.stringify(facts)} ${composedAnswer}`;
  for (const m of text.matchAll(WEB_ADDRESS)) {
    if (!given.includes(m[0])) return `link not allowed: ${m[0]}`;
  }
  const codes = new Set(facts.map((f) => f.code));
  for (const m of text.matchAll(PORTAL_PATH)) {
    if (given.includes(m[0])) continue; // "50,000 đồng(/giao dịch)" is the record's own text
    const path = m[0].replace(/[.:]+$/, '');
    const parts = path.split('/').filter(Boolean);
    const ok =
      (parts.length === 1 && ALLOWED_STATIC_PATHS.includes(path)) ||
      (parts.length === 2 && (parts[0] === 'thu-tuc' || parts[0] === 'nop-truc-tuyen') && codes.has(parts[1] ?? ''));
    if (!ok) return `link not allowed: ${path}`;
  }
  return null;
}

function checkNumbers(text: string, composedAnswer: string, allowed: Allowed): string | null {
  const found = numbersIn(text);
  for (const c of found.codes) if (!allowed.codes.has(c)) return `procedure code ${c} is not cited`;
  for (const d of found.dates) if (!allowed.dates.has(d)) return `date ${d} is not in the records`;
  const indexes = listIndexOffsets(text.normalize('NFC'), composedAnswer);
  for (const n of found.numbers) {
    if (indexes.has(n.at)) continue;
    if (!numberAllowed(n, allowed)) return `${KIND_LABEL[n.kind]} ${n.value} ("${n.raw.trim()}") is not in the records`;
  }
  return null;
}

function feeIsFree(facts: RecordFacts[]): boolean {
  return facts.some((f) => f.fee && (f.fee.free === true || f.fee.text.some((t) => FREE_IN_RECORD.test(fold(t))) || FREE_IN_RECORD.test(fold(f.fee.atThisCenter ?? ''))));
}

function checkFee(folded: string, facts: RecordFacts[], corpus: string): string | null {
  if (feeIsFree(facts)) return null;
  for (const m of folded.matchAll(FREE_CLAIM)) {
    // "The catalog states no fee" is the composed answer's own wording, not a claim.
    if (!corpus.includes(` ${m[0]} `)) return `says it is free ("${m[0]}"), the record does not`;
  }
  return null;
}

/** The records' documents, folded, each as a set of syllables. */
function documentNames(facts: RecordFacts[]): Array<{ folded: string; words: Set<string> }> {
  return facts.flatMap((f) =>
    (f.documents ?? []).map((d) => {
      const folded = fold(`${d.name} ${d.copyType ?? ''} ${d.condition ?? ''}`);
      return { folded, words: new Set(folded.split(' ')) };
    }),
  );
}

function checkNotNeeded(folded: string, facts: RecordFacts[], corpus: string): string | null {
  const docs = documentNames(facts);
  for (const m of folded.matchAll(NOT_NEEDED)) {
    const said = m[0].split(' ').slice(0, 5).join(' ');
    if (corpus.includes(` ${said} `) || corpus.includes(` ${said}`)) continue;
    const rest = (m[1] ?? '').trim().split(' ');
    const pairs = rest.slice(0, -1).map((w, i) => `${w} ${rest[i + 1] ?? ''}`);
    const named = docs.find((d) => pairs.some((p) => d.folded.includes(p) && !/^(le phi|phi|nop|mang)/.test(p)));
    if (named) return `says a listed document is not needed: "${m[0].trim()}"`;
  }
  return null;
}

/** A quoted or listed item that reads as a document must be one of the records' documents. */
function unknownDocument(item: string, docs: Array<{ folded: string; words: Set<string> }>, corpus: string): boolean {
  const folded = fold(item.replace(/\([^()]*\)\s*$/u, '').split(/\s[—–]\s|:\s/u)[0] ?? '');
  if (!DOCUMENT_HEAD.test(folded) || folded.split(' ').length < 2) return false;
  if (corpus.includes(` ${folded} `) || corpus.includes(` ${documentHead(item)} `)) return false;
  const words = folded.split(' ');
  return !docs.some((d) => words.filter((w) => d.words.has(w)).length >= Math.ceil(words.length * 0.8));
}

function checkDocuments(text: string, facts: RecordFacts[], corpus: string): string | null {
  const docs = documentNames(facts);
  const quoted = [...text.matchAll(/["“«]([^"”»\n]{3,200})["”»]/gu)].map((m) => m[1] ?? '');
  const listed = [...text.matchAll(/^[ \t]*(?:[-•*+]|\d{1,2}[.)])[ \t]+(.+)$/gmu)].map((m) => (m[1] ?? '').replace(/[*_]{1,2}/g, ''));
  for (const item of [...quoted, ...listed]) {
    if (unknownDocument(item, docs, corpus)) return `names a document the records do not have: "${item.trim().slice(0, 80)}"`;
  }
  return null;
}

/**
 * What of a document's name a reply must keep: the catalog's names are often whole paragraphs
 * ("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì …"), so the name up to its first
 * punctuation, at most its first 6 syllables, folded.
 */
export function documentHead(name: string): string {
  const first = name.split(/[(;.,:]/u)[0] ?? '';
  return fold(first).split(' ').slice(0, 6).join(' ');
}

function checkNothingDropped(folded: string, found: NumberMention[], check: PhrasingCheck): string | null {
  const padded = ` ${folded} `;
  const said = new Set(found.map((n) => n.value));
  for (const f of check.facts) {
    for (const d of f.documents ?? []) {
      const head = documentHead(d.name);
      if (head && check.composedAnswer.includes(d.name) && !padded.includes(` ${head} `)) return `leaves out the document "${d.name.slice(0, 80)}"`;
    }
    if (check.aspect === 'fee' && f.fee) {
      const amounts = (f.fee.amountsVND ?? []).filter((a) => a > 0);
      if (amounts.some((a) => !said.has(a))) return 'leaves out the fee';
      if (amounts.length === 0 && f.fee.free === true && folded.search(FREE_CLAIM) < 0) return 'leaves out that it is free';
    }
    const pr = f.processingTime;
    if (check.aspect === 'time' && pr) {
      const main = pr.atThisCenterWorkingDays ?? (pr.sameDay ? null : (pr.workingDays ?? pr.calendarDays ?? pr.hours));
      if (main !== null && !said.has(main)) return 'leaves out the processing time';
    }
  }
  return null;
}

export function checkPhrasing(check: PhrasingCheck): string | null {
  const text = check.text.normalize('NFC').trim();
  if (text === '') return 'empty reply';
  if (text.length > 3 * check.composedAnswer.length) return `too long (${text.length} characters, composed ${check.composedAnswer.length})`;
  const folded = fold(text);
  const corpus = corpusOf(check.facts, check.composedAnswer);
  return (
    checkLinks(text, check.facts, check.composedAnswer) ??
    checkNumbers(text, check.composedAnswer, allowedNumbers(check.facts)) ??
    checkFee(folded, check.facts, corpus) ??
    checkNotNeeded(folded, check.facts, corpus) ??
    checkDocuments(text, check.facts, corpus) ??
    checkNothingDropped(folded, numbersIn(text).numbers, check)
  );
}
