/**
 * Catalog search benchmark (issue #2).
 *
 *   npm run bench            (embedded PGlite)
 *   npm run bench -- --pg    (PostgreSQL server at TEST_DATABASE_URL or 127.0.0.1:5432/test, scratch database)
 *
 * Prints, for one run on this machine:
 *   - cold start of `node dist/server/main.js` on a fresh data directory until /api/ready answers;
 *   - GET /api/procedures?q=… over HTTP at concurrency 32 (autocannon): requests/s, p50/p99;
 *   - the baseline measured in the same run: the same searchProcedures() query on the database
 *     directly (no HTTP), at the same concurrency;
 *   - the server's resident memory after warm-up.
 * Ratios are what to compare between machines; absolute figures move with the machine's load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { searchProcedures } from '../src/server/modules/catalog/search-procedures.js';
import { ROOT } from '../src/server/paths.js';
import { importShippedCatalog } from '../src/server/seed/prepare.js';
import { freePort, scratchDatabase } from '../src/server/test/process.js';

const QUERIES = ['dang ky khai sinh', 'chứng thực bản sao', 'giay doc than', 'đăng ký thường trú', 'xin giấy phép xây dựng nhà', 'ho kinh doanh'];
const CONCURRENCY = 32;
const DURATION_S = 10;
const usePg = process.argv.includes('--pg');

async function scratch_(): Promise<{ url: string; drop: () => Promise<void> }> {
  return scratchDatabase(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', `motcua_bench_${process.pid}`);
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; coldStartMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PUBLIC_RATE_LIMIT: '100000000', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited');
    const ok = await fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => r.ok, () => false);
    if (ok) return { child, port, coldStartMs: performance.now() - t0 };
    await new Promise((r) => setTimeout(r, 20));
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function baseline(url: string | undefined, dataDir: string): Promise<{ rps: number; p50: number; p99: number }> {
  const database = await openDatabase({ url, dataDir, poolMax: 10 });
  await migrate(database);
  const count = await database.db.selectFrom('procedures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(count.n) === 0) await importShippedCatalog(database);
  const latencies: number[] = [];
  const end = performance.now() + DURATION_S * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const q = QUERIES[i++ % QUERIES.length] ?? '';
        const t = performance.now();
        await searchProcedures(database.db, { q, pageSize: 20 });
        latencies.push(performance.now() - t);
      }
    }),
  );
  await database.close();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / DURATION_S, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  const scratch = usePg ? await scratch_() : undefined;
  const env: Record<string, string> = { DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '' };
  const { child, port, coldStartMs } = await startServer(env);
  const requests = QUERIES.map((q) => ({ method: 'GET' as const, path: `/api/procedures?q=${encodeURIComponent(q)}&pageSize=20` }));
  await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONCURRENCY, duration: 3, requests }); // warm-up
  const rss = rssMb(child.pid ?? 0);
  const http = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONCURRENCY, duration: DURATION_S, requests });
  const rssAfter = rssMb(child.pid ?? 0);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  // baseline on the same engine, directly (the server is stopped: the embedded directory is free)
  const base = await baseline(scratch?.url, dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();

  const engine = usePg ? 'PostgreSQL server' : 'embedded PGlite';
  const rows = [
    ['catalog search over HTTP (c=32)', http.requests.average.toFixed(0), http.latency.p50.toFixed(1), http.latency.p99.toFixed(1)],
    ['baseline: same query, no HTTP (c=32)', base.rps.toFixed(0), base.p50.toFixed(1), base.p99.toFixed(1)],
  ];
  console.log(`\nmotcua bench — catalog search — ${engine} — ${new Date().toISOString()}`);
  console.log(`${'what'.padEnd(40)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  for (const r of rows) console.log(`${(r[0] ?? '').padEnd(40)} ${(r[1] ?? '').padStart(8)} ${(r[2] ?? '').padStart(8)} ${(r[3] ?? '').padStart(8)}`);
  console.log(`HTTP / baseline throughput ratio: ${(http.requests.average / base.rps).toFixed(2)}`);
  console.log(`errors: ${http.errors}, non-2xx: ${http.non2xx}`);
  console.log(`server RSS after warm-up: ${rss} MB (after the run: ${rssAfter} MB)`);
  console.log(`cold start to /api/ready on a fresh data directory (migrate + catalog + demo seed): ${coldStartMs.toFixed(0)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
