import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { foldVietnamese } from '../../../shared/text.js';
import type { ProcedureSearchQuery, ProcedureSummary } from '../../../shared/schemas/catalog.js';

/**
 * Ranked, diacritics-insensitive search of the procedure catalog.
 *
 * Text is folded the same way on both sides (see shared/text.ts: NFD, marks dropped, đ→d), so
 * "dang ky khai sinh" and "Đăng ký khai sinh" are the same query. Ranking is computed in
 * PostgreSQL with pg_trgm (works identically on PGlite and on a server):
 *   - word_similarity of the query to the name (weight 3), to citizen aliases/keywords (2),
 *     and to the documents/results text (0.5) — typo-tolerant at the trigram level;
 *   - a bonus when the whole folded query appears in the name (2) or in an alias (1.5);
 *   - the share of query syllables found in name+aliases (1), so that every word counts.
 * A row matches when the trigram match passes pg_trgm's threshold on name/aliases or the
 * folded query is a substring of any searchable text.
 */
export async function searchProcedures(
  db: Executor,
  query: ProcedureSearchQuery & { centerId?: string | null },
): Promise<{ items: ProcedureSummary[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const q = foldVietnamese(query.q ?? '');
  const words = q === '' ? [] : [...new Set(q.split(' '))];

  let base = db.selectFrom('procedures as p');
  if (query.centerId) {
    base = base
      .leftJoin('center_procedures as cp', (j) =>
        j.onRef('cp.procedure_code', '=', 'p.code').on('cp.center_id', '=', query.centerId ?? ''),
      )
      .where((eb) => eb.or([eb('cp.enabled', 'is', null), eb('cp.enabled', '=', true)]));
  }
  if (query.field) base = base.where('p.field_code', '=', query.field);

  const wordHits =
    words.length === 0
      ? sql<number>`0`
      : sql<number>`(${sql.join(
          words.map((w) => sql`(CASE WHEN (' ' || p.search_name || ' ' || p.search_keywords || ' ') LIKE ${`% ${w} %`} THEN 1 ELSE 0 END)`),
          sql` + `,
        )})::float / ${words.length}`;
  const score =
    q === ''
      ? sql<number>`0`
      : sql<number>`(
          3 * word_similarity(${q}, p.search_name)
          + 2 * word_similarity(${q}, p.search_keywords)
          + 0.5 * word_similarity(${q}, p.search_body)
          + CASE WHEN p.search_name LIKE ${`%${q}%`} THEN 2 ELSE 0 END
          + CASE WHEN p.search_keywords LIKE ${`%${q}%`} THEN 1.5 ELSE 0 END
          + ${wordHits}
        )`;

  let filtered = base;
  if (q !== '') {
    const like = `%${q}%`;
    filtered = base.where(
      sql<boolean>`(${q} <% p.search_name OR ${q} <% p.search_keywords
        OR p.search_name LIKE ${like} OR p.search_keywords LIKE ${like} OR p.search_body LIKE ${like})`,
    );
  }

  const [rows, count] = await Promise.all([
    filtered
      .select([
        'p.code',
        'p.name',
        'p.field_code',
        'p.field_name',
        'p.working_days',
        'p.fee_free',
        'p.fee_amounts',
        'p.online',
        sql<string>`p.record->'processingTime'->>'text'`.as('processing_text'),
        score.as('score'),
      ])
      .orderBy('score', 'desc')
      .orderBy('p.field_name')
      .orderBy('p.name')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);

  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      fieldCode: r.field_code,
      fieldName: r.field_name,
      workingDays: r.working_days === null ? null : Number(r.working_days),
      processingText: r.processing_text ?? '',
      feeFree: r.fee_free,
      feeAmounts: r.fee_amounts,
      online: r.online,
      score: Math.round(Number(r.score) * 1000) / 1000,
    })),
  };
}
