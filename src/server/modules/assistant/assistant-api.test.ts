import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult, HandedOffConversation } from '../../../shared/schemas/assistant.js';
import { importShippedCatalog } from '../../seed/prepare.js';
import { answerQuestion } from './answer-question.js';
import { createTestApp, login, problemOf, type TestApp } from '../../test/app.js';
import { makeCenter, makeCounter, makeField, makeUser } from '../../test/factories.js';

let t: TestApp;
let center: { id: string; slug: string };
let receptionist: string;

beforeAll(async () => {
  t = await createTestApp();
  await importShippedCatalog(t.database);
  const db = t.database.db;
  center = await makeCenter(db, { slug: 'phuong-tro-ly' });
  const field = await makeField(db, center.id, { name: 'Hộ tịch - Chứng thực', prefix: 'A' });
  await db.updateTable('fields').set({ national_fields: ['ho-tich', 'chung-thuc'] }).where('id', '=', field.id).execute();
  const counter = await makeCounter(db, center.id, 2);
  await db.insertInto('counter_fields').values({ center_id: center.id, counter_id: counter.id, field_id: field.id }).execute();
  receptionist = (await makeUser(db, center.id, 'receptionist')).username;
});
afterAll(async () => t.close());

async function ask(question: string, extra: Record<string, string> = {}): Promise<AskResult> {
  const res = await t.app.inject({ method: 'POST', url: '/api/assistant/ask', payload: { question, ...extra } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the citizen assistant', () => {
  it('answers "dang ky khai sinh can giay to gi" with the birth-registration documents and cites the procedure', async () => {
    const a = await ask('dang ky khai sinh can giay to gi');
    expect(a.outOfScope).toBe(false);
    expect(a.procedures[0]?.code).toBe('1.001193');
    expect(a.citations[0]).toMatchObject({ code: '1.001193', field: 'Hộ tịch' });
    expect(a.answer).toContain('Giấy chứng sinh');
    expect(a.answer).toContain('Tờ khai đăng ký khai sinh');
    expect(a.answer).not.toContain('Lệ phí');
  });

  it('states the catalog fee when asked how much it costs', async () => {
    const a = await ask('lệ phí cấp bản sao trích lục khai sinh bao nhiêu');
    expect(a.procedures[0]?.code).toBe('2.000635');
    expect(a.answer).toContain('Lệ phí: Trực tuyến: 8,000 VNĐ; Dịch vụ bưu chính: 8,000 VNĐ; Trực tiếp: 8,000 VNĐ.');
    expect(a.confidence).toBe('high');
  });

  it('states the processing time in working days', async () => {
    const a = await ask('xin giấy độc thân mấy ngày thì có');
    expect(a.procedures[0]?.code).toBe('1.004873');
    expect(a.answer).toMatch(/Thời hạn giải quyết: 3 ngày làm việc/);
  });

  it('asks one clarifying question when the request names a family of procedures, and the reply settles it', async () => {
    const first = await ask('khai sinh');
    expect(first.clarifyingQuestion).toBeDefined();
    expect(first.outOfScope).toBe(false);
    const codes = first.procedures.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['1.001193']));
    expect(first.sessionId).toBeDefined();
    const second = await ask('lưu động', { sessionId: first.sessionId ?? '' });
    expect(second.clarifyingQuestion).toBeUndefined();
    expect(second.procedures[0]?.code).toBe('1.003583');
    const byNumber = await ask('1', { sessionId: (await ask('chứng thực')).sessionId ?? '' });
    expect(byNumber.clarifyingQuestion).toBeUndefined();
    expect(byNumber.procedures).toHaveLength(1);
    const other = await ask('đăng ký tạm trú cần gì', { sessionId: (await ask('khai sinh')).sessionId ?? '' });
    expect(other.procedures[0]?.code).toBe('1.004194');
  });

  it('says plainly that a divorce and property division are out of scope, and offers a person', async () => {
    const a = await ask('tôi muốn ly hôn, chia tài sản thế nào');
    expect(a.outOfScope).toBe(true);
    expect(a.procedures).toEqual([]);
    expect(a.needsHuman).toBe(true);
    expect(a.answer).toMatch(/Tòa án/);
  });

  it('points to who handles another authority’s procedure, and answers small talk without a procedure', async () => {
    const licence = await ask('làm bằng lái xe máy ở đâu');
    expect(licence.outOfScope).toBe(true);
    expect(licence.answer).toMatch(/Công an/);
    const hello = await ask('xin chào');
    expect(hello.outOfScope).toBe(true);
    expect(hello.procedures).toEqual([]);
    const nonsense = await ask('qwerty asdf zxcv');
    expect(nonsense.outOfScope).toBe(true);
  });

  it('understands teencode and text without diacritics', async () => {
    expect((await ask('dang ki ket hon can giay to j')).procedures[0]?.code).toBe('1.000894');
    expect((await ask('ko co cmnd thi lam cccd dc ko')).procedures[0]?.code).toBe('1.014061');
    expect((await ask('xin giay doc than')).procedures[0]?.code).toBe('1.004873');
  });

  it('frames an English question in English with the Vietnamese catalog facts', async () => {
    const a = await ask('What documents do I need to register a birth?');
    expect(a.language).toBe('en');
    expect(a.procedures[0]?.code).toBe('1.001193');
    expect(a.answer).toMatch(/^Procedure: Thủ tục đăng ký khai sinh/);
    expect(a.answer).toContain('Giấy chứng sinh');
  });

  it('names the field and the counters of the center, and offers a ticket for that field', async () => {
    const a = await ask('đăng ký kết hôn nộp ở quầy nào', { centerId: center.slug });
    expect(a.answer).toContain('Hộ tịch - Chứng thực');
    expect(a.answer).toContain('Quầy số 2');
    expect(a.nextSteps).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'ticket', fieldName: 'Hộ tịch - Chứng thực' })]));
  });

  it('answers "where is my dossier <code>" through the public lookup, without personal data', async () => {
    const db = t.database.db;
    await db
      .insertInto('dossiers')
      .values({
        center_id: center.id,
        code: 'H29.100-261127-0007',
        procedure_code: '1.001193',
        procedure_name: 'Thủ tục đăng ký khai sinh',
        channel: 'counter',
        status: 'received',
        dvcqg_status: 2,
        applicant_name: 'Nguyễn Thị Hồng Nhung',
        applicant_id_number: '001190012345',
        applicant_phone: '0912345678',
        received_at: new Date('2026-11-27T02:00:00Z'),
        due_at: new Date('2026-11-27T10:00:00Z'),
        public_token: 'tok-assistant-test',
      })
      .execute();
    const a = await ask('hồ sơ của tôi H29.100-261127-0007 đến đâu rồi');
    expect(a.aspect).toBe('status');
    expect(a.answer).toContain('H29.100-261127-0007');
    expect(a.answer).toContain('Đã tiếp nhận');
    expect(a.answer).toContain('27/11/2026');
    expect(a.answer).not.toMatch(/Nhung|Nguyễn|0912|001190/);
    const unknown = await ask('hồ sơ H29.100-261127-9999 xong chưa');
    expect(unknown.answer).toMatch(/Không tìm thấy hồ sơ/);
  });

  it('hands a conversation to staff, who see it with its history; closing it takes it off the list', async () => {
    const a = await ask('đăng ký khai tử cần gì', { centerId: center.slug });
    const sessionId = a.sessionId ?? '';
    await ask('lệ phí bao nhiêu', { sessionId });
    const handoff = await t.app.inject({ method: 'POST', url: `/api/assistant/sessions/${sessionId}/handoff` });
    expect(handoff.statusCode, handoff.body).toBe(200);
    expect(handoff.json()).toMatchObject({ sessionId, status: 'handed_off' });

    const staff = await login(t.app, receptionist);
    const list = await t.app.inject({ method: 'GET', url: '/api/assistant/handoffs', headers: staff.headers });
    expect(list.statusCode, list.body).toBe(200);
    const mine = (list.json() as HandedOffConversation[]).find((c) => c.sessionId === sessionId);
    expect(mine?.turns.map((turn) => turn.question)).toEqual(['đăng ký khai tử cần gì', 'lệ phí bao nhiêu']);
    expect(mine?.turns[1]?.procedureCodes[0]).toBe('1.000656');

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_type', 'ip']).where('action', '=', 'assistant.handoff').execute();
    expect(audit).toEqual([{ action: 'assistant.handoff', actor_type: 'public', ip: null }]);

    const close = await t.app.inject({ method: 'POST', url: `/api/assistant/handoffs/${sessionId}/close`, headers: staff.headers });
    expect(close.statusCode, close.body).toBe(204);
    const again = await t.app.inject({ method: 'POST', url: `/api/assistant/handoffs/${sessionId}/close`, headers: staff.headers });
    expect(problemOf(again).code).toBe('ASSISTANT_CONVERSATION_STATE_CONFLICT');
    const after = await t.app.inject({ method: 'GET', url: '/api/assistant/handoffs', headers: staff.headers });
    expect((after.json() as HandedOffConversation[]).some((c) => c.sessionId === sessionId)).toBe(false);
  });

  it('keeps the staff list for staff of that center only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/assistant/handoffs' })).statusCode).toBe(401);
    const other = await makeCenter(t.database.db);
    const outsider = await login(t.app, (await makeUser(t.database.db, other.id, 'receptionist')).username);
    const list = await t.app.inject({ method: 'GET', url: '/api/assistant/handoffs', headers: outsider.headers });
    expect(list.json()).toEqual([]);
  });

  it('refuses bad input with problem+json and a code', async () => {
    const cases = [{}, { question: '' }, { question: 'x'.repeat(1001) }, { question: 'khai sinh', extra: 1 }, { question: 'khai sinh', sessionId: 'short' }];
    for (const payload of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/assistant/ask', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(problemOf(res).code).toBe('VALIDATION_FAILED');
    }
    const missing = await t.app.inject({ method: 'POST', url: '/api/assistant/sessions/aaaaaaaaaaaaaaaaaaaa/handoff' });
    expect(problemOf(missing).code).toBe('ASSISTANT_SESSION_NOT_FOUND');
    const noCenter = await t.app.inject({ method: 'POST', url: '/api/assistant/ask', payload: { question: 'khai sinh', centerId: 'khong-co-trung-tam-nay' } });
    expect(problemOf(noCenter).code).toBe('CENTER_NOT_FOUND');
    // Several centers and none named: the conversation cannot go to anyone's staff.
    const anonymous = await ask('đăng ký tạm trú cần gì');
    const nowhere = await t.app.inject({ method: 'POST', url: `/api/assistant/sessions/${anonymous.sessionId ?? ''}/handoff` });
    expect(problemOf(nowhere).code).toBe('ASSISTANT_HANDOFF_NO_CENTER');
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/assistant/ask', '/api/assistant/sessions/{id}/handoff', '/api/assistant/handoffs']));
  });
});

describe('grounding', () => {
  /** Every number in an answer (procedure code, fee, days, copies, legal texts) is in the cited record. */
  it('never writes a number that is not in the cited catalog record', async () => {
    const db = t.database.db;
    const rows = await db.selectFrom('procedures').select(['code', 'name', 'aliases', 'record', 'derived']).execute();
    const source = new Map(rows.map((r) => [r.code, JSON.stringify([r.code, r.record, r.derived])]));
    const suffixes = [' cần giấy tờ gì', ' lệ phí bao nhiêu', ' mấy ngày', ' nộp ở đâu', ' nộp online được không', '', ' cần điều kiện gì', ' được nhận gì'];
    const questions = rows.flatMap((r, i) => [r.name, ...r.aliases].map((q, j) => `${q}${suffixes[(i + j) % suffixes.length] ?? ''}`));
    let answered = 0;
    for (const question of questions) {
      const a = await answerQuestion(db, { question });
      if (a.outOfScope || a.clarifyingQuestion !== undefined || a.aspect === 'status') continue;
      answered++;
      const cited = source.get(a.citations[0]?.code ?? '') ?? '';
      for (const n of a.answer.match(/\d+(?:[.,]\d+)*/g) ?? []) expect(cited, `${question} → ${n}`).toContain(n);
    }
    expect(answered).toBeGreaterThan(questions.length / 2);
  }, 120_000);
});
