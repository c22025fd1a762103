import type { ProcedureSummary } from '../../../shared/schemas/catalog.js';
import { CatalogIndex } from '../catalog/catalog-index.js';
import { similar } from './similar.js';
import { contentOf, type Understanding } from './understand.js';

/**
 * Retrieval for the assistant: the catalog's BM25 index (the same class as the portal search),
 * re-weighted by how fully the question says one of a procedure's labels, with the two signals
 * the engine decides from — coverage of the question and evidence of a shared phrase.
 */

/** One index per process (the same class the catalog search uses; it refreshes itself). */
export const index = new CatalogIndex();

/** Weight in `coverage` of a word that no procedure's label uses (chat, life story, a typo). */
const UNKNOWN_WORD_WEIGHT = 0.25;

/**
 * Share of the question's content words found among the procedure's own words (name, aliases,
 * field). Words the catalog never uses ("ông cụ", "tháng", numbers) weigh less: they tell the
 * story around the request, and the evidence rule (`sharesPhrase`) already requires the request
 * itself to be named.
 */
export function coverage(content: string[], matchText: string, vocabulary: ReadonlySet<string> = new Set()): number {
  if (content.length === 0) return 0;
  const words = new Set(matchText.split(/[ |]+/).filter(Boolean));
  let total = 0;
  let hit = 0;
  for (const w of content) {
    const weight = /^\d+$/.test(w) ? 0 : vocabulary.size === 0 || vocabulary.has(w) ? 1 : UNKNOWN_WORD_WEIGHT;
    total += weight;
    if (words.has(w) || [...words].some((x) => similar(w, x))) hit += weight;
  }
  return total === 0 ? 0 : hit / total;
}

export interface Ranked {
  items: ProcedureSummary[];
  coverage: number;
  /** labelFit per procedure code. */
  fit: Map<string, number>;
  /** The best match shares a phrase with the question (see `sharesPhrase`). */
  evidence: boolean;
}

const labelCache = new Map<string, string[][]>();
function labelsOf(matchText: string): string[][] {
  let labels = labelCache.get(matchText);
  if (!labels) {
    labels = matchText.split('|').map((l) => contentOf(l.trim()));
    if (labelCache.size > 5000) labelCache.clear();
    labelCache.set(matchText, labels);
  }
  return labels;
}

/**
 * Evidence that a match is about what was asked, not about a shared common word: the question
 * and one of the procedure's labels share two adjacent syllables ("khai tử", "tạm trú", "hộ
 * kinh doanh"), or a one-word question is a word of a label. "giá vàng" shares only "giá"
 * with "gia hạn tạm trú", so it is not evidence.
 */
export function sharesPhrase(content: string[], matchText: string, common: ReadonlySet<string> = new Set()): boolean {
  const labels = labelsOf(matchText);
  const [only] = content;
  if (content.length === 1 && only !== undefined) return !common.has(only) && labels.some((l) => l.some((w) => similar(w, only)));
  for (let i = 0; i + 1 < content.length; i++) {
    const a = content[i] ?? '';
    const b = content[i + 1] ?? '';
    for (const l of labels) {
      for (let j = 0; j + 1 < l.length; j++) {
        if (similar(a, l[j] ?? '') && similar(b, l[j + 1] ?? '') && !common.has(`${l[j] ?? ''} ${l[j + 1] ?? ''}`)) return true;
      }
    }
  }
  return false;
}

/** Share of the catalog's procedures whose labels may contain a phrase before it stops being evidence. */
const COMMON_SHARE = 0.2;
let wordsCache: { key: string; common: Set<string>; vocabulary: Set<string>; at: number } | undefined;

/**
 * The catalog's label words, and the syllables and adjacent pairs found in the labels of many
 * procedures ("người", "đăng ký"); recomputed when the catalog changes.
 */
export function catalogWords(): { common: Set<string>; vocabulary: Set<string> } {
  if (wordsCache && Date.now() - wordsCache.at < 2000) return wordsCache;
  const codes = index.query('', () => true).map((p) => p.code);
  const texts = codes.map((c) => index.matchText(c) ?? '');
  const key = `${codes.length}:${texts.reduce((n, t) => n + t.length, 0)}`;
  if (wordsCache?.key === key) {
    wordsCache.at = Date.now();
    return wordsCache;
  }
  const df = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const text of texts) {
    for (const l of labelsOf(text)) for (const w of l) vocabulary.add(w);
    const pairs = new Set<string>();
    for (const l of labelsOf(text).slice(0, -1)) {
      for (let j = 0; j < l.length; j++) {
        pairs.add(l[j] ?? '');
        if (j + 1 < l.length) pairs.add(`${l[j] ?? ''} ${l[j + 1] ?? ''}`);
      }
    }
    for (const p of pairs) df.set(p, (df.get(p) ?? 0) + 1);
  }
  const common = new Set([...df].filter(([, n]) => n > COMMON_SHARE * codes.length).map(([p]) => p));
  wordsCache = { key, common, vocabulary, at: Date.now() };
  return wordsCache;
}

function hasWord(words: Iterable<string>, w: string): boolean {
  for (const x of words) if (similar(w, x)) return true;
  return false;
}

/**
 * How much of the procedure's best-fitting label (its name or one citizen alias) the question
 * contains: "nuôi con nuôi" fits "Đăng ký việc nuôi con nuôi" better than "Đăng ký lại việc
 * nuôi con nuôi", whose "lại" the citizen did not say.
 */
export function labelFit(content: string[], matchText: string): number {
  let best = 0;
  // matchText is "name | alias | … | field"; the field names a whole family, not a procedure.
  for (const label of labelsOf(matchText).slice(0, -1)) {
    const words = new Set(label);
    if (words.size === 0) continue;
    let hit = 0;
    for (const w of words) if (hasWord(content, w)) hit++;
    best = Math.max(best, hit / words.size);
  }
  return best;
}

export function retrieve(u: Pick<Understanding, 'content' | 'rewrittenContent'>, keep: (code: string) => boolean, extra: string[] = []): Ranked {
  const variants = [u.content, u.rewrittenContent].map((c) => [...extra, ...c]);
  const best = new Map<string, ProcedureSummary>();
  const fit = new Map<string, number>();
  for (const words of variants) {
    if (words.length === 0) continue;
    for (const r of index.query(words.join(' '), (p) => keep(p.code), { nameExactness: false })) {
      const f = labelFit(words, index.matchText(r.code) ?? '');
      const score = Math.round(r.score * (0.05 + 0.95 * f * f) * 1000) / 1000;
      const prev = best.get(r.code);
      if (!prev || prev.score < score) {
        best.set(r.code, { ...r, score });
        fit.set(r.code, f);
      }
    }
  }
  const items = [...best.values()].sort((a, b) => b.score - a.score);
  const top = items[0];
  const text = top ? (index.matchText(top.code) ?? '') : '';
  const { common, vocabulary } = catalogWords();
  const cov = top ? Math.max(...variants.map((w) => coverage(w, text, vocabulary))) : 0;
  const evidence = top ? variants.some((w) => sharesPhrase(w, text, common)) : false;
  return { items, coverage: cov, fit, evidence };
}
