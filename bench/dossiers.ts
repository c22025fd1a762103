/**
 * Dossier benchmark (issue #4).
 *
 *   npm run bench:dossiers            embedded PGlite
 *   npm run bench:dossiers -- --pg    PostgreSQL server (TEST_DATABASE_URL or 127.0.0.1:5432/test, scratch database)
 *
 * 1. Reception (accept with 5 documents, receipt not printed) over HTTP at concurrency 8:
 *    dossiers/s and p50/p99.
 * 2. Public lookup by code at concurrency 64 over HTTP — requests/s, p50/p99 — next to the raw
 *    baseline in the same run (lookupDossier() on the database directly, same codes, c=64).
 * 3. The receipt slip PDF: time per slip over HTTP (includes the database reads).
 * The server is its own process; 2 cores are shared with the load generator: compare ratios.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/server/db/database.js';
import { lookupDossier } from '../src/server/modules/dossiers/dossier-views.js';
import { scratchDatabase } from '../src/server/test/process.js';
import { startBenchServer } from './server.js';

const usePg = process.argv.includes('--pg');

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function scratch(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  if (!usePg) return undefined;
  return scratchDatabase(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', `motcua_benchd_${process.pid}`);
}


async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-benchd-'));
  const db = await scratch();
  const { child, base } = await startBenchServer({ DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '' });
  const demo = readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8');
  const password = /tiepnhan1\s+(\S+)/.exec(demo)?.[1] ?? '';
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tiepnhan1', password }) });
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const staff = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': csrf, 'content-type': 'application/json' };
  // 1.004837 (đăng ký giám hộ): every published document handed in (conditional ones not applicable).
  const proc = (await fetch(`${base}/api/procedures/1.004837`).then((r) => r.json())) as { documents: Array<{ condition: string | null }> };
  const documents = proc.documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : 'received' }));
  const body = JSON.stringify({ procedureCode: '1.004837', applicant: { name: 'Nguyễn Thị Hồng Nhung', idNumber: '079186001234', birthDate: '1986-05-20', phone: '0909123456', address: 'phường Hòa Hưng' }, documents });
  const reception = await autocannon({ url: base, connections: 8, duration: 10, requests: [{ method: 'POST', path: '/api/dossiers', headers: staff, body }] });

  const list = (await fetch(`${base}/api/dossiers?pageSize=200`, { headers: staff }).then((r) => r.json())) as { items: Array<{ id: string; code: string }> };
  const codes = list.items.map((i) => i.code).filter(Boolean);
  const lookup = await autocannon({ url: base, connections: 64, duration: 10, requests: codes.slice(0, 50).map((c) => ({ method: 'GET' as const, path: `/api/public/dossiers/${c}` })) });

  const slipTimes: number[] = [];
  for (const item of list.items.slice(0, 30)) {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/dossiers/${item.id}/slips/receipt.pdf`, { headers: staff });
    await r.arrayBuffer();
    slipTimes.push(performance.now() - t0);
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));

  const database = await openDatabase({ url: db?.url, dataDir, poolMax: 10 });
  const raw: number[] = [];
  const end = performance.now() + 10_000;
  let k = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await lookupDossier(database.db, codes[k++ % Math.min(50, codes.length)] ?? '', undefined);
        raw.push(performance.now() - t0);
      }
    }),
  );
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  await db?.drop();
  raw.sort((a, b) => a - b);
  slipTimes.sort((a, b) => a - b);

  console.log(`\nmotcua bench — dossiers — ${usePg ? 'PostgreSQL server' : 'embedded PGlite'} — ${new Date().toISOString()}`);
  console.log(`reception (accept, ${documents.length} documents) c=8: ${reception.requests.average.toFixed(1)} dossiers/s, p50 ${reception.latency.p50} ms, p99 ${reception.latency.p99} ms, non-2xx ${reception.non2xx}`);
  console.log(`${'public lookup (c=64)'.padEnd(40)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  console.log(`${'GET /api/public/dossiers/:code'.padEnd(40)} ${lookup.requests.average.toFixed(0).padStart(8)} ${lookup.latency.p50.toFixed(1).padStart(8)} ${lookup.latency.p99.toFixed(1).padStart(8)}`);
  console.log(`${'baseline: lookupDossier(), no HTTP'.padEnd(40)} ${(raw.length / 10).toFixed(0).padStart(8)} ${pct(raw, 50).toFixed(1).padStart(8)} ${pct(raw, 99).toFixed(1).padStart(8)}`);
  console.log(`HTTP / baseline: ${(lookup.requests.average / (raw.length / 10)).toFixed(2)}; errors ${lookup.errors}, non-2xx ${lookup.non2xx}`);
  console.log(`receipt PDF over HTTP: mean ${(slipTimes.reduce((a, b) => a + b, 0) / Math.max(1, slipTimes.length)).toFixed(0)} ms, p50 ${pct(slipTimes, 50).toFixed(0)} ms, max ${(slipTimes.at(-1) ?? 0).toFixed(0)} ms (first includes font loading)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
