import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './paths.js';
import { freePort } from './test/process.js';

/**
 * The production entry point as an operator runs it: `node dist/server/main.js` on a fresh
 * data directory. Checks first start (demo logins printed and saved), readiness, config errors,
 * graceful stop on SIGTERM, and that a SIGKILL loses nothing that was committed.
 */
const MAIN = path.join(ROOT, 'dist', 'server', 'main.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-main-'));

async function start(port: number, env: Record<string, string> = {}): Promise<{ child: ChildProcess; output: () => string }> {
  let out = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => r.ok, () => false);
    if (ok) return { child, output: () => out };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become ready: ${out}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

beforeAll(() => {
  if (!existsSync(MAIN)) {
    const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.server.json'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('server build failed');
  }
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('motcua server process', () => {
  it('refuses an invalid configuration with a clear message', () => {
    const r = spawnSync(process.execPath, [MAIN], { env: { ...process.env, PORT: 'abc', DATA_DIR: dataDir }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/invalid configuration/);
    expect(r.stderr).toMatch(/PORT/);
  });

  it('first start: migrates, imports the catalog, seeds the demo center and prints the logins; SIGTERM stops cleanly', async () => {
    const port = await freePort();
    const { child, output } = await start(port);
    expect(output()).toMatch(/quantri\s+\S{12}/);
    expect(readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8')).toMatch(/tiepnhan1/);
    const search = await fetch(`http://127.0.0.1:${port}/api/procedures?q=khai%20sinh`).then((r) => r.json() as Promise<{ total: number }>);
    expect(search.total).toBeGreaterThan(3);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(existsSync(path.join(dataDir, 'motcua.lock'))).toBe(false);
  }, 90_000);

  it('a SIGKILL in the middle of work loses nothing committed; restart does not seed again', async () => {
    const port = await freePort();
    const { child } = await start(port);
    const password = /quantri\s+(\S{12})/.exec(readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8'))?.[1] ?? '';
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'quantri', password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const created: number[] = [];
    for (let n = 20; n < 30; n++) {
      const r = await fetch(`http://127.0.0.1:${port}/api/counters`, { method: 'POST', headers, body: JSON.stringify({ number: n, fieldIds: [] }) });
      if (r.status === 201) created.push(n);
    }
    // more requests in flight while the process dies
    const inflight = Array.from({ length: 5 }, (_, i) =>
      fetch(`http://127.0.0.1:${port}/api/counters`, { method: 'POST', headers, body: JSON.stringify({ number: 40 + i, fieldIds: [] }) }).then(
        (r) => (r.status === 201 ? 40 + i : null),
        () => null,
      ),
    );
    child.kill('SIGKILL');
    await exited(child);
    const acknowledged = (await Promise.all(inflight)).filter((n): n is number => n !== null);

    const again = await start(port);
    expect(again.output()).not.toMatch(/demo accounts/);
    const relog = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'quantri', password }),
    });
    const c2 = (relog.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const counters = (await fetch(`http://127.0.0.1:${port}/api/counters`, { headers: { cookie: c2 } }).then((r) => r.json())) as Array<{ number: number }>;
    const numbers = counters.map((c) => c.number);
    for (const n of [...created, ...acknowledged]) expect(numbers).toContain(n);
    again.child.kill('SIGTERM');
    expect(await exited(again.child)).toBe(0);
  }, 120_000);
});
