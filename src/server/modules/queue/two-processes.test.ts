import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../paths.js';
import { freePort } from '../../test/process.js';

/**
 * Two real server processes (`node dist/server/main.js`) share one PostgreSQL server: tickets
 * issued concurrently through both get distinct, consecutive numbers, and a call made through
 * one process reaches a board connected to the other. Runs in the PostgreSQL pass of the suite
 * (TEST_DATABASE_URL); the embedded engine is one process per data directory by design.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const MAIN = path.join(ROOT, 'dist', 'server', 'main.js');
const dbName = `motcua_2p_${process.pid}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-2p-'));
const children: ChildProcess[] = [];

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(query);
  await c.end();
}

async function startProcess(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', QUEUE_HOUSEKEEPING: 'false', PUBLIC_RATE_LIMIT: '100000' },
    stdio: 'ignore',
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (await fetch(`${base}/api/ready`).then((r) => r.ok, () => false)) return base;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('process did not start');
}

describe.skipIf(!serverUrl)('two server processes on one PostgreSQL server', () => {
  let a = '';
  let b = '';
  let kiosk = '';

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('build the server first (npm test does)');
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${dbName}`);
    const url = new URL(serverUrl ?? '');
    url.pathname = `/${dbName}`;
    a = await startProcess(url.toString()); // migrates and seeds the demo center
    b = await startProcess(url.toString());
    kiosk = /kiosk\s+(mcd_\S+)/.exec(readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8'))?.[1] ?? '';
  }, 120_000);

  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('issues 300 tickets concurrently through both processes: numbers 1..300, no gap, no duplicate', async () => {
    const headers = { authorization: `Bearer ${kiosk}`, 'content-type': 'application/json' };
    const options = (await fetch(`${a}/api/kiosk/options`, { headers }).then((r) => r.json())) as { fields: Array<{ id: string; prefix: string }> };
    const field = options.fields[0];
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        fetch(`${i % 2 === 0 ? a : b}/api/tickets`, { method: 'POST', headers, body: JSON.stringify({ fieldId: field?.id }) }).then((r) => r.json() as Promise<{ number: string }>),
      ),
    );
    const numbers = results.map((r) => Number(r.number.slice(field?.prefix.length ?? 1))).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  }, 120_000);
});
