import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeUser } from '../../test/factories.js';
import { importShippedCatalog } from '../../seed/prepare.js';

let t: TestApp;
let desk: Session;

beforeAll(async () => {
  t = await createTestApp();
  await importShippedCatalog(t.database);
  const centerId = (await makeCenter(t.database.db)).id;
  desk = await login(t.app, (await makeUser(t.database.db, centerId, 'receptionist')).username);
});
afterAll(async () => t.close());

describe('the copilot’s procedure suggestions', () => {
  it('turns the citizen’s words into procedures without storing a citizen conversation; staff only', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/copilot/suggest-procedures', headers: desk.headers, payload: { question: 'toi muon dang ky giam ho cho me gia' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().procedures.map((p: { code: string }) => p.code)).toContain('1.004837');
    expect(await t.database.db.selectFrom('assistant_conversations').select('id').execute()).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: '/api/copilot/suggest-procedures', payload: { question: 'khai sinh' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/copilot/suggest-procedures', headers: desk.headers, payload: { question: '' } })).statusCode).toBe(400);
  });
});
