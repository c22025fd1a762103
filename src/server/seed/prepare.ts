import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { SEED_DIR } from '../paths.js';
import { cliAuditContext } from '../modules/audit/record-audit.js';
import { parseCatalogFile } from '../modules/catalog/catalog-file.js';
import { importCatalog, type ImportReport } from '../modules/catalog/import-catalog.js';
import { formatDemoSeed, seedDemo, type DemoSeed } from './demo.js';

export const SHIPPED_CATALOG = path.join(SEED_DIR, 'catalog', 'procedures.json');

/** Imports the catalog file shipped in the repository (seed/catalog/procedures.json). */
export async function importShippedCatalog(database: Database): Promise<ImportReport> {
  const parsed = parseCatalogFile(readFileSync(SHIPPED_CATALOG, 'utf8'));
  if (!parsed.ok) throw new Error(`shipped catalog is invalid: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return importCatalog(database.db, { ...cliAuditContext(), actorType: 'system', actorName: 'motcua' }, parsed.file);
}

export interface Prepared {
  migrations: string[];
  catalog: ImportReport | null;
  demo: DemoSeed | null;
  demoText: string;
}

/**
 * What start-up does before serving: apply migrations, load the shipped catalog into an
 * empty database, and (when enabled) seed the demo center into a database without centers.
 */
export async function prepareDatabase(
  database: Database,
  options: { seedDemo: boolean; dataDir?: string; log?: FastifyBaseLogger },
): Promise<Prepared> {
  const migrations = await migrate(database);
  if (migrations.length > 0) options.log?.info({ migrations }, 'migrations applied');
  const count = await database.db.selectFrom('procedures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let catalog: ImportReport | null = null;
  if (Number(count.n) === 0) {
    catalog = await importShippedCatalog(database);
    options.log?.info({ added: catalog.added.length }, 'procedure catalog imported');
  }
  let demo: DemoSeed | null = null;
  if (options.seedDemo) {
    const centers = await database.db.selectFrom('centers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(centers.n) === 0) demo = await seedDemo(database, options.dataDir ? { dataDir: options.dataDir } : {});
  }
  return { migrations, catalog, demo, demoText: demo ? formatDemoSeed(demo) : '' };
}
