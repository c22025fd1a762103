import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeUser } from '../../test/factories.js';
import { importShippedCatalog } from '../../seed/prepare.js';
import { formatDossierCode } from './receive-dossier.js';
import { maskName } from './dossier-views.js';

let t: TestApp;
let receptionist: Session;
let centerId: string;
let agencyCode: string;

const applicant = { name: 'Nguyễn Thị Hồng Nhung', idNumber: '079186001234', birthDate: '1986-05-20', phone: '0909123456', address: '12 Tô Hiến Thành, phường Hòa Hưng' };

/** Giám hộ (1.004837): 3 stated working days; its documents as published. */
async function documentsOf(code: string): Promise<Array<{ position: number; status: 'received' | 'not_applicable' }>> {
  const p = (await t.app.inject(`/api/procedures/${code}`)).json() as { documents: Array<{ condition: string | null }> };
  return p.documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : 'received' }));
}

beforeAll(async () => {
  t = await createTestApp();
  await importShippedCatalog(t.database);
  const center = await makeCenter(t.database.db);
  centerId = center.id;
  agencyCode = center.agency_code;
  receptionist = await login(t.app, (await makeUser(t.database.db, centerId, 'receptionist')).username);
});
afterAll(async () => t.close());

describe('dossier code', () => {
  it('is {agency}-{YYMMDD}-{NNNN} with at least four digits', () => {
    expect(formatDossierCode('000.00.06.H56', '2023-10-27', 361)).toBe('000.00.06.H56-231027-0361');
    expect(formatDossierCode('H29.01', '2026-11-27', 12345)).toBe('H29.01-261127-12345');
    expect(maskName('Nguyễn Thị Hồng Nhung')).toBe('Nguyễn T. H. N.');
  });
});

describe('reception at the counter', () => {
  it('accepts a complete dossier: official code, due date from the working calendar, documents recorded', async () => {
    const documents = await documentsOf('1.004837');
    const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: receptionist.headers, payload: { procedureCode: '1.004837', applicant, documents } });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    // {agency code}-{YYMMDD}-{NNNN}, the first of the day
    expect(d.code).toMatch(new RegExp(`^${agencyCode.replace(/\./g, '\\.')}-\\d{6}-0001$`));
    expect(d.status).toBe('received');
    expect(d.dvcqgStatus).toBe(2);
    expect(d.workingDays).toBe(3);
    expect(d.timeliness).toBe('in_time');
    expect(new Date(d.dueAt).getTime()).toBeGreaterThan(new Date(d.receivedAt).getTime());
    expect(d.documents.filter((x: { status: string }) => x.status === 'received').length).toBeGreaterThan(0);
  });

  it('a missing required document refuses acceptance and names it; nothing is stored', async () => {
    const documents = (await documentsOf('1.004837')).map((d, i) => (i === 0 ? { ...d, status: 'missing' as const } : d));
    const before = (await t.database.db.selectFrom('dossiers').select('id').execute()).length;
    const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: receptionist.headers, payload: { procedureCode: '1.004837', applicant, documents } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DOSSIER_INCOMPLETE');
    expect(res.json().errors[0].message).toMatch(/^Thiếu hoặc chưa hợp lệ: /);
    expect((await t.database.db.selectFrom('dossiers').select('id').execute()).length).toBe(before);
  });

  it('checks the personal identification number', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: receptionist.headers, payload: { procedureCode: '1.004837', applicant: { ...applicant, idNumber: '079187001234' }, documents: await documentsOf('1.004837') } });
    expect(res.json().code).toBe('CITIZEN_ID_INVALID');
    expect(res.json().detail).toMatch(/năm sinh/);
  });

  it('a procedure whose limit is not in working days needs the officer to enter it', async () => {
    // 1.012812 hòa giải tranh chấp đất đai: calendar days in the catalog
    const documents = await documentsOf('1.012812');
    const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: receptionist.headers, payload: { procedureCode: '1.012812', applicant, documents } });
    expect(res.json().code).toBe('DOSSIER_DEADLINE_UNKNOWN');
    const ok = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: receptionist.headers, payload: { procedureCode: '1.012812', applicant, documents, workingDays: 30 } });
    expect(ok.statusCode).toBe(201);
  });

  it('codes are unique and consecutive under concurrent receptions', async () => {
    const documents = await documentsOf('1.004837');
    const results = await Promise.all(Array.from({ length: 20 }, () => t.app.inject({ method: 'POST', url: '/api/dossiers', headers: receptionist.headers, payload: { procedureCode: '1.004837', applicant, documents } })));
    const numbers = results.map((r) => Number(r.json().code.split('-').at(-1))).sort((a, b) => a - b);
    const first = numbers[0] ?? 0;
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => first + i));
  });

  it('a specialist cannot receive; another center cannot read it', async () => {
    const specialist = await login(t.app, (await makeUser(t.database.db, centerId, 'specialist')).username);
    expect((await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: specialist.headers, payload: {} })).statusCode).toBe(403);
    const any = await t.database.db.selectFrom('dossiers').select('id').executeTakeFirstOrThrow();
    const other = await makeCenter(t.database.db);
    const stranger = await login(t.app, (await makeUser(t.database.db, other.id, 'admin')).username);
    expect((await t.app.inject({ url: `/api/dossiers/${any.id}`, headers: stranger.headers })).json().code).toBe('DOSSIER_NOT_FOUND');
  });
});

describe('receipt slip and public lookup', () => {
  it('prints the receipt as a PDF with the code, the name and the appointment', async () => {
    const d = (await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: receptionist.headers, payload: { procedureCode: '1.004837', applicant, documents: await documentsOf('1.004837') } })).json();
    const res = await t.app.inject({ url: `/api/dossiers/${d.id}/slips/receipt.pdf`, headers: receptionist.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    const dir = mkdtempSync(path.join(tmpdir(), 'receipt-'));
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(d.code);
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toMatch(/GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/);
  });

  it('shows the status with a masked name; the last 4 phone digits unmask it; unknown code → 404', async () => {
    const any = await t.database.db.selectFrom('dossiers').select('code').where('code', 'is not', null).executeTakeFirstOrThrow();
    const code = any.code ?? '';
    const masked = (await t.app.inject(`/api/public/dossiers/${code}`)).json();
    expect(masked).toMatchObject({ code, applicant: 'Nguyễn T. H. N.', status: 'received', verified: false });
    expect(masked.timeline[0].label).toBe('Đã tiếp nhận');
    expect(JSON.stringify(masked)).not.toMatch(/079186001234|0909123456|Tô Hiến Thành/);
    const full = (await t.app.inject(`/api/public/dossiers/${code}?phone=3456`)).json();
    expect(full).toMatchObject({ applicant: 'Nguyễn Thị Hồng Nhung', verified: true });
    expect((await t.app.inject(`/api/public/dossiers/${code}?phone=0000`)).json().verified).toBe(false);
    expect((await t.app.inject('/api/public/dossiers/H29.100-261127-9999')).statusCode).toBe(404);
  });

  it('lookups are rate-limited against guessing', async () => {
    const limited = await createTestApp({ LOOKUP_RATE_LIMIT: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject(`/api/public/dossiers/H29.100-261127-000${i}`)).statusCode);
      expect(codes).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
