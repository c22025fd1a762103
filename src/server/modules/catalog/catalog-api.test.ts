import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/app.js';
import { makeCenter, makeField, makeUser } from '../../test/factories.js';
import { importShippedCatalog } from '../../seed/prepare.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await importShippedCatalog(t.database);
});
afterAll(async () => t.close());

async function search(q: string, extra = '') {
  const res = await t.app.inject(`/api/procedures?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { items: Array<{ code: string; name: string; fieldCode: string; score: number }>; total: number };
}

describe('catalog search', () => {
  it('finds "Đăng ký khai sinh" first, typed with diacritics, without, in NFD, or upper case', async () => {
    for (const q of ['đăng ký khai sinh', 'dang ky khai sinh', 'đăng ký khai sinh'.normalize('NFD'), 'DANG KY KHAI SINH']) {
      const r = await search(q);
      expect(r.items[0]?.code, q).toBe('1.001193');
    }
  });

  it('returns a short, relevant list — not every procedure that shares a common word', async () => {
    const r = await search('dang ky khai sinh');
    expect(r.total).toBeLessThanOrEqual(15);
    expect(r.items.every((i) => /khai sinh/i.test(i.name) || i.fieldCode === 'ho-tich')).toBe(true);
  });

  it('ranks by relevance: the exact procedure before its variants', async () => {
    const r = await search('dang ky ket hon');
    expect(r.items[0]?.code).toBe('1.000894');
    expect(r.items.map((i) => i.code)).toEqual(expect.arrayContaining(['1.004746', '2.000806']));
  });

  it('understands citizen words through aliases', async () => {
    expect((await search('giay doc than')).items[0]?.code).toBe('1.004873');
    expect((await search('nhập hộ khẩu')).items.slice(0, 3).map((i) => i.code)).toContain('1.004222');
  });

  it('tolerates a typo', async () => {
    expect((await search('chung thuc ban sao tu ban chinhh')).items.slice(0, 3).map((i) => i.code)).toContain('2.000815');
  });

  it('filters by field and pages', async () => {
    const all = await search('', '&field=ho-tich&pageSize=5');
    expect(all.total).toBe(22);
    expect(all.items).toHaveLength(5);
    expect(all.items.every((i) => i.fieldCode === 'ho-tich')).toBe(true);
    const page2 = await search('', '&field=ho-tich&pageSize=5&page=2');
    expect(page2.items[0]?.code).not.toBe(all.items[0]?.code);
  });

  it('returns nothing (not an error) for nonsense', async () => {
    const r = await search('xyzzy qwerty');
    expect(r.total).toBe(0);
  });

  it('lists fields with counts', async () => {
    const fields = (await t.app.inject('/api/procedure-fields')).json() as Array<{ code: string; count: number }>;
    expect(fields.find((f) => f.code === 'ho-tich')?.count).toBe(22);
    expect(fields.reduce((n, f) => n + f.count, 0)).toBe(74);
  });
});

describe('procedure page', () => {
  it('shows documents with copies, fee, working days and the 15:00 rule', async () => {
    const res = await t.app.inject('/api/procedures/1.001193');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.name).toBe('Thủ tục đăng ký khai sinh');
    expect(p.processing.after15hNextWorkingDay).toBe(true);
    expect(p.fee.free).toBe(true);
    expect(p.documents.length).toBeGreaterThan(3);
    expect(p.documents.every((d: { copies: number }) => d.copies >= 1)).toBe(true);
    expect(p.legalBasis).toContain('Nghị định 123/2015/NĐ-CP');
  });

  it('unknown code → 404 problem; malformed code → 400', async () => {
    expect((await t.app.inject('/api/procedures/9.999999')).json().code).toBe('PROCEDURE_NOT_FOUND');
    expect((await t.app.inject('/api/procedures/abc')).statusCode).toBe(400);
  });
});

describe('center settings for a procedure', () => {
  it('an admin routes a procedure to a field and adds notes without touching the national record', async () => {
    const db = t.database.db;
    const center = await makeCenter(db);
    const field = await makeField(db, center.id, { name: 'Hộ tịch - Nuôi con nuôi', prefix: 'H' });
    const admin = await makeUser(db, center.id, 'admin');
    const s = await login(t.app, admin.username);
    const before = (await t.app.inject('/api/procedures/1.001193')).json();
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/center/procedures/1.001193',
      headers: s.headers,
      payload: { fieldId: field.id, localNotes: 'Mang theo sổ hộ khẩu cũ nếu có.', localWorkingDays: 0.5 },
    });
    expect(res.statusCode).toBe(200);
    const detail = (await t.app.inject(`/api/procedures/1.001193?center=${center.slug}`)).json();
    expect(detail.center.settings.localNotes).toBe('Mang theo sổ hộ khẩu cũ nếu có.');
    expect(detail.center.fieldName).toBe('Hộ tịch - Nuôi con nuôi');
    const after = (await t.app.inject('/api/procedures/1.001193')).json();
    expect(after.processing).toEqual(before.processing);
    expect(after.documents).toEqual(before.documents);
    // disabling hides it from that center's search only
    await t.app.inject({ method: 'PUT', url: '/api/center/procedures/1.001193', headers: s.headers, payload: { enabled: false } });
    expect((await search('dang ky khai sinh', `&center=${center.slug}`)).items.map((i) => i.code)).not.toContain('1.001193');
    expect((await search('dang ky khai sinh')).items[0]?.code).toBe('1.001193');
    const receptionist = await makeUser(db, center.id, 'receptionist');
    const rs = await login(t.app, receptionist.username);
    const denied = await t.app.inject({ method: 'PUT', url: '/api/center/procedures/1.001193', headers: rs.headers, payload: { enabled: true } });
    expect(denied.statusCode).toBe(403);
  });
});
