import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeUser } from '../../test/factories.js';

let t: TestApp;
let admin: Session;
let receptionist: Session;

beforeAll(async () => {
  t = await createTestApp();
  const center = await makeCenter(t.database.db);
  admin = await login(t.app, (await makeUser(t.database.db, center.id, 'admin')).username);
  receptionist = await login(t.app, (await makeUser(t.database.db, center.id, 'receptionist')).username);
});
afterAll(async () => t.close());

async function dueAt(session: Session, receivedAt: string, workingDays: number, lateCutoffRule = false) {
  const res = await t.app.inject({
    url: `/api/calendar/due-date?receivedAt=${encodeURIComponent(receivedAt)}&workingDays=${workingDays}&lateCutoffRule=${lateCutoffRule}`,
    headers: session.headers,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { dueAt: string; dueAtText: string; countingStartsOn: string };
}

describe('working calendar of a center', () => {
  it('shows the official 2026 schedule with sources, the make-up Saturday and the built-in holidays', async () => {
    const res = await t.app.inject({ url: '/api/calendar?year=2026', headers: receptionist.headers });
    expect(res.statusCode).toBe(200);
    const cal = res.json();
    expect(cal.hasOfficialSchedule).toBe(true);
    const byDate = new Map<string, { kind: string; enabled: boolean; source: string | null; uncertain: boolean }>(
      cal.days.map((d: { date: string }) => [d.date, d]),
    );
    expect(byDate.get('2026-02-16')?.kind).toBe('day_off');
    expect(byDate.get('2026-08-22')).toMatchObject({ kind: 'working_day', enabled: true });
    expect(byDate.get('2026-08-31')?.source).toMatch(/9441/);
    expect(byDate.get('2026-11-24')).toMatchObject({ kind: 'day_off', enabled: false });
    expect(cal.holidays.map((h: { date: string }) => h.date)).toEqual(expect.arrayContaining(['2026-01-01', '2026-04-30', '2026-05-01']));
  });

  it('a dossier received Friday 13/02/2026 with 1 working day is due after Tết (Monday 23/02)', async () => {
    const r = await dueAt(receptionist, '2026-02-13T09:00:00+07:00', 1);
    expect(r.dueAt.slice(0, 10)).toBe('2026-02-23');
    expect(r.dueAtText).toMatch(/23\/02\/2026/);
  });

  it('the 15:00 rule: received at 15:30 on Monday counts from Tuesday', async () => {
    const r = await dueAt(receptionist, '2026-03-02T15:30:00+07:00', 1, true);
    expect(r.countingStartsOn).toBe('2026-03-03');
    const early = await dueAt(receptionist, '2026-03-02T14:30:00+07:00', 1, true);
    expect(early.countingStartsOn).toBe('2026-03-02');
  });

  it('the admin switches on the uncertain 24/11/2026 holiday and due dates move', async () => {
    const before = await dueAt(receptionist, '2026-11-23T09:00:00+07:00', 1);
    expect(before.dueAt.slice(0, 10)).toBe('2026-11-24');
    const denied = await t.app.inject({ method: 'PATCH', url: '/api/calendar/days/official:2026-11-24', headers: receptionist.headers, payload: { enabled: true } });
    expect(denied.statusCode).toBe(403);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/calendar/days/official:2026-11-24', headers: admin.headers, payload: { enabled: true } });
    expect(res.statusCode).toBe(204);
    const after = await dueAt(receptionist, '2026-11-23T09:00:00+07:00', 1);
    expect(after.dueAt.slice(0, 10)).toBe('2026-11-25');
    const cal = (await t.app.inject({ url: '/api/calendar?year=2026', headers: admin.headers })).json();
    expect(cal.days.find((d: { date: string }) => d.date === '2026-11-24').enabled).toBe(true);
  });

  it('the admin adds a local day off; a duplicate date is a 409; removing it restores the day', async () => {
    const add = await t.app.inject({ method: 'POST', url: '/api/calendar/days', headers: admin.headers, payload: { date: '2026-12-15', kind: 'day_off', name: 'Nghỉ kiểm kê' } });
    expect(add.statusCode).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: '/api/calendar/days', headers: admin.headers, payload: { date: '2026-12-15', kind: 'day_off', name: 'Lần hai' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('CALENDAR_DAY_TAKEN');
    expect((await dueAt(receptionist, '2026-12-14T09:00:00+07:00', 1)).dueAt.slice(0, 10)).toBe('2026-12-16');
    const cal = (await t.app.inject({ url: '/api/calendar?year=2026', headers: admin.headers })).json();
    const entry = cal.days.find((d: { date: string }) => d.date === '2026-12-15');
    expect(entry.scope).toBe('center');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/calendar/days/${entry.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await dueAt(receptionist, '2026-12-14T09:00:00+07:00', 1)).dueAt.slice(0, 10)).toBe('2026-12-15');
  });

  it('a center that opens Saturday mornings counts them', async () => {
    const center = (await t.app.inject({ url: '/api/center', headers: admin.headers })).json();
    const week = { ...center.workingWeek, '6': [{ start: '07:30', end: '11:30' }] };
    const res = await t.app.inject({ method: 'PATCH', url: '/api/center', headers: admin.headers, payload: { workingWeek: week } });
    expect(res.statusCode).toBe(200);
    // Friday 06/03/2026 at 10:00 + 1 working day → the due day is Saturday, now a working morning
    const r = await dueAt(receptionist, '2026-03-06T10:00:00+07:00', 1);
    expect(r.dueAt.slice(0, 10)).toBe('2026-03-07');
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/center', headers: admin.headers, payload: { workingWeek: { ...week, '1': [{ start: '17:00', end: '08:00' }] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('WORKING_HOURS_INVALID');
  });
});
