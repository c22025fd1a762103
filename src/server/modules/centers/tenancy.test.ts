import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { importShippedCatalog } from '../../seed/prepare.js';
import { makeCenter, makeCounter, makeField, makeUser } from '../../test/factories.js';

/**
 * One installation serves many wards: a staff member of center A can neither read nor change
 * center B's data by any route. Each case uses B's real ids through A's session.
 */
let t: TestApp;
let a: Session;
let b: { centerId: string; fieldId: string; counterId: string; userId: string; deviceId: string; adminSession: Session };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await importShippedCatalog(t.database);
  const centerA = await makeCenter(db);
  const centerB = await makeCenter(db);
  const adminA = await makeUser(db, centerA.id, 'admin');
  const adminB = await makeUser(db, centerB.id, 'admin');
  a = await login(t.app, adminA.username);
  const bSession = await login(t.app, adminB.username);
  const field = await makeField(db, centerB.id, { prefix: 'B' });
  const counter = await makeCounter(db, centerB.id, 1);
  const user = await makeUser(db, centerB.id, 'receptionist');
  const device = await t.app.inject({ method: 'POST', url: '/api/devices', headers: bSession.headers, payload: { kind: 'kiosk', name: 'Kiosk B' } });
  b = { centerId: centerB.id, fieldId: field.id, counterId: counter.id, userId: user.id, deviceId: device.json().device.id, adminSession: bSession };
  await t.app.inject({ method: 'POST', url: '/api/calendar/days', headers: bSession.headers, payload: { date: '2026-12-24', kind: 'day_off', name: 'Ngày nghỉ riêng của B' } });
});
afterAll(async () => t.close());

describe('center isolation', () => {
  it('lists show only my center', async () => {
    for (const url of ['/api/fields', '/api/counters', '/api/users', '/api/devices']) {
      const body = (await t.app.inject({ url, headers: a.headers })).body;
      expect(body, url).not.toContain(b.fieldId);
      expect(body, url).not.toContain(b.counterId);
      expect(body, url).not.toContain(b.userId);
      expect(body, url).not.toContain(b.deviceId);
    }
    const calendar = (await t.app.inject({ url: '/api/calendar?year=2026', headers: a.headers })).body;
    expect(calendar).not.toContain('Ngày nghỉ riêng của B');
    const audit = (await t.app.inject({ url: '/api/audit?pageSize=200', headers: a.headers })).json();
    expect(JSON.stringify(audit)).not.toContain(b.deviceId);
    expect((await t.app.inject({ url: '/api/center', headers: a.headers })).json().id).not.toBe(b.centerId);
  });

  it.each([
    ['PATCH', () => `/api/fields/${b.fieldId}`, { name: 'Bị sửa' }, 'FIELD_NOT_FOUND'],
    ['PATCH', () => `/api/counters/${b.counterId}`, { name: 'Bị sửa' }, 'COUNTER_NOT_FOUND'],
    ['PATCH', () => `/api/users/${b.userId}`, { active: false }, 'USER_NOT_FOUND'],
    ['POST', () => `/api/users/${b.userId}/reset-password`, undefined, 'USER_NOT_FOUND'],
    ['POST', () => `/api/devices/${b.deviceId}/revoke`, undefined, 'DEVICE_NOT_FOUND'],
  ] as const)('%s %s of another center → 404, nothing changes', async (method, url, payload, code) => {
    const res = await t.app.inject({ method, url: url(), headers: a.headers, payload });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe(code);
  });

  it("cannot attach another center's field to my counter, or enrol a device on its counter", async () => {
    const mine = await t.app.inject({ method: 'POST', url: '/api/counters', headers: a.headers, payload: { number: 9, fieldIds: [b.fieldId] } });
    expect(mine.statusCode).toBe(404);
    expect(mine.json().code).toBe('FIELD_NOT_FOUND');
    const dev = await t.app.inject({ method: 'POST', url: '/api/devices', headers: a.headers, payload: { kind: 'rating', name: 'x', counterId: b.counterId } });
    expect(dev.json().code).toBe('COUNTER_NOT_FOUND');
  });

  it("cannot point a procedure at another center's field", async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/center/procedures/1.001193', headers: a.headers, payload: { fieldId: b.fieldId } });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('FIELD_NOT_FOUND');
  });

  it('cannot take the agency code of another center (it numbers every dossier code)', async () => {
    const other = await t.database.db.selectFrom('centers').select('agency_code').where('id', '=', b.centerId).executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'PATCH', url: '/api/center', headers: a.headers, payload: { agencyCode: other.agency_code } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('AGENCY_CODE_TAKEN');
    expect(res.json().detail).toMatch(/Mã định danh cơ quan/);
  });

  it("B's data is unchanged after A's attempts", async () => {
    const fields = (await t.app.inject({ url: '/api/fields', headers: b.adminSession.headers })).json() as Array<{ id: string; name: string }>;
    expect(fields.find((f) => f.id === b.fieldId)?.name).not.toBe('Bị sửa');
    const users = (await t.app.inject({ url: '/api/users', headers: b.adminSession.headers })).json() as Array<{ id: string; active: boolean }>;
    expect(users.find((u) => u.id === b.userId)?.active).toBe(true);
    const devices = (await t.app.inject({ url: '/api/devices', headers: b.adminSession.headers })).json() as Array<{ id: string; revokedAt: string | null }>;
    expect(devices.find((d) => d.id === b.deviceId)?.revokedAt).toBeNull();
  });
});
