import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../paths.js';
import { freePort } from '../../test/process.js';

/**
 * SIGKILL in the middle of issuing and calling (embedded engine, a real process): every ticket
 * the kiosk got an answer for survives, and after restart the queue, the counter and the board
 * are where they were; numbering continues without a duplicate.
 */
const MAIN = path.join(ROOT, 'dist', 'server', 'main.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', QUEUE_HOUSEKEEPING: 'false', PUBLIC_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT: '1000' },
    stdio: 'ignore',
  });
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (await fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

describe('a server killed mid-work', () => {
  it('loses no acknowledged ticket; the counter and the board resume', async () => {
    if (!existsSync(MAIN)) throw new Error('build the server first (npm test does)');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let child = await start(port);
    const demo = readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8');
    const kiosk = { authorization: `Bearer ${/kiosk\s+(mcd_\S+)/.exec(demo)?.[1] ?? ''}`, 'content-type': 'application/json' };
    const display = { authorization: `Bearer ${/display\s+(mcd_\S+)/.exec(demo)?.[1] ?? ''}` };
    const password = /tiepnhan1\s+(\S+)/.exec(demo)?.[1] ?? '';
    const login = async () => {
      const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tiepnhan1', password }) });
      const me = (await r.json()) as { csrfToken: string };
      return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
    };
    const options = (await fetch(`${base}/api/kiosk/options`, { headers: kiosk }).then((r) => r.json())) as { fields: Array<{ id: string; prefix: string }> };
    const fieldId = options.fields.find((f) => f.prefix === 'A')?.id ?? '';
    const counters = (await fetch(`${base}/api/counters`, { headers: await login() }).then((r) => r.json())) as Array<{ id: string; number: number }>;
    const counter1 = counters.find((c) => c.number === 1)?.id ?? '';

    const acknowledged = new Set<string>();
    const issueOne = () =>
      fetch(`${base}/api/tickets`, { method: 'POST', headers: kiosk, body: JSON.stringify({ fieldId }) }).then(
        async (r) => {
          if (r.status === 201) acknowledged.add(((await r.json()) as { number: string }).number);
        },
        () => undefined,
      );
    for (let i = 0; i < 10; i++) await issueOne();
    let staff = await login();
    await fetch(`${base}/api/counters/${counter1}/open`, { method: 'POST', headers: staff });
    const called = (await fetch(`${base}/api/counters/${counter1}/call-next`, { method: 'POST', headers: staff }).then((r) => r.json())) as { ticket: { number: string } };
    expect(called.ticket?.number, JSON.stringify(called)).toBe('A001');

    // a burst of issuance in flight when the process is killed
    const burst = Array.from({ length: 30 }, () => issueOne());
    await new Promise((r) => setTimeout(r, 30));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await Promise.all(burst);
    await exited;

    child = await start(port);
    try {
      staff = await login();
      const view = (await fetch(`${base}/api/counters/${counter1}/console`, { headers: staff }).then((r) => r.json())) as {
        state: { status: string; mine: boolean };
        current: { number: string } | null;
        waiting: Array<{ number: string }>;
      };
      expect(view.state).toMatchObject({ status: 'open', mine: true });
      expect(view.current?.number, JSON.stringify(view).slice(0, 400)).toBe('A001');
      const inQueue = new Set([view.current?.number, ...view.waiting.map((w) => w.number)]);
      for (const n of acknowledged) expect(inQueue.has(n), n).toBe(true);
      const board = (await fetch(`${base}/api/queue/board`, { headers: display }).then((r) => r.json())) as { counters: Array<{ number: number; ticket: string | null }> };
      expect(board.counters.find((c) => c.number === 1)?.ticket).toBe('A001');
      // numbering continues after the highest committed number, without duplicates
      const after = (await fetch(`${base}/api/tickets`, { method: 'POST', headers: kiosk, body: JSON.stringify({ fieldId }) }).then((r) => r.json())) as { number: string };
      const numbers = [...inQueue].filter((n): n is string => typeof n === 'string').map((n) => Number(n.slice(1)));
      expect(Number(after.number.slice(1))).toBe(Math.max(...numbers) + 1);
    } finally {
      const stopped = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await stopped;
    }
  }, 120_000);
});
