import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeCounter, makeField, makeUser } from '../../test/factories.js';
import { dispatchOutbox, logSender } from './outbox.js';

let t: TestApp;
let centerId: string;
let fieldId: string;
let counterId: string;
let officer: Session;
let admin: Session;
let kiosk: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  centerId = (await makeCenter(db)).id;
  fieldId = (await makeField(db, centerId, { prefix: 'A' })).id;
  counterId = (await makeCounter(db, centerId, 1)).id;
  await db.insertInto('counter_fields').values({ center_id: centerId, counter_id: counterId, field_id: fieldId }).execute();
  admin = await login(t.app, (await makeUser(db, centerId, 'admin')).username);
  officer = await login(t.app, (await makeUser(db, centerId, 'receptionist')).username);
  const token = (await t.app.inject({ method: 'POST', url: '/api/devices', headers: admin.headers, payload: { kind: 'kiosk', name: 'k' } })).json().token as string;
  kiosk = { authorization: `Bearer ${token}` };
});
afterAll(async () => t.close());

describe('"your turn is near" messages through the outbox', () => {
  it('messages a citizen who left a phone number once, when at most 2 people are ahead; the admin reads it masked', async () => {
    const issued = [];
    for (let i = 0; i < 5; i++) {
      issued.push((await t.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { fieldId, ...(i === 3 ? { phone: '0912345678' } : {}) } })).json());
    }
    await t.app.inject({ method: 'POST', url: `/api/counters/${counterId}/open`, headers: officer.headers });
    const call = async () => {
      await t.app.inject({ method: 'POST', url: `/api/counters/${counterId}/call-next`, headers: officer.headers });
      await t.app.inject({ method: 'POST', url: `/api/counters/${counterId}/finish`, headers: officer.headers, payload: { outcome: 'information_only' } });
    };
    const count = async () => (await t.database.db.selectFrom('outbox_messages').select('id').where('center_id', '=', centerId).execute()).length;
    await call(); // A001 called: A004 has A002, A003 before it → 2 ahead → near
    expect(await count()).toBe(1);
    await call();
    await call();
    expect(await count()).toBe(1); // never twice
    const msg = await t.database.db.selectFrom('outbox_messages').selectAll().where('center_id', '=', centerId).executeTakeFirstOrThrow();
    expect(msg.body).toMatch(new RegExp(`Số ${issued[3].number} của bạn sắp được gọi`));
    expect(msg.status).toBe('pending');
    expect(await dispatchOutbox(t.database.db, { log: logSender })).toEqual({ sent: 1, failed: 0 });
    expect(await dispatchOutbox(t.database.db, { log: logSender })).toEqual({ sent: 0, failed: 0 });
    const list = (await t.app.inject({ url: '/api/outbox', headers: admin.headers })).json();
    expect(list[0]).toMatchObject({ status: 'sent', recipient: '091****678', channel: 'log' });
    expect((await t.app.inject({ url: '/api/outbox', headers: officer.headers })).statusCode).toBe(403);
  });

  it('a channel without a configured provider fails visibly and is retried with back-off', async () => {
    await t.database.db.insertInto('outbox_messages').values({ center_id: centerId, channel: 'sms', recipient: '0900000000', body: 'x', dedupe_key: 'test-sms' }).execute();
    // a second ahead: the database keeps microseconds, a JS Date milliseconds
    const now = new Date(Date.now() + 1000);
    expect(await dispatchOutbox(t.database.db, {}, now)).toEqual({ sent: 0, failed: 1 });
    const row = await t.database.db.selectFrom('outbox_messages').selectAll().where('dedupe_key', '=', 'test-sms').executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.last_error).toMatch(/no sender configured/);
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(now.getTime());
    expect(await dispatchOutbox(t.database.db, {}, now)).toEqual({ sent: 0, failed: 0 }); // not yet due
  });
});
