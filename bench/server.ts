import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../src/server/paths.js';
import { freePort } from '../src/server/test/process.js';

/**
 * The built server (dist/server/main.js) as its own process on a free port, rate limits out of
 * the way, scheduled jobs off; resolves once /api/ready answers.
 */
export async function startBenchServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      QUEUE_HOUSEKEEPING: 'false',
      PUBLIC_RATE_LIMIT: '100000000',
      LOOKUP_RATE_LIMIT: '100000000',
      LOGIN_RATE_LIMIT: '1000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited');
    if (await fetch(`${base}/api/ready`).then((r) => r.ok, () => false)) return { child, base };
    await new Promise((r) => setTimeout(r, 50));
  }
}
