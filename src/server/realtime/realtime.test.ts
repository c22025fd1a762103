import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { parseConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { emitQueueEvent } from '../modules/queue/events.js';
import { createTestApp, login, type TestApp } from '../test/app.js';
import { makeCenter, makeCounter, makeField, makeUser } from '../test/factories.js';

/**
 * Realtime: queue events reach Server-Sent-Event clients only after commit, never for a
 * rollback, and — with a PostgreSQL server — across two server instances sharing the database.
 */
interface Stream {
  messages: Array<Record<string, unknown>>;
  waitFor(pred: (m: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  close(): void;
}

async function openStream(base: string, path: string, headers: Record<string, string>): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${base}${path}`, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const messages: Array<Record<string, unknown>> = [];
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let helloResolve: () => void = () => undefined;
  const hello = new Promise<void>((r) => (helloResolve = r));
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          if (block.includes('event: hello')) helloResolve();
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data && block.includes('event: queue')) messages.push(JSON.parse(data.slice(6)) as Record<string, unknown>);
        }
      }
    } catch {
      // aborted
    }
  })();
  await hello;
  return {
    messages,
    async waitFor(pred, ms = 5000) {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const m = messages.find(pred);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
    },
    close: () => controller.abort(),
  };
}

let t: TestApp;
let base: string;
let kiosk: Record<string, string>;
let displayHeaders: Record<string, string>;
let officer: Awaited<ReturnType<typeof login>>;
let centerId: string;
let fieldId: string;
let counterId: string;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_RATE_LIMIT: '100000' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const db = t.database.db;
  centerId = (await makeCenter(db)).id;
  fieldId = (await makeField(db, centerId, { prefix: 'A' })).id;
  counterId = (await makeCounter(db, centerId, 3)).id;
  await db.insertInto('counter_fields').values({ center_id: centerId, counter_id: counterId, field_id: fieldId }).execute();
  const admin = await login(t.app, (await makeUser(db, centerId, 'admin')).username);
  officer = await login(t.app, (await makeUser(db, centerId, 'receptionist')).username);
  const mk = async (kind: string) =>
    (await t.app.inject({ method: 'POST', url: '/api/devices', headers: admin.headers, payload: { kind, name: kind } })).json().token as string;
  kiosk = { authorization: `Bearer ${await mk('kiosk')}` };
  displayHeaders = { authorization: `Bearer ${await mk('display')}` };
});
afterAll(async () => t.close());

describe('realtime queue events', () => {
  it('a display board receives the call with the ticket and counter numbers; a live ticket page sees it too', async () => {
    const board = await openStream(base, '/api/queue/stream', displayHeaders);
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { fieldId } })).json();
    const live = await openStream(base, `/api/public/tickets/${ticket.publicToken}/stream`, {});
    await t.app.inject({ method: 'POST', url: `/api/counters/${counterId}/open`, headers: officer.headers });
    await t.app.inject({ method: 'POST', url: `/api/counters/${counterId}/call-next`, headers: officer.headers });
    const called = await board.waitFor((m) => m.type === 'ticket.called');
    expect(called).toMatchObject({ ticket: ticket.number, counter: 3 });
    const seen = await live.waitFor((m) => m.type === 'ticket.called');
    expect(seen).toMatchObject({ ticket: ticket.number, counter: 3 });
    expect(Object.keys(seen)).not.toContain('ticketId');
    const liveView = (await t.app.inject(`/api/public/tickets/${ticket.publicToken}`)).json();
    expect(liveView).toMatchObject({ status: 'called', counter: 3 });
    board.close();
    live.close();
  });

  it('a rolled-back change is never pushed; the next committed one is', async () => {
    const board = await openStream(base, '/api/queue/stream', displayHeaders);
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await emitQueueEvent(trx, { centerId, type: 'test.rolled_back' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await t.database.db.transaction().execute(async (trx) => emitQueueEvent(trx, { centerId, type: 'test.committed' }));
    await board.waitFor((m) => m.type === 'test.committed');
    expect(board.messages.some((m) => m.type === 'test.rolled_back')).toBe(false);
    board.close();
  });

  it("another center's events never reach this board", async () => {
    const board = await openStream(base, '/api/queue/stream', displayHeaders);
    const other = await makeCenter(t.database.db);
    await t.database.db.transaction().execute(async (trx) => emitQueueEvent(trx, { centerId: other.id, type: 'test.other_center' }));
    await t.database.db.transaction().execute(async (trx) => emitQueueEvent(trx, { centerId, type: 'test.mine' }));
    await board.waitFor((m) => m.type === 'test.mine');
    expect(board.messages.some((m) => m.type === 'test.other_center')).toBe(false);
    board.close();
  });

  it('a change made through one server instance reaches boards connected to another', async () => {
    // With a PostgreSQL server the second instance has its own pool and LISTEN connection,
    // exactly like a second process; the embedded engine is single-process by design, so there
    // the second instance shares it (the NOTIFY path is the same).
    const second: Database = t.database.openAnother ? await t.database.openAnother() : t.database;
    const app2: FastifyInstance = await buildApp({
      config: parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '100000', SEED_DEMO: 'false' }),
      database: second,
      logger: false,
      webDistDir: '/nonexistent',
    });
    await app2.listen({ port: 0, host: '127.0.0.1' });
    try {
      const a2 = app2.server.address();
      const board = await openStream(`http://127.0.0.1:${typeof a2 === 'object' && a2 ? a2.port : 0}`, '/api/queue/stream', displayHeaders);
      const ticket = (await t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { fieldId } })).json();
      await t.app.inject({ method: 'POST', url: `/api/counters/${counterId}/finish`, headers: officer.headers, payload: { outcome: 'information_only' } });
      await t.app.inject({ method: 'POST', url: `/api/counters/${counterId}/call-next`, headers: officer.headers });
      expect(await board.waitFor((m) => m.type === 'ticket.called' && m.ticket === ticket.number)).toMatchObject({ counter: 3 });
      board.close();
    } finally {
      await app2.close();
      if (second !== t.database) await second.close();
    }
  });

  it('closing the server ends open streams instead of waiting for them', async () => {
    const extra = await createTestApp();
    await extra.app.listen({ port: 0, host: '127.0.0.1' });
    const a = extra.app.server.address();
    const db = extra.database.db;
    const c = await makeCenter(db);
    const admin = await login(extra.app, (await makeUser(db, c.id, 'admin')).username);
    const token = (await extra.app.inject({ method: 'POST', url: '/api/devices', headers: admin.headers, payload: { kind: 'display', name: 'd' } })).json().token as string;
    const stream = await openStream(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, '/api/queue/stream', { authorization: `Bearer ${token}` });
    const started = Date.now();
    await extra.close();
    expect(Date.now() - started).toBeLessThan(5000);
    stream.close();
  });
});
