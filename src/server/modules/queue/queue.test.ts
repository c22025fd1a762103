import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeCounter, makeField, makeUser } from '../../test/factories.js';

let t: TestApp;
let centerId: string;
let fieldA: string;
let fieldB: string;
let counter1: string;
let counter2: string;
let kiosk: Record<string, string>;
let rating1: Record<string, string>;
let display: Record<string, string>;
let admin: Session;
let officer1: Session;
let officer2: Session;
let elderly: string;

async function device(kind: 'kiosk' | 'display' | 'rating', counterId?: string): Promise<Record<string, string>> {
  const res = await t.app.inject({ method: 'POST', url: '/api/devices', headers: admin.headers, payload: { kind, name: `Thiết bị ${kind}`, ...(counterId ? { counterId } : {}) } });
  return { authorization: `Bearer ${res.json().token}` };
}

async function issue(payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as { id: string; number: string; peopleAhead: number; publicToken: string; counters: number[]; estimatedWaitMinutes: number };
}

async function post(session: Session, url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url, headers: session.headers, ...(payload === undefined ? {} : { payload }) });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const center = await makeCenter(db);
  centerId = center.id;
  fieldA = (await makeField(db, centerId, { name: 'Hộ tịch', prefix: 'A' })).id;
  fieldB = (await makeField(db, centerId, { name: 'Chứng thực', prefix: 'B' })).id;
  counter1 = (await makeCounter(db, centerId, 1)).id;
  counter2 = (await makeCounter(db, centerId, 2)).id;
  await db.insertInto('counter_fields').values([
    { center_id: centerId, counter_id: counter1, field_id: fieldA },
    { center_id: centerId, counter_id: counter2, field_id: fieldA },
    { center_id: centerId, counter_id: counter2, field_id: fieldB },
  ]).execute();
  elderly = (await db.insertInto('priority_groups').values({ center_id: centerId, code: 'nguoi-cao-tuoi', name: 'Người cao tuổi', credit_minutes: 20 }).returning('id').executeTakeFirstOrThrow()).id;
  admin = await login(t.app, (await makeUser(db, centerId, 'admin')).username);
  officer1 = await login(t.app, (await makeUser(db, centerId, 'receptionist')).username);
  officer2 = await login(t.app, (await makeUser(db, centerId, 'receptionist')).username);
  kiosk = await device('kiosk');
  display = await device('display');
  rating1 = await device('rating', counter1);
});
afterAll(async () => t.close());

describe('kiosk tickets', () => {
  it('numbers per field from 1 with the field prefix, the counters that serve it and people ahead', async () => {
    const a1 = await issue({ fieldId: fieldA });
    const a2 = await issue({ fieldId: fieldA });
    const b1 = await issue({ fieldId: fieldB });
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    expect(a1.counters).toEqual([1, 2]);
    expect(b1.counters).toEqual([2]);
    expect(a2.peopleAhead).toBe(1);
    const live = (await t.app.inject(`/api/public/tickets/${a2.publicToken}`)).json();
    expect(live).toMatchObject({ number: 'A002', status: 'waiting', peopleAhead: 1 });
    expect(JSON.stringify(live)).not.toMatch(/phone|staff/);
  });

  it('a double tap or a retry with the same idempotency key returns the same ticket', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { fieldId: fieldB, idempotencyKey: 'tap-0001-abcdef' } });
    const again = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { fieldId: fieldB, idempotencyKey: 'tap-0001-abcdef' } });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().number).toBe(first.json().number);
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { fieldId: fieldB, idempotencyKey: 'tap-0002-abcdef' } })),
    );
    expect(new Set(concurrent.map((r) => r.json().number)).size).toBe(1);
  });

  it('concurrent issuance gives distinct, consecutive numbers', async () => {
    const f = (await makeField(t.database.db, centerId, { name: 'Cư trú', prefix: 'C' })).id;
    const results = await Promise.all(Array.from({ length: 60 }, () => t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { fieldId: f } })));
    const numbers = results.map((r) => Number(r.json().number.slice(1))).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('bad input is refused clearly', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: {} });
    expect(none.statusCode).toBe(400);
    const other = await makeCenter(t.database.db);
    const foreign = (await makeField(t.database.db, other.id, { prefix: 'Z' })).id;
    const res = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { fieldId: foreign } });
    expect(res.json().code).toBe('FIELD_NOT_FOUND');
    expect((await t.app.inject({ method: 'POST', url: '/api/tickets', headers: display, payload: { fieldId: fieldA } })).statusCode).toBe(403);
  });
});

describe('counter console', () => {
  it('call next follows the order, priority first within its credit, and says why', async () => {
    await post(officer1, `/api/counters/${counter1}/open`);
    const elder = await issue({ fieldId: fieldA, priorityGroupId: elderly });
    const called = await post(officer1, `/api/counters/${counter1}/call-next`);
    expect(called.statusCode).toBe(200);
    const body = called.json();
    expect(body.ticket.number).toBe(elder.number);
    expect(body.explanation.reason).toBe('priority');
    expect(body.explanation.text).toMatch(/Người cao tuổi/);
    // busy counter cannot call again before finishing
    expect((await post(officer1, `/api/counters/${counter1}/call-next`)).json().code).toBe('COUNTER_BUSY');
    await post(officer1, `/api/counters/${counter1}/start`);
    const done = await post(officer1, `/api/counters/${counter1}/finish`, { outcome: 'dossier_received' });
    expect(done.statusCode).toBe(200);
    expect(done.json().myDay.served).toBe(1);
    const next = await post(officer1, `/api/counters/${counter1}/call-next`);
    expect(next.json().ticket.number).toBe('A001');
    expect(next.json().explanation.reason).toBe('order');
  });

  it('another officer cannot use an open counter; closed counters cannot call', async () => {
    expect((await post(officer2, `/api/counters/${counter1}/open`)).json().code).toBe('COUNTER_TAKEN');
    expect((await post(officer2, `/api/counters/${counter2}/call-next`)).json().code).toBe('COUNTER_NOT_OPEN');
  });

  it('two counters calling at once never get the same ticket; the loser of a race on one ticket gets 409', async () => {
    await post(officer1, `/api/counters/${counter1}/no-show`);
    await post(officer2, `/api/counters/${counter2}/open`);
    // two field-A tickets wait, so each counter has one to take whichever wins the race
    await issue({ fieldId: fieldA });
    const [r1, r2] = await Promise.all([post(officer1, `/api/counters/${counter1}/call-next`), post(officer2, `/api/counters/${counter2}/call-next`)]);
    const n1 = r1.json().ticket?.number;
    const n2 = r2.json().ticket?.number;
    expect(n1).toBeTruthy();
    expect(n2).toBeTruthy();
    expect(n1).not.toBe(n2);
    const waiting = (await t.app.inject({ url: `/api/counters/${counter2}/console`, headers: officer2.headers })).json();
    await post(officer2, `/api/counters/${counter2}/transfer`, { fieldId: fieldB });
    const target = waiting.waiting[0]?.id as string;
    const [c1, c2] = await Promise.all([post(officer1, `/api/counters/${counter1}/no-show`).then(() => post(officer1, `/api/counters/${counter1}/call`, { ticketId: target })), post(officer2, `/api/counters/${counter2}/call`, { ticketId: target })]);
    expect([c1.statusCode, c2.statusCode].sort()).toEqual([200, 409]);
  });

  it('transfer keeps the original issue time; no-show can be re-queued; finishing twice is a 409', async () => {
    const console2 = (await t.app.inject({ url: `/api/counters/${counter2}/console`, headers: officer2.headers })).json();
    if (console2.current) await post(officer2, `/api/counters/${counter2}/finish`, { outcome: 'information_only' });
    const c1 = (await t.app.inject({ url: `/api/counters/${counter1}/console`, headers: officer1.headers })).json();
    if (c1.current) await post(officer1, `/api/counters/${counter1}/finish`, { outcome: 'information_only' });
    const x = await issue({ fieldId: fieldA });
    let called = await post(officer1, `/api/counters/${counter1}/call`, { ticketId: x.id });
    const issuedAt = called.json().ticket.issuedAt;
    await post(officer1, `/api/counters/${counter1}/transfer`, { counterId: counter2 });
    const onTwo = (await t.app.inject({ url: `/api/counters/${counter2}/console`, headers: officer2.headers })).json();
    const moved = onTwo.waiting.find((w: { id: string }) => w.id === x.id);
    expect(moved.issuedAt).toBe(issuedAt);
    expect(moved.transferredHere).toBe(true);
    called = await post(officer2, `/api/counters/${counter2}/call`, { ticketId: x.id });
    expect((await post(officer2, `/api/counters/${counter2}/recall`)).statusCode).toBe(200);
    await post(officer2, `/api/counters/${counter2}/no-show`);
    expect((await t.app.inject({ method: 'POST', url: `/api/tickets/${x.id}/requeue`, headers: officer2.headers })).statusCode).toBe(204);
    await post(officer2, `/api/counters/${counter2}/call`, { ticketId: x.id });
    expect((await post(officer2, `/api/counters/${counter2}/finish`, { outcome: 'referred' })).statusCode).toBe(200);
    expect((await post(officer2, `/api/counters/${counter2}/finish`, { outcome: 'referred' })).json().code).toBe('NO_CURRENT_TICKET');
  });
});

describe('rating tablet, board and leader view', () => {
  it('rates the service just finished at its counter, once', async () => {
    const x = await issue({ fieldId: fieldA });
    await post(officer1, `/api/counters/${counter1}/call`, { ticketId: x.id });
    await post(officer1, `/api/counters/${counter1}/start`);
    await post(officer1, `/api/counters/${counter1}/finish`, { outcome: 'dossier_received' });
    const pending = (await t.app.inject({ url: '/api/rating/pending', headers: rating1 })).json();
    expect(pending.pending.number).toBe(x.number);
    const rate = await t.app.inject({ method: 'POST', url: '/api/ratings', headers: rating1, payload: { ticketId: x.id, level: 'very_satisfied', reasons: ['thai-do'] } });
    expect(rate.statusCode).toBe(201);
    const twice = await t.app.inject({ method: 'POST', url: '/api/ratings', headers: rating1, payload: { ticketId: x.id, level: 'unsatisfied' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('TICKET_ALREADY_RATED');
    expect((await t.app.inject({ url: '/api/rating/pending', headers: rating1 })).json().pending).toBeNull();
    const overview = (await t.app.inject({ url: '/api/queue/overview', headers: admin.headers })).json();
    expect(overview.today.ratings.verySatisfied).toBe(1);
    expect(overview.today.served).toBeGreaterThanOrEqual(3);
    expect(overview.fields.find((f: { prefix: string }) => f.prefix === 'A').waiting).toBeGreaterThanOrEqual(0);
  });

  it('the display board shows counters, the latest calls and waiting per field', async () => {
    const board = (await t.app.inject({ url: '/api/queue/board', headers: display })).json();
    expect(board.counters.map((c: { number: number }) => c.number)).toEqual([1, 2]);
    expect(board.calls.length).toBeGreaterThan(0);
    expect(board.fields.map((f: { prefix: string }) => f.prefix)).toEqual(expect.arrayContaining(['A', 'B']));
    expect((await t.app.inject({ url: `/api/counters/${counter1}/console`, headers: display })).statusCode).toBe(403);
  });

  it('the leader sets the alert threshold and sees an alert when a wait passes it', async () => {
    const leader = await login(t.app, (await makeUser(t.database.db, centerId, 'leader')).username);
    await t.database.db.updateTable('tickets').set({ issued_at: new Date(Date.now() - 45 * 60_000) }).where('center_id', '=', centerId).where('status', '=', 'waiting').execute();
    expect((await t.app.inject({ method: 'PUT', url: '/api/queue/settings', headers: leader.headers, payload: { waitAlertMinutes: 30 } })).statusCode).toBe(204);
    const overview = (await t.app.inject({ url: '/api/queue/overview', headers: leader.headers })).json();
    expect(overview.fields.some((f: { alert: boolean }) => f.alert)).toBe(true);
  });
});

describe('daily life of the queue', () => {
  it('closes yesterday’s open tickets with a reason, today’s waiting ones after closing time, and restarts numbering each day', async () => {
    const { runQueueHousekeeping, CLOSE_REASON_END_OF_DAY } = await import('./close-day.js');
    const db = t.database.db;
    const f = (await makeField(db, centerId, { name: 'Ngày mới', prefix: 'N' })).id;
    const y = await issue({ fieldId: f });
    // pretend it was issued yesterday
    await db.updateTable('tickets').set({ service_day: '2026-03-09', issued_at: new Date('2026-03-09T09:00:00+07:00') }).where('id', '=', y.id).execute();
    const monday10 = new Date('2026-03-10T10:00:00+07:00');
    expect(await runQueueHousekeeping(db, monday10)).toBeGreaterThanOrEqual(1);
    const closed = await db.selectFrom('tickets').select(['status', 'close_reason']).where('id', '=', y.id).executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: 'closed', close_reason: CLOSE_REASON_END_OF_DAY });
    // a ticket of "today" (10/03/2026) waiting at 17:10 stays (grace), at 17:31 is closed
    const w = await issue({ fieldId: f });
    await db.updateTable('tickets').set({ service_day: '2026-03-10' }).where('id', '=', w.id).execute();
    await runQueueHousekeeping(db, new Date('2026-03-10T17:10:00+07:00'));
    expect((await db.selectFrom('tickets').select('status').where('id', '=', w.id).executeTakeFirstOrThrow()).status).toBe('waiting');
    await runQueueHousekeeping(db, new Date('2026-03-10T17:31:00+07:00'));
    expect((await db.selectFrom('tickets').select('status').where('id', '=', w.id).executeTakeFirstOrThrow()).status).toBe('closed');
    // numbering restarts each service day (the sequence is keyed by day)
    const { issueTicket } = await import('./issue-ticket.js');
    const ctx = { actorType: 'system' as const, actorId: null, actorName: 't', actorRole: null, centerId, ip: null, requestId: null };
    const g = (await makeField(db, centerId, { name: 'Đánh số', prefix: 'S' })).id;
    const day1 = new Date('2026-03-11T08:00:00+07:00');
    const day2 = new Date('2026-03-12T08:00:00+07:00');
    const n1 = (await issueTicket(db, ctx, { fieldId: g, source: 'kiosk' }, day1)).ticket.number;
    const n2 = (await issueTicket(db, ctx, { fieldId: g, source: 'kiosk' }, day1)).ticket.number;
    const n3 = (await issueTicket(db, ctx, { fieldId: g, source: 'kiosk' }, day2)).ticket.number;
    expect([n1, n2, n3]).toEqual(['S001', 'S002', 'S001']);
  });
});
