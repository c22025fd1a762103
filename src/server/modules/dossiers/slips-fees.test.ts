import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeUser } from '../../test/factories.js';
import { importShippedCatalog } from '../../seed/prepare.js';
import { crc16CcittFalse } from '../payments/vietqr.js';
import { hasPdftotext, pdfText } from '../slips/pdf-text.js';
import { toVietnamDate } from '../calendar/working-calendar.js';
import { transferPurpose } from './dossier-fees.js';

let t: TestApp;
let reception: Session;
let specialist: Session;
let specialistId: string;
let leader: Session;
let admin: Session;
let centerId: string;

const applicant = { name: 'Lê Thị Mai Hương', idNumber: '079190004321', phone: '0903000222', address: 'phường Hòa Hưng', email: 'huong@example.vn' };

async function receive(feeVnd = 0): Promise<{ id: string; code: string }> {
  const p = (await t.app.inject('/api/procedures/1.004837')).json() as { documents: Array<{ condition: string | null }> };
  const documents = p.documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : 'received' }));
  const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: reception.headers, payload: { procedureCode: '1.004837', applicant, documents, feeVnd } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, code: res.json().code as string };
}

const post = (s: Session, url: string, payload?: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) });
const get = (s: Session, url: string) => t.app.inject({ url, headers: s.headers });

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_RATE_LIMIT: '100000' });
  await importShippedCatalog(t.database);
  const db = t.database.db;
  centerId = (await makeCenter(db)).id;
  reception = await login(t.app, (await makeUser(db, centerId, 'receptionist')).username);
  const sp = await makeUser(db, centerId, 'specialist');
  specialistId = sp.id;
  specialist = await login(t.app, sp.username);
  leader = await login(t.app, (await makeUser(db, centerId, 'leader')).username);
  admin = await login(t.app, (await makeUser(db, centerId, 'admin')).username);
});
afterAll(async () => t.close());

describe('fees and payments', () => {
  it('a fee change needs a reason and is audited; a payment gets a receipt number and settles the fee', async () => {
    const { id } = await receive(8000);
    expect((await get(reception, `/api/dossiers/${id}/fees`)).json()).toMatchObject({ feeVnd: 8000, dueVnd: 8000, paymentStatus: 'unpaid', payments: [] });
    expect((await post(reception, `/api/dossiers/${id}/fee`, { feeVnd: 0 })).statusCode).toBe(400); // no reason
    expect((await post(specialist, `/api/dossiers/${id}/fee`, { feeVnd: 0, reason: 'x y z' })).statusCode).toBe(403);
    const changed = await post(reception, `/api/dossiers/${id}/fee`, { feeVnd: 5000, reason: 'Giảm 50% lệ phí theo Nghị quyết của HĐND' });
    expect(changed.json()).toMatchObject({ feeVnd: 5000, dueVnd: 5000, reason: 'Giảm 50% lệ phí theo Nghị quyết của HĐND' });
    const audit = await t.database.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'dossier.fee_change').where('target_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).toMatch(/8000.*5000/s);

    expect((await post(reception, `/api/dossiers/${id}/payments`, { amountVnd: 6000, method: 'cash' })).json().code).toBe('PAYMENT_EXCEEDS_DUE');
    const first = await post(reception, `/api/dossiers/${id}/payments`, { amountVnd: 2000, method: 'cash' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ paidVnd: 2000, dueVnd: 3000, paymentStatus: 'unpaid' });
    const second = (await post(reception, `/api/dossiers/${id}/payments`, { amountVnd: 3000, method: 'transfer', reference: 'FT2633100123' })).json();
    expect(second).toMatchObject({ paidVnd: 5000, dueVnd: 0, paymentStatus: 'paid' });
    const year = new Date().getFullYear();
    expect(second.payments.map((p: { receiptNumber: string }) => p.receiptNumber)).toEqual([`BL-${year}-000001`, `BL-${year}-000002`]);
    expect((await post(reception, `/api/dossiers/${id}/payments`, { amountVnd: 1, method: 'cash' })).json().code).toBe('PAYMENT_NOT_DUE');
    expect((await post(leader, `/api/dossiers/${id}/fee`, { feeVnd: 9000, reason: 'Sửa nhầm' })).json().code).toBe('DOSSIER_FEE_PAID');
    expect((await get(reception, `/api/dossiers/${id}`)).json().paymentStatus).toBe('paid');
  });

  it('shows a VietQR code for what is still due, once the center has a bank account', async () => {
    const { id, code } = await receive(8000);
    expect((await get(reception, `/api/dossiers/${id}/payment-qr`)).json().code).toBe('BANK_ACCOUNT_NOT_SET');
    const set = await t.app.inject({ method: 'PATCH', url: '/api/center', headers: admin.headers, payload: { bankAccount: { bin: '970436', account: '0071001234567', name: 'TTPVHCC PHUONG HOA HUNG' } } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().bankAccount).toEqual({ bin: '970436', account: '0071001234567', name: 'TTPVHCC PHUONG HOA HUNG' });
    await post(reception, `/api/dossiers/${id}/payments`, { amountVnd: 3000, method: 'cash' });
    const qr = (await get(reception, `/api/dossiers/${id}/payment-qr`)).json();
    expect(qr.amountVnd).toBe(5000);
    expect(qr.payload).toContain('0006970436'); // bank BIN inside the NAPAS account block
    expect(qr.payload).toContain('54045000'); // amount 5000
    expect(qr.payload).toContain(qr.purpose);
    expect(qr.payload.slice(-4)).toBe(crc16CcittFalse(qr.payload.slice(0, -4)));
    expect(qr.svg).toMatch(/^<svg/);
    expect(qr.purpose.replace(/ /g, '')).toBe(code.replace(/[.-]/g, ''));
    // a bank account that is half given is refused
    expect((await t.app.inject({ method: 'PATCH', url: '/api/center', headers: admin.headers, payload: { bankAccount: { bin: '97043', account: '1', name: 'AB' } } })).statusCode).toBe(400);
  });

  it('a long dossier code still fits the 25-character transfer purpose', () => {
    expect(transferPurpose('H29.DEMO.HH-261127-0001')).toBe('H29.DEMO.HH-261127-0001');
    expect(transferPurpose('000.00.01.H29.HCM.PHUONG-261127-0042')).toBe('HS 261127 0042');
  });
});

describe('official slips from the dossier’s records', () => {
  it('each slip exists only when its event happened; the PDFs carry what happened', async () => {
    const { id, code } = await receive();
    expect((await get(reception, `/api/dossiers/${id}/slips/refusal.pdf`)).json().code).toBe('SLIP_NOT_AVAILABLE');
    expect((await get(reception, `/api/dossiers/${id}/slips/apology.pdf`)).json().code).toBe('SLIP_NOT_AVAILABLE');
    expect((await get(reception, `/api/dossiers/${id}/slips/nonsense.pdf`)).statusCode).toBe(400);
    await post(reception, `/api/dossiers/${id}/assign`, { specialistId });
    await post(specialist, `/api/dossiers/${id}/request-supplement`, { items: ['Bản sao giấy chứng nhận kết hôn của cha mẹ'], reason: 'Chưa có giấy tờ chứng minh quan hệ cha con' });
    await post(reception, `/api/dossiers/${id}/supplement-received`);
    await post(specialist, `/api/dossiers/${id}/submit`, { comment: 'Đủ điều kiện cấp' });
    await post(leader, `/api/dossiers/${id}/approve`);

    const supplement = await get(specialist, `/api/dossiers/${id}/slips/supplement-request.pdf`);
    expect(supplement.statusCode).toBe(200);
    expect(supplement.headers['content-type']).toBe('application/pdf');
    expect(supplement.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const control = await get(leader, `/api/dossiers/${id}/slips/process-control.pdf`);
    expect(control.statusCode).toBe(200);
    if (hasPdftotext()) {
      const text = pdfText(supplement.rawPayload).replace(/\s+/g, ' ');
      expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG');
      expect(text).toContain('Bản sao giấy chứng nhận kết hôn của cha mẹ');
      expect(text).toContain('Chưa có giấy tờ chứng minh quan hệ cha con');
      expect(text).toContain(code);
      const steps = pdfText(control.rawPayload).replace(/\s+/g, ' ');
      expect(steps).toContain('PHIẾU KIỂM SOÁT');
      for (const step of ['Đã tiếp nhận hồ sơ', 'Đã chuyển xử lý', 'Yêu cầu bổ sung hồ sơ', 'Đã thẩm định, trình phê duyệt', 'Đã phê duyệt, có kết quả']) expect(steps).toContain(step);
      expect(steps).toContain('Đủ điều kiện cấp');
    }
  });

  it('apology and stop notice carry the new date and the citizen’s reason', async () => {
    const late = await receive();
    const d = await t.database.db.selectFrom('dossiers').select('due_at').where('id', '=', late.id).executeTakeFirstOrThrow();
    const newDue = new Date(new Date(d.due_at ?? new Date()).getTime() + 3 * 86_400_000);
    // the due date is at least one working day away for this procedure, so an apology is still allowed today
    const apology = await post(specialist, `/api/dossiers/${late.id}/apologize`, { newDueAt: newDue.toISOString(), reason: 'Chờ xác minh thông tin cư trú' });
    expect(apology.statusCode, apology.body).toBe(200);
    const slip = await get(reception, `/api/dossiers/${late.id}/slips/apology.pdf`);
    expect(slip.statusCode).toBe(200);

    const stopped = await receive();
    await post(reception, `/api/dossiers/${stopped.id}/stop`, { reason: 'Gia đình chuyển nơi cư trú' });
    const notice = await get(reception, `/api/dossiers/${stopped.id}/slips/stop-notice.pdf`);
    expect(notice.statusCode).toBe(200);
    if (hasPdftotext()) {
      const [y, m, day] = toVietnamDate(newDue).split('-');
      expect(pdfText(slip.rawPayload).replace(/\s+/g, ' ')).toMatch(new RegExp(`Thời gian hẹn trả kết quả mới: \\d+ giờ \\d+ phút, ngày ${day} tháng ${m} năm ${y}`));
      expect(pdfText(slip.rawPayload).replace(/\s+/g, ' ')).toContain('Chờ xác minh thông tin cư trú');
      expect(pdfText(notice.rawPayload).replace(/\s+/g, ' ')).toContain('Gia đình chuyển nơi cư trú');
    }
  });
});

describe('the dossier register', () => {
  it('lists the period’s dossiers as CSV, XLSX and PDF; specialists cannot export it', async () => {
    const a = await receive();
    const b = await receive();
    const today = toVietnamDate(new Date());
    const csv = await get(reception, `/api/dossier-register?from=${today}&to=${today}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    expect(csv.body).toContain(a.code);
    expect(csv.body).toContain(b.code);
    expect(csv.body.indexOf(a.code)).toBeLessThan(csv.body.indexOf(b.code));
    const xlsx = await get(leader, `/api/dossier-register?from=${today}&to=${today}&format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0]?.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain(a.code);
    const pdf = await get(reception, `/api/dossier-register?from=${today}&to=${today}`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await get(reception, `/api/dossier-register?from=2026-12-31&to=2026-01-01`)).statusCode).toBe(400);
    expect((await get(reception, `/api/dossier-register?from=2026-13-01&to=2026-01-01`)).statusCode).toBe(400);
    expect((await get(specialist, `/api/dossier-register?from=${today}&to=${today}`)).statusCode).toBe(403);
    const empty = await get(reception, `/api/dossier-register?from=2020-01-01&to=2020-01-31&format=csv`);
    expect(empty.body).not.toContain(a.code);
  });
});

describe('messages by e-mail', () => {
  it('with e-mail on, the applicant who gave an address gets each dossier message by e-mail too, once', async () => {
    const { id } = await receive();
    await post(reception, `/api/dossiers/${id}/assign`, { specialistId });
    await post(specialist, `/api/dossiers/${id}/submit`);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/center', headers: admin.headers, payload: { notifyEmail: true } })).json().notifyEmail).toBe(true);
    await post(leader, `/api/dossiers/${id}/approve`);
    await post(leader, `/api/dossiers/${id}/approve`); // refused: no second message
    const rows = await t.database.db.selectFrom('outbox_messages').select(['channel', 'recipient', 'subject', 'body']).where('center_id', '=', centerId).where('body', 'like', '%đã có kết quả%').where('dedupe_key', 'like', `%${id}%`).execute();
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'log']);
    const email = rows.find((r) => r.channel === 'email');
    expect(email?.recipient).toBe('huong@example.vn');
    expect(email?.subject).toMatch(/thông báo về hồ sơ/);
  });
});

describe('progress statistics (QĐ 766 indicator 5)', () => {
  it('counts early, on-time and late results, processing in time and overdue, and the apology letters', async () => {
    const db = t.database.db;
    const center = (await makeCenter(db)).id;
    const desk = await login(t.app, (await makeUser(db, center, 'receptionist')).username);
    const boss = await login(t.app, (await makeUser(db, center, 'leader')).username);
    const p = (await t.app.inject('/api/procedures/1.004837')).json() as { documents: Array<{ condition: string | null }> };
    const documents = p.documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : 'received' }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: desk.headers, payload: { procedureCode: '1.004837', applicant, documents } });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id as string);
    }
    const [early, onTime, late, overdue, inTime] = ids as [string, string, string, string, string];
    const day = (d: string, time = '10:00') => new Date(`${d}T${time}:00+07:00`);
    const set = (id: string, values: { received_at: Date; due_at: Date; result_ready_at?: Date; status?: 'result_ready' | 'processing' }) =>
      db.updateTable('dossiers').set({ ...values, original_due_at: values.due_at }).where('id', '=', id).execute();
    await set(early, { received_at: day('2026-10-05'), due_at: day('2026-10-08', '17:00'), result_ready_at: day('2026-10-07'), status: 'result_ready' });
    await set(onTime, { received_at: day('2026-10-05'), due_at: day('2026-10-08', '17:00'), result_ready_at: day('2026-10-08', '16:59'), status: 'result_ready' });
    await set(late, { received_at: day('2026-10-12'), due_at: day('2026-10-15', '17:00'), result_ready_at: day('2026-10-16'), status: 'result_ready' });
    await set(overdue, { received_at: day('2026-10-20'), due_at: day('2026-10-23', '17:00'), status: 'processing' });
    await set(inTime, { received_at: day('2026-10-29'), due_at: day('2026-11-03', '17:00'), status: 'processing' });
    await db.insertInto('dossier_events').values({ center_id: center, dossier_id: overdue, at: day('2026-10-22'), action: 'apologize', from_status: 'processing', to_status: 'processing', data: '{}' }).execute();

    const stats = await t.app.inject({ url: '/api/dossier-stats?from=2026-10-01&to=2026-10-31', headers: boss.headers });
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json()).toMatchObject({
      received: { total: 5, counter: 5, online: 0, post: 0 },
      finished: { total: 3, early: 1, onTime: 1, late: 1, withdrawn: 0 },
      processing: { total: 2, inTime: 1, overdue: 1 },
      onTimeRate: 60,
      progressScore: 12,
      apologies: 1,
    });
    // November: the late ones were finished before; the in-time one is still open and now due in the period
    const november = (await t.app.inject({ url: '/api/dossier-stats?from=2026-11-01&to=2026-11-02', headers: boss.headers })).json();
    expect(november.received.total).toBe(0);
    expect(november.finished.total).toBe(0);
    expect(november.processing).toEqual({ total: 2, inTime: 1, overdue: 1 });
    expect((await t.app.inject({ url: '/api/dossier-stats?from=2026-11-02&to=2026-11-01', headers: boss.headers })).statusCode).toBe(400);
  });
});

describe('the leader’s summary before approval', () => {
  it('states the deadline, the specialist, the supplementation, the comment and the fee from the records', async () => {
    const { id } = await receive(8000);
    await post(reception, `/api/dossiers/${id}/assign`, { specialistId });
    await post(specialist, `/api/dossiers/${id}/request-supplement`, { items: ['Bản sao sổ hộ khẩu'], reason: 'Thiếu giấy tờ cư trú' });
    await post(reception, `/api/dossiers/${id}/supplement-received`);
    await post(specialist, `/api/dossiers/${id}/submit`, { comment: 'Đủ điều kiện, đề nghị phê duyệt' });
    const res = await get(leader, `/api/dossiers/${id}/summary`);
    expect(res.statusCode).toBe(200);
    const { lines, steps } = res.json() as { lines: string[]; steps: Array<{ action: string; workingMinutes: number }> };
    const text = lines.join('\n');
    expect(text).toContain('Chờ lãnh đạo phê duyệt');
    expect(text).toMatch(/Hạn trả kết quả .*còn [\d,]+ ngày làm việc/);
    expect(text).toMatch(/Chuyên viên xử lý: .+/);
    expect(text).toContain('Đã yêu cầu bổ sung 1 lần');
    expect(text).toContain('Bản sao sổ hộ khẩu');
    expect(text).toContain('"Đủ điều kiện, đề nghị phê duyệt"');
    expect(text).toContain('Phí, lệ phí 8.000 đồng: đã nộp 0 đồng');
    expect(steps.map((s) => s.action)).toEqual(['receive', 'assign', 'request_supplement', 'supplement_received', 'submit']);
    expect(steps.every((s) => s.workingMinutes >= 0)).toBe(true);
    // a dossier that does not exist (or belongs to another center) has no summary
    expect((await get(leader, `/api/dossiers/00000000-0000-4000-8000-000000000000/summary`)).statusCode).toBe(404);
  });
});
