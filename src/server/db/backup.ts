import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Database } from './database.js';
import { loadMigrations, migrate } from './migrate.js';
import type { DB } from './schema.js';

/**
 * Logical backup of everything a center owns, independent of the engine: a gzip'd JSON file
 * that restores into an empty database of either kind (so an installation can move from the
 * embedded engine to a PostgreSQL server). Tables in foreign-key order; sessions are not kept.
 */
export const BACKUP_TABLES = [
  'centers',
  'fields',
  'counters',
  'counter_fields',
  'users',
  'devices',
  'procedures',
  'center_procedures',
  'calendar_days',
  'priority_groups',
  'ticket_sequences',
  'tickets',
  'counter_states',
  'queue_events',
  'ratings',
  'outbox_messages',
  'dossier_sequences',
  'dossiers',
  'dossier_documents',
  'dossier_events',
  'dossier_warnings',
  'dossier_files',
  'payment_sequences',
  'dossier_payments',
  'assistant_conversations',
  'assistant_turns',
  'audit_log',
] as const satisfies ReadonlyArray<keyof DB>;

/** Tables whose id is GENERATED ALWAYS AS IDENTITY: restored with their ids, sequences moved on. */
const IDENTITY_TABLES = new Set<string>(['audit_log', 'queue_events', 'dossier_events', 'assistant_turns']);

/** Tables deliberately left out of a backup. */
export const NOT_BACKED_UP = ['sessions', 'schema_migrations', 'job_runs'] as const;

export interface BackupFile {
  format: 'motcua-backup';
  version: 1;
  createdAt: string;
  schemaVersion: string;
  tables: Record<string, unknown[]>;
}

export async function createBackup(database: Database): Promise<{ data: Buffer; counts: Record<string, number> }> {
  const tables: Record<string, unknown[]> = {};
  const counts: Record<string, number> = {};
  await database.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    for (const table of BACKUP_TABLES) {
      const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(trx);
      tables[table] = rows.rows;
      counts[table] = rows.rows.length;
    }
  });
  const migrations = loadMigrations();
  const file: BackupFile = {
    format: 'motcua-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    schemaVersion: migrations.at(-1)?.version ?? '0000',
    tables,
  };
  return { data: gzipSync(JSON.stringify(file)), counts };
}

export class RestoreError extends Error {}

/** Restores a backup into an empty database (migrated first); one transaction, all or nothing. */
export async function restoreBackup(database: Database, data: Buffer): Promise<Record<string, number>> {
  let file: BackupFile;
  try {
    file = JSON.parse(gunzipSync(data).toString('utf8')) as BackupFile;
  } catch {
    throw new RestoreError('Tệp sao lưu không đọc được / the backup file cannot be read');
  }
  if (file.format !== 'motcua-backup' || file.version !== 1) throw new RestoreError('Không phải tệp sao lưu motcua / not a motcua backup');
  const latest = loadMigrations().at(-1)?.version ?? '0000';
  if (file.schemaVersion > latest) throw new RestoreError(`backup schema ${file.schemaVersion} is newer than this program (${latest})`);
  await migrate(database);
  const counts: Record<string, number> = {};
  await database.db.transaction().execute(async (trx) => {
    const centers = await sql<{ n: number }>`SELECT count(*)::int AS n FROM centers`.execute(trx);
    if ((centers.rows[0]?.n ?? 0) > 0) throw new RestoreError('Cơ sở dữ liệu đích không trống / the target database is not empty');
    await sql`DELETE FROM procedures`.execute(trx);
    const jsonColumns = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('json', 'jsonb')`.execute(trx);
    for (const table of BACKUP_TABLES) {
      const rows = (file.tables[table] ?? []) as Array<Record<string, unknown>>;
      counts[table] = rows.length;
      const json = new Set(jsonColumns.rows.filter((c) => c.table_name === table).map((c) => c.column_name));
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200).map((row) => encodeRow(row, json));
        if (chunk.length === 0) continue;
        const columns = Object.keys(chunk[0] ?? {});
        const overriding = IDENTITY_TABLES.has(table) ? sql` OVERRIDING SYSTEM VALUE` : sql``;
        await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})${overriding} VALUES ${sql.join(
          chunk.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`),
        )}`.execute(trx);
      }
    }
    for (const table of IDENTITY_TABLES) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), GREATEST((SELECT max(id) FROM ${sql.table(table)}), 1))`.execute(trx);
    }
  });
  return counts;
}

/** Values of json/jsonb columns go back as JSON text; everything else as read. */
function encodeRow(row: Record<string, unknown>, jsonColumns: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = jsonColumns.has(k) && v !== null ? JSON.stringify(v) : v;
  return out;
}
