import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeUser } from '../../test/factories.js';
import { importShippedCatalog } from '../../seed/prepare.js';
import { hasPdftotext, pdfText } from '../slips/pdf-text.js';

let t: TestApp;
let reception: Session;
let specialist: Session;
let centerId: string;
let documents: Array<{ name: string; condition: string | null }>;

const applicant = { name: 'Võ Thị Ngọc Ánh', idNumber: '079195001122', phone: '0938111222', address: 'phường Hòa Hưng' };
const post = (s: Session, url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: s.headers, payload });
const text = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_RATE_LIMIT: '100000' });
  await importShippedCatalog(t.database);
  const db = t.database.db;
  centerId = (await makeCenter(db)).id;
  reception = await login(t.app, (await makeUser(db, centerId, 'receptionist')).username);
  specialist = await login(t.app, (await makeUser(db, centerId, 'specialist')).username);
  documents = ((await t.app.inject('/api/procedures/1.004837')).json() as { documents: Array<{ name: string; condition: string | null }> }).documents;
});
afterAll(async () => t.close());

describe('a dossier not accepted at the counter', () => {
  it('asking for more lists exactly the missing documents on Mẫu 02; nothing is accepted and no code is given', async () => {
    // everything handed in except the first unconditional document
    const firstRequired = documents.findIndex((d) => d.condition === null);
    const handed = documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : i === firstRequired ? 'missing' : 'received' }));
    const res = await post(reception, '/api/dossiers/not-accepted', { procedureCode: '1.004837', applicant, documents: handed, decision: 'request_more', reason: 'Thiếu giấy tờ chứng minh nơi cư trú' });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ code: null, status: 'incomplete', dvcqgStatus: 1, receivedAt: null, dueAt: null });
    const slip = await t.app.inject({ url: `/api/dossiers/${d.id}/slips/supplement-request.pdf`, headers: reception.headers });
    expect(slip.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/dossiers/${d.id}/slips/receipt.pdf`, headers: reception.headers })).json().code).toBe('SLIP_NOT_AVAILABLE');
    if (hasPdftotext()) {
      const words = text(slip.rawPayload);
      expect(words).toContain('PHIẾU YÊU CẦU BỔ SUNG');
      expect(words).toContain(applicant.name);
      expect(words).toContain('Thiếu giấy tờ chứng minh nơi cư trú');
      // the missing document's first words, as the catalog names it
      expect(words).toContain((documents[firstRequired]?.name ?? '').split(' ').slice(0, 6).join(' '));
      expect(words).not.toContain('Mã hồ sơ:');
    }
    const message = await t.database.db.selectFrom('outbox_messages').select('body').where('center_id', '=', centerId).where('dedupe_key', '=', `dossier:request_more:${d.id}`).executeTakeFirst();
    expect(message?.body).toMatch(/chưa đủ để tiếp nhận/);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('target_id', '=', d.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['dossier.request_more']);
  });

  it('asking for more when nothing is missing and nothing is named is refused: accept it instead', async () => {
    const handed = documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : 'received' }));
    const res = await post(reception, '/api/dossiers/not-accepted', { procedureCode: '1.004837', applicant, documents: handed, decision: 'request_more' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    const named = await post(reception, '/api/dossiers/not-accepted', { procedureCode: '1.004837', applicant, documents: handed, decision: 'request_more', items: [{ name: 'Bản dịch công chứng giấy khai sinh', note: 'Giấy tờ nước ngoài phải dịch' }] });
    expect(named.statusCode).toBe(201);
  });

  it('a refusal states its reasons on Mẫu 03; reasons are required; a specialist cannot decide', async () => {
    const handed = documents.map((d, i) => ({ position: i + 1, status: 'received' as const, ...(d.condition ? { status: 'not_applicable' as const } : {}) }));
    expect((await post(reception, '/api/dossiers/not-accepted', { procedureCode: '1.004837', applicant, documents: handed, decision: 'refuse' })).statusCode).toBe(400);
    expect((await post(specialist, '/api/dossiers/not-accepted', { procedureCode: '1.004837', applicant, documents: handed, decision: 'refuse', reasons: ['x'] })).statusCode).toBe(403);
    const bad = await post(reception, '/api/dossiers/not-accepted', { procedureCode: '1.004837', applicant: { ...applicant, idNumber: '123' }, documents: handed, decision: 'refuse', reasons: ['x'] });
    expect(bad.statusCode).toBe(400);
    const res = await post(reception, '/api/dossiers/not-accepted', {
      procedureCode: '1.004837',
      applicant,
      documents: handed,
      decision: 'refuse',
      reasons: ['Người được giám hộ đã có người giám hộ đương nhiên theo Bộ luật Dân sự.', 'Yêu cầu không thuộc thẩm quyền của UBND phường.'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'refused', dvcqgStatus: 3, code: null });
    const slip = await t.app.inject({ url: `/api/dossiers/${res.json().id}/slips/refusal.pdf`, headers: reception.headers });
    expect(slip.statusCode).toBe(200);
    if (hasPdftotext()) {
      const words = text(slip.rawPayload);
      expect(words).toContain('PHIẾU TỪ CHỐI');
      expect(words).toContain('Người được giám hộ đã có người giám hộ đương nhiên theo Bộ luật Dân sự.');
      expect(words).toContain('Yêu cầu không thuộc thẩm quyền của UBND phường.');
    }
    // a refused dossier takes no action and no payment
    expect((await post(reception, `/api/dossiers/${res.json().id}/payments`, { amountVnd: 1000, method: 'cash' })).json().code).toBe('DOSSIER_STATE_CONFLICT');
  });
});
