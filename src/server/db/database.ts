import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { PGliteDialect } from './pglite-dialect.js';
import pg from 'pg';
import type { DB } from './schema.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Anything a repository can run a query on: the database or an open transaction. */
export type Executor = Kysely<DB>;

export interface PoolStats {
  engine: 'pglite' | 'postgres';
  total: number;
  idle: number;
  waiting: number;
}

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** A human description without credentials, for logs. */
  describe: string;
  poolStats(): PoolStats;
  /**
   * Runs a multi-statement SQL script (a migration) on the given executor, inside its transaction.
   * The wire protocols differ: node-postgres sends a parameterless query as a simple query;
   * PGlite's `query` is single-statement, so the script goes through `exec` on the one connection
   * that the open Kysely transaction already holds.
   */
  execScript(executor: Executor, script: string): Promise<void>;
  /**
   * Subscribes to a NOTIFY channel. NOTIFY sent inside a transaction is delivered only at
   * commit (and never for a rollback), which is what makes "push after commit" hold. With a
   * server, one dedicated connection listens and reconnects by itself; PGlite delivers within
   * its process.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL server URL; when absent the embedded PGlite engine is used. */
  url?: string | undefined;
  /** Directory of the embedded database; `memory://` for a throw-away in-memory one. */
  dataDir?: string;
  poolMax?: number;
}

// Dates and numerics: keep timestamptz as Date (pg default) and numeric as number.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) return openServer(options.url, options.poolMax ?? 10);
  return openEmbedded(options.dataDir ?? 'memory://');
}

async function openServer(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'motcua' });
  // An idle connection that the server closes (restart, failover, admin command) is reported
  // here; without a listener Node would crash the process. The pool drops it and opens a new
  // one on the next query.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  const listener = new ServerListener(url);
  return {
    db,
    engine: 'postgres',
    describe: `postgres://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    poolStats: () => ({ engine: 'postgres', total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    execScript: async (executor, script) => {
      await sql.raw(script).execute(executor);
    },
    listen: (channel, onMessage) => listener.listen(channel, onMessage),
    close: async () => {
      await listener.close();
      await db.destroy();
    },
  };
}

/** One LISTEN connection per process, re-established with back-off if the server drops it. */
class ServerListener {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private closed = false;
  private retryMs = 500;

  constructor(private readonly url: string) {}

  private connect(): Promise<pg.Client> {
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: 'motcua-listen' });
      client.on('notification', (n) => {
        for (const h of this.handlers.get(n.channel) ?? []) h(n.payload ?? '');
      });
      client.on('error', () => this.reconnect());
      client.on('end', () => this.reconnect());
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      this.client = client;
      this.retryMs = 500;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private reconnect(): void {
    if (this.closed || !this.client) return;
    this.client = undefined;
    setTimeout(() => {
      if (!this.closed) this.connect().catch(() => this.reconnectLater());
    }, this.retryMs);
  }

  private reconnectLater(): void {
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    setTimeout(() => {
      if (!this.closed) this.connect().catch(() => this.reconnectLater());
    }, this.retryMs);
  }

  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(onMessage);
    const client = this.client ?? (await this.connect());
    if (first && this.client === client) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return async () => {
      set.delete(onMessage);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = undefined;
    if (c) await c.end().catch(() => undefined);
  }
}

async function openEmbedded(dataDir: string): Promise<Database> {
  let lock: DataDirLock | undefined;
  let location = dataDir;
  if (dataDir !== 'memory://') {
    location = path.join(dataDir, 'pgdata');
    mkdirSync(location, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  const pglite = await PGlite.create({
    ...(location === 'memory://' ? {} : { dataDir: location }),
    extensions: { pg_trgm },
    // Numerics as numbers, dates as ISO strings, like the pg parsers above.
    parsers: { 1700: (v: string) => Number(v), 20: (v: string) => Number(v), 1082: (v: string) => v },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    describe: location === 'memory://' ? 'pglite (in memory)' : `pglite ${location}`,
    poolStats: () => ({ engine: 'pglite', total: 1, idle: 1, waiting: 0 }),
    execScript: async (_executor, script) => {
      await pglite.exec(script);
    },
    listen: async (channel, onMessage) => {
      const unsubscribe = await pglite.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    close: async () => {
      await db.destroy();
      lock?.release();
    },
  };
}
