import MiniSearch from 'minisearch';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { foldVietnamese } from '../../../shared/text.js';
import type { ProcedureSummary } from '../../../shared/schemas/catalog.js';

/**
 * In-memory ranked index of the procedure catalog (MiniSearch, BM25).
 *
 * Why in memory: the catalog is small (tens to a few thousand records) and read-mostly, while
 * trigram similarity computed in SQL costs 20–200 ms per query on the embedded engine. The
 * index is rebuilt from the database whenever the catalog's version (row count + last update)
 * changes, checked at most every 2 s, so every server process converges after an import.
 *
 * Matching, following what was measured for Vietnamese (shared/eval notes): text folded on
 * both sides (no diacritics, đ→d) and indexed as syllable unigrams plus bigrams, so word order
 * counts; OR semantics with BM25 and field boosts (name 3, citizen aliases 2, field 1,
 * documents 0.4); fuzzy matching (edit distance ≤ 1 for syllables of 4+ letters) absorbs typos.
 */
interface IndexedProcedure extends Omit<ProcedureSummary, 'score'> {
  id: string;
  nameText: string;
  aliasText: string;
  fieldText: string;
  bodyText: string;
}

function tokens(text: string): string[] {
  const words = foldVietnamese(text).split(' ').filter(Boolean);
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]}_${words[i + 1]}`);
  return out;
}

/**
 * A query that is the procedure's name, or most of it, outranks names that only contain it:
 * "dang ky khai sinh" → "Thủ tục đăng ký khai sinh" before "… khai sinh lưu động".
 */
function exactness(foldedQuery: string, name: string): number {
  const n = foldVietnamese(name).replace(/^thu tuc /, '');
  return n.includes(foldedQuery) ? 1 + foldedQuery.length / n.length : 1;
}

/** Results scoring below this share of the best one are dropped. */
const RELEVANCE_FLOOR = 0.2;

const OPTIONS = {
  fields: ['nameText', 'aliasText', 'fieldText', 'bodyText'],
  storeFields: [] as string[],
  tokenize: tokens,
  processTerm: (t: string) => t,
  searchOptions: {
    boost: { nameText: 3, aliasText: 2, fieldText: 1, bodyText: 0.4 },
    fuzzy: (term: string) => (term.includes('_') || term.length < 4 ? false : 1),
    prefix: (term: string, i: number, all: string[]) => i === all.length - 1 && !term.includes('_') && term.length >= 2,
    combineWith: 'OR' as const,
  },
};

export class CatalogIndex {
  private search = new MiniSearch<IndexedProcedure>(OPTIONS);
  private docs = new Map<string, IndexedProcedure>();
  private version = '';
  private checkedAt = 0;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly maxAgeMs = 2000) {}

  /** Rebuilds the index if the catalog changed since the last check. */
  async refresh(db: Executor, force = false): Promise<void> {
    if (!force && Date.now() - this.checkedAt < this.maxAgeMs) return;
    this.refreshing ??= this.doRefresh(db).finally(() => {
      this.refreshing = undefined;
    });
    await this.refreshing;
  }

  private async doRefresh(db: Executor): Promise<void> {
    const v = await sql<{ v: string }>`SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') AS v FROM procedures`.execute(db);
    const version = v.rows[0]?.v ?? '';
    this.checkedAt = Date.now();
    if (version === this.version) return;
    const rows = await db
      .selectFrom('procedures')
      .select([
        'code',
        'name',
        'field_code',
        'field_name',
        'working_days',
        'fee_free',
        'fee_amounts',
        'online',
        'aliases',
        'search_body',
        sql<string>`record->'processingTime'->>'text'`.as('processing_text'),
      ])
      .execute();
    const search = new MiniSearch<IndexedProcedure>(OPTIONS);
    const docs = new Map<string, IndexedProcedure>();
    for (const r of rows) {
      const doc: IndexedProcedure = {
        id: r.code,
        code: r.code,
        name: r.name,
        fieldCode: r.field_code,
        fieldName: r.field_name,
        workingDays: r.working_days === null ? null : Number(r.working_days),
        processingText: r.processing_text ?? '',
        feeFree: r.fee_free,
        feeAmounts: r.fee_amounts,
        online: r.online,
        nameText: r.name,
        aliasText: r.aliases.join(' | '),
        fieldText: r.field_name,
        bodyText: r.search_body,
      };
      docs.set(r.code, doc);
    }
    search.addAll([...docs.values()]);
    this.search = search;
    this.docs = docs;
    this.version = version;
  }

  /**
   * The folded labels a procedure is known by, "name | alias | … | field", for callers that
   * judge how well a match covers a question (the assistant's confidence).
   */
  matchText(code: string): string | undefined {
    const p = this.docs.get(code);
    return p ? [p.nameText, ...p.aliasText.split(' | '), p.fieldText].map(foldVietnamese).join(' | ') : undefined;
  }

  /**
   * Ranked matches (best first) passing `keep`; an empty query lists everything by field and name.
   * `nameExactness: false` leaves out the bonus for a query contained in the name (the assistant
   * weighs every label — name and citizen aliases — itself).
   */
  query(q: string, keep: (p: IndexedProcedure) => boolean, options: { nameExactness?: boolean } = {}): ProcedureSummary[] {
    const folded = foldVietnamese(q);
    const present = (p: IndexedProcedure, score: number): ProcedureSummary => ({
      code: p.code,
      name: p.name,
      fieldCode: p.fieldCode,
      fieldName: p.fieldName,
      workingDays: p.workingDays,
      processingText: p.processingText,
      feeFree: p.feeFree,
      feeAmounts: p.feeAmounts,
      online: p.online,
      score: Math.round(score * 1000) / 1000,
    });
    if (folded === '') {
      return [...this.docs.values()]
        .filter(keep)
        .sort((a, b) => a.fieldName.localeCompare(b.fieldName, 'vi') || a.name.localeCompare(b.name, 'vi'))
        .map((p) => present(p, 0));
    }
    // OR semantics find candidates; a result must then match at least half of the query's
    // syllables and score within a fifth of the best, so that common syllables ("đăng", "ký")
    // alone do not drag the whole catalog into the list.
    const words = [...new Set(folded.split(' '))];
    const needed = Math.max(1, Math.ceil(words.length / 2));
    const out: ProcedureSummary[] = [];
    for (const hit of this.search.search(folded)) {
      const p = this.docs.get(String(hit.id));
      const matchedWords = new Set(hit.queryTerms.filter((t) => !t.includes('_'))).size;
      if (p && keep(p) && matchedWords >= needed) out.push(present(p, hit.score * (options.nameExactness === false ? 1 : exactness(folded, p.nameText))));
    }
    out.sort((a, b) => b.score - a.score);
    const best = out[0]?.score ?? 0;
    return out.filter((r) => r.score >= best * RELEVANCE_FLOOR);
  }
}
