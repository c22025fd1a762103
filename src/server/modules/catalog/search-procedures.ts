import type { Executor } from '../../db/database.js';
import type { ProcedureSearchQuery, ProcedureSummary } from '../../../shared/schemas/catalog.js';
import { CatalogIndex } from './catalog-index.js';

/** One index per process, shared by every request (see catalog-index.ts for how it stays fresh). */
const index = new CatalogIndex();

/** Forces the next search to re-read the catalog (after an import in this process). */
export async function refreshCatalogIndex(db: Executor): Promise<void> {
  await index.refresh(db, true);
}

/**
 * Ranked, diacritics-insensitive search of the catalog, optionally limited to one field and to
 * the procedures a center handles (a center can switch procedures off).
 */
export async function searchProcedures(
  db: Executor,
  query: ProcedureSearchQuery & { centerId?: string | null },
): Promise<{ items: ProcedureSummary[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  await index.refresh(db);
  let disabled = new Set<string>();
  if (query.centerId) {
    const rows = await db
      .selectFrom('center_procedures')
      .select('procedure_code')
      .where('center_id', '=', query.centerId)
      .where('enabled', '=', false)
      .execute();
    disabled = new Set(rows.map((r) => r.procedure_code));
  }
  const all = index.query(query.q ?? '', (p) => (!query.field || p.fieldCode === query.field) && !disabled.has(p.code));
  return { total: all.length, items: all.slice((page - 1) * pageSize, page * pageSize) };
}
