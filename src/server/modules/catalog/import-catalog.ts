import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { foldVietnamese } from '../../../shared/text.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import type { CatalogFile, Derived, ProcedureRecord } from './catalog-file.js';
import { deriveProcedure } from './derive.js';

export interface ImportReport {
  added: string[];
  updated: Array<{ code: string; changed: string[] }>;
  unchanged: number;
  /** Codes in the database but absent from the file: kept (dossiers may refer to them), listed. */
  notInFile: string[];
}

/** The top-level parts of a record compared to say what an update changed. */
const COMPARED: Array<keyof ProcedureRecord> = [
  'name',
  'field',
  'level',
  'processingTime',
  'fee',
  'documents',
  'resultType',
  'legalBasis',
  'submissionChannels',
  'onlineLevel',
  'authorityAsPublished',
  'publishingDecision',
  'source',
];

function verbatim(record: ProcedureRecord): Omit<ProcedureRecord, 'derived'> {
  const { derived: _derived, ...rest } = record;
  return rest;
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function searchColumns(record: ProcedureRecord, derived: Derived) {
  return {
    search_name: foldVietnamese(record.name),
    search_keywords: foldVietnamese([...derived.aliases.phrases, record.field].join(' | ')),
    search_body: foldVietnamese([...derived.documents.map((d) => d.name), ...record.resultType].join(' | ')),
  };
}

/**
 * Imports or re-imports a catalog file (already parsed and validated by parseCatalogFile):
 * new codes are added, changed ones updated in place, and the report says which parts changed.
 * Records without a `derived` block are derived here (the shipped file has them precomputed).
 * Runs in one transaction with one audit row: a failure imports nothing.
 */
export async function importCatalog(
  db: Db,
  ctx: AuditContext,
  file: CatalogFile,
  options: { aliases?: Readonly<Record<string, readonly string[]>> } = {},
): Promise<ImportReport> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('procedures').select(['code', 'record', 'content_hash']).execute();
    const byCode = new Map(existing.map((r) => [r.code, r]));
    const report: ImportReport = { added: [], updated: [], unchanged: 0, notInFile: [] };
    const seen = new Set<string>();
    for (const record of file.procedures) {
      seen.add(record.code);
      const derived = record.derived ?? deriveProcedure(record, { aliases: options.aliases?.[record.code] ?? [] });
      const hash = createHash('sha256').update(stable({ record: verbatim(record), derived })).digest('hex');
      const before = byCode.get(record.code);
      if (before && before.content_hash === hash) {
        report.unchanged++;
        continue;
      }
      const values = {
        name: record.name,
        field_name: record.field,
        field_code: derived.field.code,
        level: record.level,
        working_days: derived.processing.workingDays,
        after_15h_rule: derived.processing.after15hNextWorkingDay === true,
        fee_free: derived.fee.free,
        fee_amounts: derived.fee.amountsVND,
        online: record.submissionChannels.some((c) => c.includes('Trực tuyến')),
        record: JSON.stringify(verbatim(record)),
        derived: JSON.stringify(derived),
        aliases: derived.aliases.phrases,
        ...searchColumns(record, derived),
        content_hash: hash,
        updated_at: new Date(),
      };
      if (before) {
        const old = before.record as Record<string, unknown>;
        const changed = COMPARED.filter((k) => stable(old[k]) !== stable(record[k]));
        if (changed.length === 0) changed.push('derived');
        await trx.updateTable('procedures').set(values).where('code', '=', record.code).execute();
        report.updated.push({ code: record.code, changed });
      } else {
        await trx.insertInto('procedures').values({ code: record.code, ...values }).execute();
        report.added.push(record.code);
      }
    }
    report.notInFile = existing.map((r) => r.code).filter((c) => !seen.has(c));
    await recordAudit(trx, ctx, {
      action: 'catalog.import',
      targetType: 'catalog',
      after: {
        added: report.added.length,
        updated: report.updated.map((u) => u.code),
        unchanged: report.unchanged,
        notInFile: report.notInFile,
      },
    });
    return report;
  });
}
