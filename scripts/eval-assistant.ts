/**
 * Evaluation of the citizen assistant (issue #5), reproducible and offline:
 *
 *   npm run eval:assistant [file.jsonl …]
 *
 * Runs the in-process engine (src/server/modules/assistant) over the shipped catalog in a temp
 * PGlite database and prints, per question set and per variant of the questions (as written,
 * without diacritics, NFD, with seeded typos), retrieval (hit@1, hit@3, MRR@10 on in-scope
 * questions), refusals (correct on out-of-scope, false on in-scope), answer-fact accuracy (fee,
 * working days and documents stated = the gold procedure's catalog fields), citation accuracy
 * and latency — each next to a baseline measured in the same run: MiniSearch with DEFAULT
 * settings over procedure names and documents.
 *
 * Default inputs: eval/assistant/dev-set.jsonl (the project's set) and the third-party GPL-3.0
 * set read by path from ../shared/eval/external/ (never copied into the repository).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import { answerQuestion, type EngineAnswer } from '../src/server/modules/assistant/answer-question.js';
import type { Derived, ProcedureRecord } from '../src/server/modules/catalog/catalog-file.js';
import { importShippedCatalog, SHIPPED_CATALOG } from '../src/server/seed/prepare.js';
import { createTestDatabase } from '../src/server/test/database.js';
import { foldVietnamese } from '../src/shared/text.js';
import { checkAskedFact, checkStatedFacts, type GoldFacts } from './eval-assistant-facts.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEV_SET = path.join(REPO_ROOT, 'eval/assistant/dev-set.jsonl');
const EXTERNAL_SET = path.resolve(REPO_ROOT, '../shared/eval/external/cantho-public-services.test.json');

export interface Question {
  id: string;
  question: string;
  gold: string[];
  aspect: string;
  outOfScope: boolean;
}

export interface CatalogEntry {
  code: string;
  name: string;
  facts: GoldFacts;
  documentsText: string;
}

export function loadCatalog(): CatalogEntry[] {
  const file = JSON.parse(readFileSync(SHIPPED_CATALOG, 'utf8')) as { procedures: Array<ProcedureRecord & { derived: Derived }> };
  return file.procedures.map((p) => {
    const docs = p.derived.documents.filter((d) => d.kind === 'document');
    return {
      code: p.code,
      name: p.name,
      documentsText: docs.map((d) => d.name).join(' '),
      facts: { fee: p.fee.text, feeFree: p.derived.fee.free, workingDays: p.derived.processing.workingDays, sameDay: p.derived.processing.sameDay, documents: docs.map((d) => d.name) },
    };
  });
}

function loadJsonl(file: string): Question[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Question);
}

/** The external set names its gold procedure after "thủ tục hành chính" in `context`. */
export function externalQuestions(rows: Array<{ question: string; context: string[] | string }>, catalog: Array<Pick<CatalogEntry, 'code' | 'name'>>): Question[] {
  const strip = (s: string) => foldVietnamese(s).replace(/^thu tuc /, '');
  return rows.map((r, i) => {
    const context = Array.isArray(r.context) ? r.context.join(' ') : r.context;
    const after = context.split(/thủ tục hành chính/i)[1] ?? '';
    const named = strip(after.replace(/\s+(và nộp tại|như sau).*$/su, '').replace(/\.$/, ''));
    const gold = catalog.filter((c) => {
      const n = strip(c.name);
      return n === named || n.includes(named) || named.includes(n);
    });
    const aspect = /hồ sơ sau/i.test(context) ? 'documents' : /điều kiện/i.test(context) ? 'conditions' : /cách thức/i.test(context) ? 'how' : 'general';
    return { id: `ext-${i + 1}`, question: r.question, gold: gold.map((g) => g.code), aspect, outOfScope: gold.length === 0 };
  });
}

// ---- variants -------------------------------------------------------------------------------

/** Seeded RNG (mulberry32): the same typos in every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Diacritics dropped (đ→d) as people type without an IME; spaces, case and punctuation kept. */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** One typo per five words (at least one) in words of 4+ letters: drop, swap, double or replace a letter. */
export function withTypos(s: string, random: () => number): string {
  const words = s.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => [...w].filter((c) => /\p{L}/u.test(c)).length >= 4);
  const n = Math.max(1, Math.round(words.length / 5));
  for (let k = 0; k < n && candidates.length > 0; k++) {
    const pick = candidates.splice(Math.floor(random() * candidates.length), 1)[0];
    if (!pick) break;
    const chars = [...pick.w];
    const j = 1 + Math.floor(random() * (chars.length - 2));
    const op = Math.floor(random() * 4);
    if (op === 0) chars.splice(j, 1);
    else if (op === 1) [chars[j], chars[j + 1]] = [chars[j + 1] ?? '', chars[j] ?? ''];
    else if (op === 2) chars.splice(j, 0, chars[j] ?? '');
    else chars[j] = 'qwertyuiopasdfghjklzxcvbnm'[Math.floor(random() * 26)] ?? 'a';
    words[pick.i] = chars.join('');
  }
  return words.join(' ');
}

const VARIANTS: Array<{ name: string; make: (q: string, i: number) => string }> = [
  { name: 'as written', make: (q) => q },
  { name: 'no diacritics', make: (q) => stripDiacritics(q) },
  { name: 'NFD', make: (q) => q.normalize('NFD') },
  { name: 'typos', make: (q, i) => withTypos(q, rng(20261127 + i)) },
];

// ---- systems --------------------------------------------------------------------------------

interface Outcome {
  ranking: string[];
  refused: boolean;
  clarified: boolean;
  status: boolean;
  answer: EngineAnswer | null;
  ms: number;
}

function baselineIndex(catalog: CatalogEntry[]) {
  const ms = new MiniSearch<{ id: string; name: string; documents: string }>({ fields: ['name', 'documents'] });
  ms.addAll(catalog.map((c) => ({ id: c.code, name: c.name, documents: c.documentsText })));
  return (q: string): Outcome => {
    const t0 = performance.now();
    const hits = ms.search(q);
    return { ranking: hits.map((h) => String(h.id)), refused: hits.length === 0, clarified: false, status: false, answer: null, ms: performance.now() - t0 };
  };
}

// ---- metrics --------------------------------------------------------------------------------

interface Row {
  n: number;
  hit1: number;
  hit3: number;
  mrr: number;
  inScope: number;
  oos: number;
  correctRefusal: number;
  falseRefusal: number;
  clarified: number;
  factsAsked: number;
  factsCorrect: number;
  stated: number;
  statedCorrect: number;
  cited: number;
  citedCorrect: number;
  status: number;
  statusRouted: number;
  latencies: number[];
}

function emptyRow(): Row {
  return { n: 0, hit1: 0, hit3: 0, mrr: 0, inScope: 0, oos: 0, correctRefusal: 0, falseRefusal: 0, clarified: 0, factsAsked: 0, factsCorrect: 0, stated: 0, statedCorrect: 0, cited: 0, citedCorrect: 0, status: 0, statusRouted: 0, latencies: [] };
}

function score(row: Row, q: Question, o: Outcome, catalog: Map<string, CatalogEntry>): void {
  row.n++;
  row.latencies.push(o.ms);
  if (q.aspect === 'status' && q.gold.length === 0 && !q.outOfScope) {
    row.status++;
    if (o.status) row.statusRouted++;
    return;
  }
  if (q.outOfScope) {
    row.oos++;
    if (o.refused) row.correctRefusal++;
    return;
  }
  row.inScope++;
  if (o.refused) row.falseRefusal++;
  if (o.clarified) row.clarified++;
  const rank = o.ranking.slice(0, 10).findIndex((c) => q.gold.includes(c));
  if (rank === 0) row.hit1++;
  if (rank >= 0 && rank < 3) row.hit3++;
  if (rank >= 0) row.mrr += 1 / (rank + 1);
  const a = o.answer;
  if (!a) return;
  const goldCode = q.gold.includes(a.procedures[0]?.code ?? '') ? (a.procedures[0]?.code ?? '') : (q.gold[0] ?? '');
  const gold = catalog.get(goldCode);
  if (['documents', 'fee', 'time'].includes(q.aspect)) {
    row.factsAsked++;
    if (gold && !o.refused && !o.clarified && checkAskedFact(a.answer, q.aspect, gold.facts)) row.factsCorrect++;
  }
  const stated = gold && !o.refused && !o.clarified ? checkStatedFacts(a.answer, gold.facts) : null;
  if (stated !== null) {
    row.stated++;
    if (stated) row.statedCorrect++;
  }
  if (!o.refused && !o.clarified && a.citations.length > 0) {
    row.cited++;
    if (q.gold.includes(a.citations[0]?.code ?? '')) row.citedCorrect++;
  }
}

const pct = (a: number, b: number) => (b === 0 ? '   –  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

function printTable(title: string, rows: Array<{ variant: string; engine: Row; baseline: Row }>): void {
  console.log(`\n## ${title}`);
  const header = ['variant', 'system', 'hit@1', 'hit@3', 'MRR@10', 'refuse OOS', 'false refuse', 'clarify', 'asked fact', 'facts', 'citations', 'status', 'p50 ms', 'p95 ms'];
  console.log(header.join(' | '));
  for (const r of rows) {
    for (const [name, row] of [['assistant', r.engine], ['baseline', r.baseline]] as const) {
      const isBase = name === 'baseline';
      console.log(
        [
          r.variant.padEnd(13),
          name.padEnd(9),
          pct(row.hit1, row.inScope),
          pct(row.hit3, row.inScope),
          row.inScope ? (row.mrr / row.inScope).toFixed(3).padStart(6) : '   –  ',
          pct(row.correctRefusal, row.oos),
          pct(row.falseRefusal, row.inScope),
          isBase ? '   –  ' : pct(row.clarified, row.inScope),
          isBase ? '   –  ' : pct(row.factsCorrect, row.factsAsked),
          isBase ? '   –  ' : pct(row.statedCorrect, row.stated),
          isBase ? '   –  ' : pct(row.citedCorrect, row.cited),
          isBase ? '   –  ' : pct(row.statusRouted, row.status),
          quantile(row.latencies, 0.5).toFixed(2).padStart(6),
          quantile(row.latencies, 0.95).toFixed(2).padStart(6),
        ].join(' | '),
      );
    }
  }
}

async function main(): Promise<void> {
  const catalog = loadCatalog();
  const byCode = new Map(catalog.map((c) => [c.code, c]));
  const sets: Array<{ title: string; questions: Question[] }> = [];
  const args = process.argv.slice(2);
  for (const file of args.length > 0 ? args : [DEV_SET]) {
    if (!existsSync(file)) {
      console.log(`(skipped ${file}: not found)`);
      continue;
    }
    sets.push({ title: path.relative(REPO_ROOT, path.resolve(file)), questions: loadJsonl(file) });
  }
  if (args.length === 0) {
    if (existsSync(EXTERNAL_SET)) {
      const questions = externalQuestions(JSON.parse(readFileSync(EXTERNAL_SET, 'utf8')) as Array<{ question: string; context: string[] }>, catalog);
      sets.push({ title: `external (GPL-3.0, read by path): ${path.basename(EXTERNAL_SET)}`, questions });
    } else console.log(`(skipped the external set: ${EXTERNAL_SET} not found)`);
  }

  const database = await createTestDatabase();
  await importShippedCatalog(database);
  const baseline = baselineIndex(catalog);
  await answerQuestion(database.db, { question: 'khởi động' }); // builds the index once
  const engine = async (q: string): Promise<Outcome> => {
    const t0 = performance.now();
    const a = await answerQuestion(database.db, { question: q });
    const ms = performance.now() - t0;
    return { ranking: a.procedures.map((p) => p.code), refused: a.outOfScope, clarified: a.clarifyingQuestion !== undefined && a.aspect !== 'status', status: a.aspect === 'status', answer: a, ms };
  };

  console.log('# Assistant evaluation (engine: in-process, shipped catalog, temp PGlite; baseline: MiniSearch defaults over names + documents)');
  for (const set of sets) {
    const inScope = set.questions.filter((q) => !q.outOfScope && q.gold.length > 0).length;
    const oos = set.questions.filter((q) => q.outOfScope).length;
    const rows = [];
    for (const v of VARIANTS) {
      const e = emptyRow();
      const b = emptyRow();
      for (const [i, q] of set.questions.entries()) {
        const text = v.make(q.question, i);
        score(e, q, await engine(text), byCode);
        score(b, q, baseline(text), byCode);
      }
      rows.push({ variant: v.name, engine: e, baseline: b });
    }
    printTable(`${set.title} — ${set.questions.length} questions (${inScope} in scope with gold, ${oos} out of scope)`, rows);
  }
  console.log('\nasked fact: documents/fee/time questions answered with that fact equal to the gold procedure’s catalog field (a clarifying question or a refusal counts as wrong).');
  console.log('facts: answers stating a fee, working days or documents whose every stated fact equals the gold procedure’s catalog fields.');
  console.log('citations: answered in-scope questions whose cited procedure is a gold one. status: dossier-status questions routed to the public lookup.');
  await database.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
