import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeUser } from '../../test/factories.js';
import { importShippedCatalog } from '../../seed/prepare.js';
import { apologize } from './process-dossier.js';

let t: TestApp;
let reception: Session;
let specialist: Session;
let specialistId: string;
let other: Session;
let leader: Session;
let centerId: string;

const applicant = { name: 'Trần Văn Bình', idNumber: '001086001234', birthDate: '1986-01-01', phone: '0912000111', address: 'phường Hòa Hưng' };

async function receive(): Promise<string> {
  const p = (await t.app.inject('/api/procedures/1.004837')).json() as { documents: Array<{ condition: string | null }> };
  const documents = p.documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : 'received' }));
  const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: reception.headers, payload: { procedureCode: '1.004837', applicant, documents } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const post = (s: Session, id: string, action: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/${action}`, headers: s.headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  await importShippedCatalog(t.database);
  const db = t.database.db;
  centerId = (await makeCenter(db)).id;
  reception = await login(t.app, (await makeUser(db, centerId, 'receptionist')).username);
  const sp = await makeUser(db, centerId, 'specialist');
  specialistId = sp.id;
  specialist = await login(t.app, sp.username);
  other = await login(t.app, (await makeUser(db, centerId, 'specialist')).username);
  leader = await login(t.app, (await makeUser(db, centerId, 'leader')).username);
});
afterAll(async () => t.close());

describe('processing a dossier', () => {
  it('reception → specialist → leader approval → result → returned, with the DVCQG status at each step', async () => {
    const id = await receive();
    expect((await post(reception, id, 'assign', { specialistId })).json()).toMatchObject({ status: 'processing', dvcqgStatus: 4 });
    expect((await post(other, id, 'submit')).json().code).toBe('FORBIDDEN'); // not the assignee
    expect((await post(specialist, id, 'submit', { comment: 'Đủ điều kiện' })).json()).toMatchObject({ status: 'awaiting_approval' });
    expect((await post(reception, id, 'return', { method: 'post', trackingNumber: 'EB123' })).json().code).toBe('DOSSIER_STATE_CONFLICT'); // no return before approval
    expect((await post(specialist, id, 'approve')).statusCode).toBe(403);
    const approved = await post(leader, id, 'approve', { comment: 'Đồng ý' });
    expect(approved.json()).toMatchObject({ status: 'result_ready', dvcqgStatus: 9 });
    expect((await post(leader, id, 'approve')).json().code).toBe('DOSSIER_STATE_CONFLICT'); // no double approval
    const returned = await post(reception, id, 'return', { method: 'counter', receiverName: 'Trần Văn Bình', receiverIdNumber: '001086001234' });
    expect(returned.json()).toMatchObject({ status: 'returned', dvcqgStatus: 10 });
    const events = await t.database.db.selectFrom('dossier_events').select(['action']).where('dossier_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['receive', 'assign', 'submit', 'approve', 'return']);
    const messages = await t.database.db.selectFrom('outbox_messages').select('body').where('center_id', '=', centerId).execute();
    expect(messages.some((m) => /đã có kết quả/.test(m.body))).toBe(true);
    const lookup = (await t.app.inject(`/api/public/dossiers/${(await t.app.inject({ url: `/api/dossiers/${id}`, headers: reception.headers })).json().code}`)).json();
    expect(lookup.timeline.map((e: { status: string }) => e.status)).toEqual(['received', 'processing', 'awaiting_approval', 'result_ready', 'returned']);
    expect(['early', 'on_time']).toContain(lookup.timeliness);
  });

  it('supplementation only once; the clock pauses and the due date moves by the working time waited', async () => {
    const id = await receive();
    await post(reception, id, 'assign', { specialistId });
    const before = (await t.app.inject({ url: `/api/dossiers/${id}`, headers: specialist.headers })).json();
    const asked = await post(specialist, id, 'request-supplement', { items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ chứng minh quan hệ' });
    expect(asked.json()).toMatchObject({ status: 'supplement_requested', dvcqgStatus: 5 });
    // pretend the citizen came back two weeks later: whatever the hour this test runs at, the wait
    // holds working time (no holiday run, not even Tết, lasts 14 days)
    await t.database.db.updateTable('dossiers').set({ paused_at: new Date(Date.now() - 14 * 86_400_000) }).where('id', '=', id).execute();
    const resumed = (await post(reception, id, 'supplement-received')).json();
    expect(resumed.status).toBe('processing');
    expect(new Date(resumed.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime());
    expect((await post(specialist, id, 'request-supplement', { items: ['x'], reason: 'lần hai' })).json().code).toBe('DOSSIER_SUPPLEMENT_ONCE');
  });

  it('no action on a withdrawn dossier', async () => {
    const id = await receive();
    expect((await post(reception, id, 'withdraw', { reason: 'Công dân xin rút' })).json()).toMatchObject({ status: 'withdrawn', dvcqgStatus: 7 });
    expect((await post(reception, id, 'assign', { specialistId })).json().code).toBe('DOSSIER_STATE_CONFLICT');
    expect((await post(reception, id, 'stop', { reason: 'x' })).json().code).toBe('DOSSIER_STATE_CONFLICT');
  });

  it('apology: a new date once, and no later than one day before the due date', async () => {
    const id = await receive();
    await post(reception, id, 'assign', { specialistId });
    const d = (await t.app.inject({ url: `/api/dossiers/${id}`, headers: specialist.headers })).json();
    const newDue = new Date(new Date(d.dueAt).getTime() + 5 * 86_400_000).toISOString();
    const ctxOf = { actorType: 'user' as const, actorId: specialistId, actorName: 's', actorRole: 'specialist', centerId, ip: null, requestId: null };
    // on the due date itself it is too late
    await expect(apologize(t.database.db, ctxOf, id, { newDueAt: new Date(newDue), reason: 'x' }, new Date(d.dueAt))).rejects.toMatchObject({ code: 'DOSSIER_APOLOGY_TOO_LATE' });
    const ok = await post(specialist, id, 'apologize', { newDueAt: newDue, reason: 'Chờ kết quả xác minh' });
    expect(ok.statusCode).toBe(200);
    expect((await post(specialist, id, 'apologize', { newDueAt: newDue, reason: 'lần hai' })).json().code).toBe('DOSSIER_APOLOGY_ONCE');
  });

  it('worklists: mine, awaiting approval, search without diacritics', async () => {
    const mine = (await t.app.inject({ url: '/api/dossiers?view=mine', headers: specialist.headers })).json();
    expect(mine.total).toBeGreaterThan(0);
    expect((await t.app.inject({ url: '/api/dossiers?view=mine', headers: other.headers })).json().total).toBe(0);
    const found = (await t.app.inject({ url: '/api/dossiers?q=tran%20van%20binh', headers: leader.headers })).json();
    expect(found.total).toBeGreaterThan(0);
  });
});

describe('deadline warnings (scheduled job)', () => {
  it('warns the specialist and the leaders once when a dossier is due within a working day, and once when overdue; one process per slot', async () => {
    const { warnDeadlines } = await import('./warn-deadlines.js');
    const { runJobOnce, slotOf } = await import('../../jobs/run-job.js');
    const id = await receive();
    await post(reception, id, 'assign', { specialistId });
    const d = await t.database.db.selectFrom('dossiers').select(['due_at', 'code']).where('id', '=', id).executeTakeFirstOrThrow();
    const due = new Date(d.due_at ?? 0);
    const dayBefore = new Date(due.getTime() - 20 * 3600_000);
    const first = await warnDeadlines(t.database.db, dayBefore);
    expect(first.dueSoon).toBeGreaterThanOrEqual(1);
    expect((await warnDeadlines(t.database.db, dayBefore)).dueSoon).toBe(0); // idempotent
    const later = new Date(due.getTime() + 3 * 86_400_000);
    expect((await warnDeadlines(t.database.db, later)).overdue).toBeGreaterThanOrEqual(1);
    const msgs = await t.database.db.selectFrom('outbox_messages').select(['recipient', 'body']).where('body', 'like', `%${d.code ?? ''}%`).execute();
    expect(msgs.some((m) => m.recipient.startsWith('staff:') && /sắp đến hạn/.test(m.body))).toBe(true);
    expect(msgs.some((m) => /quá hạn/.test(m.body))).toBe(true);
    // the same slot runs once even if two processes try
    const slot = slotOf(new Date('2026-11-27T10:07:00Z'), 15);
    expect(slot).toBe('2026-11-27T10:00');
    const runs = await Promise.all([runJobOnce(t.database.db, 'test-job', slot, async () => ({ ran: 1 })), runJobOnce(t.database.db, 'test-job', slot, async () => ({ ran: 1 }))]);
    expect(runs.filter((r) => r !== null)).toHaveLength(1);
  });
});
