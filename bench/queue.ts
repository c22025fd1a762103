/**
 * Queue benchmark (issue #3).
 *
 *   npm run bench:queue            embedded PGlite
 *   npm run bench:queue -- --pg    PostgreSQL server (TEST_DATABASE_URL or 127.0.0.1:5432/test, scratch database)
 *
 * 1. Ticket issuance over HTTP at concurrency 64 (autocannon, kiosk token) — tickets/s, p50/p99 —
 *    next to the raw baseline measured in the same run: the same insert transaction
 *    (insertTicket: sequence row, ticket, event, audit) through the same driver, no HTTP, c=64.
 *    The HTTP path also computes the ticket's predicted wait (estimateWaits), which the
 *    baseline does not: the ratio shows what HTTP + validation + prediction cost.
 * 2. Display fan-out: 1,000 and 5,000 boards connected by SSE to the server process; a counter
 *    recalls a ticket 20 times; for each call, the time from sending the request to its arrival
 *    at every board (p50/p99/max over all deliveries), and the server's resident memory.
 * The server runs as its own process (node dist/server/main.js); 2 cores are shared with the
 * load generator, so absolute figures are pessimistic — compare the ratio.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/server/db/database.js';
import { insertTicket } from '../src/server/modules/queue/issue-ticket.js';
import { serviceDayOf } from '../src/server/modules/queue/snapshot.js';
import { scratchDatabase } from '../src/server/test/process.js';
import { startBenchServer } from './server.js';

const usePg = process.argv.includes('--pg');
const ISSUE_SECONDS = 10;

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function scratch(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  if (!usePg) return undefined;
  return scratchDatabase(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', `motcua_benchq_${process.pid}`);
}


/** One SSE client on a raw socket; resolves each time a recall of `marker` arrives. */
function connectBoard(base: string, token: string, onCall: (ticket: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/queue/stream`, { headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          if (block.startsWith('retry:') || block.includes('event: hello')) resolve(req);
          const m = /"type":"ticket\.recalled".*"ticket":"([A-Z]+\d+)"/.exec(block);
          if (m?.[1]) onCall(m[1]);
        }
      });
    });
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-benchq-'));
  const db = await scratch();
  const engine = usePg ? 'PostgreSQL server' : 'embedded PGlite';
  const { child, base } = await startBenchServer({ DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '' });
  const demo = readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8');
  const kiosk = /kiosk\s+(mcd_\S+)/.exec(demo)?.[1] ?? '';
  const display = /display\s+(mcd_\S+)/.exec(demo)?.[1] ?? '';
  const password = /tiepnhan1\s+(\S+)/.exec(demo)?.[1] ?? '';
  const options = (await fetch(`${base}/api/kiosk/options`, { headers: { authorization: `Bearer ${kiosk}` } }).then((r) => r.json())) as {
    fields: Array<{ id: string; prefix: string }>;
  };
  const fieldIds = options.fields.map((f) => f.id);

  // 1. issuance over HTTP
  const requests = fieldIds.map((id) => ({ method: 'POST' as const, path: '/api/tickets', headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk}` }, body: JSON.stringify({ fieldId: id }) }));
  const issue = await autocannon({ url: base, connections: 64, duration: ISSUE_SECONDS, requests });
  const rssAfterIssue = rssMb(child.pid ?? 0);

  // 2. fan-out
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tiepnhan1', password }) });
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const staff = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': csrf };
  const counters = (await fetch(`${base}/api/counters`, { headers: staff }).then((r) => r.json())) as Array<{ id: string; number: number }>;
  const counter = counters.find((c) => c.number === 1)?.id ?? '';
  await fetch(`${base}/api/counters/${counter}/open`, { method: 'POST', headers: staff });
  const called = (await fetch(`${base}/api/counters/${counter}/call-next`, { method: 'POST', headers: staff }).then((r) => r.json())) as { ticket: { number: string } };
  const ticket = called.ticket.number;
  const fanout: Array<{ boards: number; p50: number; p99: number; max: number; delivered: number; expected: number; rss: number }> = [];
  const sockets: http.ClientRequest[] = [];
  let sentAt = 0;
  let latencies: number[] = [];
  const rssIdle = rssMb(child.pid ?? 0);
  for (const target of [1000, 5000]) {
    while (sockets.length < target) {
      const batch = Math.min(200, target - sockets.length);
      sockets.push(...(await Promise.all(Array.from({ length: batch }, () => connectBoard(base, display, (t) => t === ticket && latencies.push(performance.now() - sentAt))))));
    }
    await new Promise((r) => setTimeout(r, 500));
    const rss = rssMb(child.pid ?? 0);
    latencies = [];
    const calls = 20;
    for (let i = 0; i < calls; i++) {
      const before = latencies.length;
      sentAt = performance.now();
      await fetch(`${base}/api/counters/${counter}/recall`, { method: 'POST', headers: staff });
      const deadline = Date.now() + 10_000;
      while (latencies.length < before + target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    fanout.push({ boards: target, p50: pct(sorted, 50), p99: pct(sorted, 99), max: sorted.at(-1) ?? 0, delivered: latencies.length, expected: calls * target, rss });
  }
  for (const s of sockets) s.destroy();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));

  // baseline: the same insert transaction, same driver, no HTTP (the server is stopped, so the
  // embedded data directory is free)
  const database = await openDatabase({ url: db?.url, dataDir, poolMax: 10 });
  const center = await database.db.selectFrom('centers').select('id').executeTakeFirstOrThrow();
  const fields = await database.db.selectFrom('fields').select(['id', 'ticket_prefix']).where('center_id', '=', center.id).execute();
  const ctx = { actorType: 'device' as const, actorId: null, actorName: 'bench', actorRole: 'kiosk', centerId: center.id, ip: null, requestId: null };
  const raw: number[] = [];
  const end = performance.now() + ISSUE_SECONDS * 1000;
  let k = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (performance.now() < end) {
        const field = fields[k++ % fields.length] ?? { id: '', ticket_prefix: 'A' };
        const now = new Date();
        const t0 = performance.now();
        await database.db.transaction().execute((trx) => insertTicket(trx, ctx, { field, day: serviceDayOf(now), now, input: { fieldId: field.id, source: 'kiosk', deviceId: null } }));
        raw.push(performance.now() - t0);
      }
    }),
  );
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  await db?.drop();
  raw.sort((a, b) => a - b);

  console.log(`\nmotcua bench — queue — ${engine} — ${new Date().toISOString()}`);
  console.log(`${'ticket issuance (c=64)'.padEnd(44)} ${'tickets/s'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  console.log(`${'POST /api/tickets over HTTP'.padEnd(44)} ${issue.requests.average.toFixed(0).padStart(10)} ${issue.latency.p50.toFixed(1).padStart(8)} ${issue.latency.p99.toFixed(1).padStart(8)}`);
  console.log(`${'baseline: insert transaction, no HTTP'.padEnd(44)} ${(raw.length / ISSUE_SECONDS).toFixed(0).padStart(10)} ${pct(raw, 50).toFixed(1).padStart(8)} ${pct(raw, 99).toFixed(1).padStart(8)}`);
  console.log(`HTTP / baseline throughput: ${(issue.requests.average / (raw.length / ISSUE_SECONDS)).toFixed(2)}; errors ${issue.errors}, non-2xx ${issue.non2xx}; tickets issued over HTTP ${issue.requests.total}`);
  console.log(`server RSS after issuance: ${rssAfterIssue} MB`);
  console.log(`\ndisplay fan-out (20 recalls each; call request sent → message at every board)`);
  console.log(`${'boards'.padStart(7)} ${'delivered'.padStart(12)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'server RSS MB'.padStart(14)}`);
  for (const f of fanout) {
    console.log(`${String(f.boards).padStart(7)} ${`${f.delivered}/${f.expected}`.padStart(12)} ${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ${f.max.toFixed(1).padStart(8)} ${String(f.rss).padStart(14)}`);
  }
  console.log(`server RSS before the boards connected: ${rssIdle} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
