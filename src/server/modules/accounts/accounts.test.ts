import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, problemOf, type TestApp } from '../../test/app.js';
import { makeCenter, makeCounter, makeUser, TEST_PASSWORD } from '../../test/factories.js';
import { FREE_ATTEMPTS, lockMinutes } from './login-user.js';

let t: TestApp;
let centerId: string;
let admin: { username: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  const center = await makeCenter(t.database.db);
  centerId = center.id;
  admin = await makeUser(t.database.db, center.id, 'admin');
});
afterAll(async () => t.close());

describe('sign-in', () => {
  it('sets an httpOnly SameSite session cookie and returns who I am with a CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/motcua_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = res.json();
    expect(me.role).toBe('admin');
    expect(me.csrfToken.length).toBeGreaterThan(20);
  });

  it('a wrong password gives a Vietnamese error and an audit row', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: 'sai-mat-khau' } });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const rows = await t.database.db.selectFrom('audit_log').select('action').where('target_id', '=', admin.id).execute();
    expect(rows.map((r) => r.action)).toContain('auth.login_failed');
    // a later good login resets the counter
    await login(t.app, admin.username);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'khong-ton-tai', password: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after repeated failures, with back-off, even for the right password', async () => {
    const user = await makeUser(t.database.db, centerId, 'receptionist');
    const codes: string[] = [];
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: `wrong-${i}` } });
      codes.push(problemOf(res).code);
    }
    expect(codes.slice(0, FREE_ATTEMPTS - 1).every((c) => c === 'INVALID_CREDENTIALS')).toBe(true);
    expect(codes[FREE_ATTEMPTS - 1]).toBe('ACCOUNT_LOCKED');
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(429);
    expect(problemOf(right).code).toBe('ACCOUNT_LOCKED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect([lockMinutes(5), lockMinutes(6), lockMinutes(7), lockMinutes(20)]).toEqual([1, 2, 4, 60]);
  });

  it('logout ends the session', async () => {
    const s = await login(t.app, admin.username);
    expect((await t.app.inject({ url: '/api/users', headers: s.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/users', headers: s.headers })).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated change without the CSRF header', async () => {
    const s = await login(t.app, admin.username);
    const res = await t.app.inject({ method: 'POST', url: '/api/counters', headers: { cookie: s.cookie }, payload: { number: 41, fieldIds: [] } });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).code).toBe('CSRF_FAILED');
    const ok = await t.app.inject({ method: 'POST', url: '/api/counters', headers: s.headers, payload: { number: 41, fieldIds: [] } });
    expect(ok.statusCode).toBe(201);
  });
});

describe('staff accounts', () => {
  it('admin creates an account with a generated password that must be changed', async () => {
    const s = await login(t.app, admin.username);
    const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username: 'tran.thi.b', fullName: 'Trần Thị B', role: 'specialist' } });
    expect(res.statusCode).toBe(201);
    const { user, temporaryPassword } = res.json();
    expect(user.mustChangePassword).toBe(true);
    const b = await login(t.app, 'tran.thi.b', temporaryPassword);
    const blocked = await t.app.inject({ url: '/api/fields', headers: b.headers });
    expect(blocked.statusCode).toBe(403);
    expect(problemOf(blocked).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: b.headers, payload: { currentPassword: temporaryPassword, newPassword: 'ngan' } });
    expect(problemOf(weak).code).toBe('PASSWORD_TOO_WEAK');
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: b.headers, payload: { currentPassword: temporaryPassword, newPassword: 'mot-mat-khau-dai-hon' } });
    expect(changed.statusCode).toBe(204);
    const me = await t.app.inject({ url: '/api/auth/me', headers: b.headers });
    expect(me.json().mustChangePassword).toBe(false);
    expect((await t.app.inject({ url: '/api/fields', headers: b.headers })).statusCode).toBe(200);
    await login(t.app, 'tran.thi.b', 'mot-mat-khau-dai-hon');
  });

  it('duplicate username → 409', async () => {
    const s = await login(t.app, admin.username);
    const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username: admin.username, fullName: 'Ai Đó', role: 'leader' } });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).code).toBe('USERNAME_TAKEN');
  });

  it('reset password unlocks, ends sessions and shows a new temporary password once', async () => {
    const s = await login(t.app, admin.username);
    const victim = await makeUser(t.database.db, centerId, 'leader');
    const vs = await login(t.app, victim.username);
    const res = await t.app.inject({ method: 'POST', url: `/api/users/${victim.id}/reset-password`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/audit', headers: vs.headers })).statusCode).toBe(401);
    await login(t.app, victim.username, res.json().temporaryPassword);
  });

  it('the last active admin cannot be demoted or disabled', async () => {
    const other = await makeCenter(t.database.db);
    const only = await makeUser(t.database.db, other.id, 'admin');
    const s = await login(t.app, only.username);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${only.id}`, headers: s.headers, payload: { role: 'leader' } });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).code).toBe('LAST_ADMIN');
  });

  it('a disabled account cannot sign in and its sessions end', async () => {
    const s = await login(t.app, admin.username);
    const u = await makeUser(t.database.db, centerId, 'specialist');
    const us = await login(t.app, u.username);
    await t.app.inject({ method: 'PATCH', url: `/api/users/${u.id}`, headers: s.headers, payload: { active: false } });
    expect((await t.app.inject({ url: '/api/fields', headers: us.headers })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    expect(problemOf(res).code).toBe('ACCOUNT_DISABLED');
  });
});

describe('devices', () => {
  it('a device token works for its job only, and stops working when revoked', async () => {
    const s = await login(t.app, admin.username);
    const counter = await makeCounter(t.database.db, centerId, 7);
    const created = await t.app.inject({ method: 'POST', url: '/api/devices', headers: s.headers, payload: { kind: 'rating', name: 'Máy đánh giá quầy 7', counterId: counter.id } });
    expect(created.statusCode).toBe(201);
    const { device, token } = created.json();
    expect(token).toMatch(/^mcd_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ url: '/api/device/me', headers: bearer });
    expect(me.json()).toMatchObject({ kind: 'rating', counterId: counter.id });
    // a device cannot administer
    expect((await t.app.inject({ url: '/api/users', headers: bearer })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/counters', headers: bearer, payload: { number: 99, fieldIds: [] } })).statusCode).toBe(403);
    // the list never shows the token, only its hint
    const list = (await t.app.inject({ url: '/api/devices', headers: s.headers })).body;
    expect(list).not.toContain(token);
    expect(list).toContain(token.slice(0, 10));
    const revoked = await t.app.inject({ method: 'POST', url: `/api/devices/${device.id}/revoke`, headers: s.headers });
    expect(revoked.statusCode).toBe(200);
    const after = await t.app.inject({ url: '/api/device/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(problemOf(after).code).toBe('DEVICE_TOKEN_INVALID');
    const again = await t.app.inject({ method: 'POST', url: `/api/devices/${device.id}/revoke`, headers: s.headers });
    expect(problemOf(again).code).toBe('DEVICE_ALREADY_REVOKED');
  });
});

describe('permissions: denials as well as grants', () => {
  it.each([
    ['receptionist', 'GET', '/api/users'],
    ['specialist', 'GET', '/api/audit'],
    ['leader', 'POST', '/api/counters'],
    ['receptionist', 'PATCH', '/api/center'],
    ['specialist', 'POST', '/api/devices'],
    ['leader', 'POST', '/api/users'],
  ] as const)('%s cannot %s %s', async (role, method, url) => {
    const u = await makeUser(t.database.db, centerId, role);
    const s = await login(t.app, u.username);
    const res = await t.app.inject({ method, url, headers: s.headers, payload: method === 'GET' ? undefined : { name: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).code).toBe('FORBIDDEN');
  });

  it('anonymous callers get 401 on staff routes', async () => {
    for (const url of ['/api/users', '/api/center', '/api/audit', '/api/devices']) {
      expect((await t.app.inject(url)).statusCode).toBe(401);
    }
  });

  it('a leader can read the audit log and the staff list', async () => {
    const u = await makeUser(t.database.db, centerId, 'leader');
    const s = await login(t.app, u.username);
    expect((await t.app.inject({ url: '/api/audit', headers: s.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/users', headers: s.headers })).statusCode).toBe(200);
  });
});
