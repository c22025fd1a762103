import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { MIGRATIONS_DIR } from '../paths.js';
import type { Database, Db } from './database.js';

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => FILE.test(f))
    .sort()
    .map((f) => {
      const match = FILE.exec(f);
      const text = readFileSync(path.join(dir, f), 'utf8');
      return {
        version: match?.[1] ?? f,
        name: match?.[2] ?? f,
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

async function ensureTable(db: Db): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
}

/**
 * Applies pending forward-only migrations, each in its own transaction, under an advisory lock
 * so that two processes starting together apply each migration once. A shipped migration whose
 * file changed is an error: migrations are never edited, only added.
 */
export async function migrate(database: Database, migrations = loadMigrations()): Promise<string[]> {
  const { db } = database;
  await ensureTable(db);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('motcua.migrate'))`.execute(trx);
      const existing = await trx
        .selectFrom('schema_migrations')
        .select(['checksum'])
        .where('version', '=', m.version)
        .executeTakeFirst();
      if (existing) {
        if (existing.checksum !== m.checksum) {
          throw new Error(`migration ${m.version}_${m.name} was changed after it was applied (checksum differs)`);
        }
        return false;
      }
      await database.execScript(trx, m.sql);
      await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, checksum: m.checksum }).execute();
      return true;
    });
    if (done) applied.push(`${m.version}_${m.name}`);
  }
  return applied;
}

/** Versions known to the code but not applied in the database (used by /api/ready). */
export async function pendingMigrations(db: Db, migrations = loadMigrations()): Promise<string[]> {
  const rows = await db
    .selectFrom('schema_migrations')
    .select('version')
    .execute()
    .catch(() => [] as { version: string }[]);
  const done = new Set(rows.map((r) => r.version));
  return migrations.filter((m) => !done.has(m.version)).map((m) => `${m.version}_${m.name}`);
}
