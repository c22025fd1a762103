import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeUser } from '../../test/factories.js';
import { importShippedCatalog } from '../../seed/prepare.js';
import { ROOT } from '../../paths.js';
import { collectStoredFiles, createFileStore } from '../files/collect-files-job.js';
import type { LocalFileStore } from '../files/local-file-store.js';
import { hasPdftotext, pdfText } from '../slips/pdf-text.js';

/** Xóa đăng ký thường trú: available online, 2 required documents, 5 working days. */
const PROCEDURE = '1.003197';
const ARTIFACT_DIR = path.join(ROOT, 'test-artifacts');
const applicant = { name: 'Lê Thị Thu Hà', idNumber: '079186001234', birthDate: '1986-05-20', phone: '0909123456', address: '12 Tô Hiến Thành, phường Hòa Hưng' };

const pdf = (fill = 'p') => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(4000, fill), Buffer.from('\n%%EOF\n')]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);

interface Part {
  field: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body written by hand, so a test can send what no browser would. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----motcua-online-boundary-Zx81';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"${filename}\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Slips are kept in test-artifacts/ to be looked at (pdftoppm -png). */
async function saveArtifact(name: string, data: Buffer): Promise<void> {
  await mkdir(ARTIFACT_DIR, { recursive: true });
  await writeFile(path.join(ARTIFACT_DIR, name), data);
}

let t: TestApp;
let dir: string;
let store: LocalFileStore;
let receptionist: Session;
let centerSlug: string;

const data = (overrides: Record<string, unknown> = {}) => ({ field: 'data', contentType: 'application/json', data: JSON.stringify({ center: centerSlug, procedureCode: PROCEDURE, applicant, documents: [{ position: 1 }, { position: 2 }], ...overrides }) });

async function submit(parts: Part[]) {
  return t.app.inject({ method: 'POST', url: '/api/public/dossiers', ...multipart(parts) });
}

async function submitValid(fill = 'a') {
  const res = await submit([data(), { field: 'doc-1', filename: 'Tờ khai CT01.pdf', contentType: 'application/pdf', data: pdf(fill) }, { field: 'doc-2', filename: 'giấy tờ.png', contentType: 'image/png', data: png() }]);
  expect(res.statusCode, res.body).toBe(201);
  const receipt = res.json() as { reference: string; statusToken: string; statusPath: string };
  const row = await t.database.db.selectFrom('dossiers').select(['id']).where('submission_reference', '=', receipt.reference).executeTakeFirstOrThrow();
  return { ...receipt, id: row.id };
}

const review = (id: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/review`, headers: receptionist.headers, payload: body });
const status = async (token: string) => (await t.app.inject(`/api/public/online/${token}`)).json();
const dossierCount = async () => (await t.database.db.selectFrom('dossiers').select('id').execute()).length;

/** Every stored file is referenced by a row and every row's file is there (after a GC with no grace period). */
async function expectStoreMatchesRows(): Promise<void> {
  await collectStoredFiles(t.database.db, store, { graceMs: 0 });
  const stored: string[] = [];
  for await (const f of store.list()) stored.push(f.sha256);
  const rows = await t.database.db.selectFrom('dossier_files').select('sha256').distinct().execute();
  expect(stored.sort()).toEqual(rows.map((r) => r.sha256).sort());
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-online-'));
  t = await createTestApp({ DATA_DIR: dir, SUBMISSION_RATE_LIMIT: '100000', LOOKUP_RATE_LIMIT: '100000', UPLOAD_MAX_FILE_MB: '1', UPLOAD_MAX_TOTAL_MB: '2', UPLOAD_MAX_FILES: '5' });
  store = createFileStore(dir);
  await importShippedCatalog(t.database);
  const center = await makeCenter(t.database.db);
  centerSlug = center.slug;
  receptionist = await login(t.app, (await makeUser(t.database.db, center.id, 'receptionist')).username);
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('online submission', () => {
  it('two scans → submitted (DVCQG 1, no code) → accepted: official code, due date from acceptance, receipt', async () => {
    const s = await submitValid();
    expect(s.reference).toMatch(/^TT-\d{6}-[A-Z2-9]{8}$/);
    expect(s.statusToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const row = await t.database.db.selectFrom('dossiers').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'submitted', dvcqg_status: 1, code: null, channel: 'online', due_at: null });
    expect(row.submission_token_hash).not.toContain(s.statusToken);
    expect(await t.database.db.selectFrom('dossier_files').select('mime').where('dossier_id', '=', s.id).execute()).toHaveLength(2);
    const messages = await t.database.db.selectFrom('outbox_messages').select('body').where('recipient', '=', applicant.phone).execute();
    expect(messages.some((m) => m.body.includes(s.reference))).toBe(true);

    const list = (await t.app.inject({ url: '/api/dossiers/online-submissions', headers: receptionist.headers })).json() as { items: Array<{ id: string; reference: string }> };
    expect(list.items.map((i) => i.id)).toContain(s.id);

    const view = (await t.app.inject({ url: `/api/dossiers/${s.id}`, headers: receptionist.headers })).json() as { files: Array<{ id: string; originalName: string }>; online: { reference: string } };
    expect(view.online.reference).toBe(s.reference);
    expect(view.files.map((f) => f.originalName).sort()).toEqual(['Tờ khai CT01.pdf', 'giấy tờ.png']);
    const pdfFile = view.files.find((f) => f.originalName.endsWith('.pdf'));
    const download = await t.app.inject({ url: `/api/dossiers/${s.id}/files/${pdfFile?.id ?? ''}`, headers: receptionist.headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(pdf('a'))).toBe(true);

    const before = Date.now();
    const accepted = await review(s.id, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const d = accepted.json();
    expect(d.code).toMatch(/^[A-Z0-9.]+-\d{6}-\d{4,}$/);
    expect(d.status).toBe('received');
    expect(d.dvcqgStatus).toBe(2);
    expect(d.workingDays).toBe(5);
    expect(new Date(d.receivedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(d.dueAt).getTime()).toBeGreaterThan(new Date(d.receivedAt).getTime());
    const receipt = await t.app.inject({ url: `/api/dossiers/${s.id}/slips/receipt.pdf`, headers: receptionist.headers });
    expect(receipt.statusCode).toBe(200);
    if (hasPdftotext()) expect(pdfText(receipt.rawPayload)).toContain(d.code);
    expect(await status(s.statusToken)).toMatchObject({ code: d.code, slip: 'receipt' });
    const citizenReceipt = await t.app.inject(`/api/public/online/${s.statusToken}/slip.pdf`);
    expect(citizenReceipt.headers['content-type']).toBe('application/pdf');
    if (hasPdftotext()) expect(pdfText(citizenReceipt.rawPayload)).toContain(d.code);
    // Guarded: a second decision on the same submission is a conflict.
    expect((await review(s.id, { decision: 'refuse', reasons: ['x'] })).json().code).toBe('DOSSIER_STATE_CONFLICT');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('target_id', '=', s.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['dossier.submit_online', 'dossier.receive']));
  });

  it('request more → the citizen re-uploads on the status page → accepted', async () => {
    const s = await submitValid('b');
    const asked = await review(s.id, { decision: 'request_more', items: [{ position: 2, note: 'Ảnh bị mờ, chụp lại rõ nét.' }], reason: 'Giấy tờ chụp không đọc được.' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().status).toBe('incomplete');
    const page = await status(s.statusToken);
    expect(page).toMatchObject({ status: 'incomplete', canResubmit: true, slip: 'supplement' });
    expect(page.request.items[0]).toMatchObject({ position: 2, note: 'Ảnh bị mờ, chụp lại rõ nét.' });
    expect(page.documents[1].status).toBe('invalid');
    // Accepting now is refused: a required document is flagged.
    expect((await review(s.id, { decision: 'accept' })).json().code).toBe('DOSSIER_STATE_CONFLICT');
    const slip = await t.app.inject(`/api/public/online/${s.statusToken}/slip.pdf`);
    expect(slip.statusCode).toBe(200);
    expect(slip.headers['content-type']).toBe('application/pdf');
    if (hasPdftotext()) expect(pdfText(slip.rawPayload)).toContain('Ảnh bị mờ, chụp lại rõ nét.');
    await saveArtifact('online-supplement-slip.pdf', slip.rawPayload);

    // Nothing for the document asked for: refused, nothing changes.
    const wrong = await t.app.inject({ method: 'POST', url: `/api/public/online/${s.statusToken}/documents`, ...multipart([{ field: 'doc-1', filename: 'x.pdf', data: pdf('c') }]) });
    expect(wrong.json().code).toBe('ONLINE_DOCUMENTS_MISSING');
    const again = await t.app.inject({ method: 'POST', url: `/api/public/online/${s.statusToken}/documents`, ...multipart([{ field: 'doc-2', filename: 'chụp lại.pdf', data: pdf('d') }]) });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'submitted', canResubmit: false });
    expect(again.json().documents[1].files.map((f: { name: string }) => f.name)).toContain('chụp lại.pdf');
    // Not waiting for documents any more: refused before any byte is stored.
    expect((await t.app.inject({ method: 'POST', url: `/api/public/online/${s.statusToken}/documents`, ...multipart([{ field: 'doc-2', filename: 'y.pdf', data: pdf('e') }]) })).statusCode).toBe(409);

    const accepted = await review(s.id, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().code).toMatch(/^[A-Z0-9.]+-\d{6}-\d{4,}$/);
    const events = accepted.json().events.map((e: { action: string }) => e.action);
    expect(events).toEqual(['submit_online', 'request_more', 'resubmit_online', 'receive']);
    await expectStoreMatchesRows();
  });

  it('refuse with reasons → the refusal slip (Mẫu 03) states them', async () => {
    const s = await submitValid('f');
    const refused = await review(s.id, { decision: 'refuse', reasons: ['Người yêu cầu không thuộc trường hợp xóa đăng ký thường trú.'] });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', dvcqgStatus: 3, code: null });
    expect((await status(s.statusToken)).refusal.reasons).toEqual(['Người yêu cầu không thuộc trường hợp xóa đăng ký thường trú.']);
    const slip = await t.app.inject({ url: `/api/dossiers/${s.id}/slips/refusal.pdf`, headers: receptionist.headers });
    expect(slip.statusCode).toBe(200);
    await saveArtifact('online-refusal-slip.pdf', slip.rawPayload);
    if (hasPdftotext()) {
      const text = pdfText(slip.rawPayload).replace(/\s+/g, ' ');
      expect(text).toContain('không thuộc trường hợp xóa đăng ký thường trú');
    }
    const message = await t.database.db.selectFrom('outbox_messages').select('body').where('dedupe_key', '=', `dossier:online_refuse:${s.id}`).executeTakeFirst();
    expect(message?.body).toMatch(/không được tiếp nhận/);
  });

  const hostile: Array<[string, () => Part[], number, string]> = [
    ['a wrong type', () => [data(), { field: 'doc-1', filename: 'a.pdf', data: Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(500)]) }, { field: 'doc-2', filename: 'b.pdf', data: pdf('g') }], 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['zero bytes', () => [data(), { field: 'doc-1', filename: 'a.pdf', data: pdf('h') }, { field: 'doc-2', filename: 'empty.pdf', data: Buffer.alloc(0) }], 400, 'FILE_EMPTY'],
    ['an oversize file', () => [data(), { field: 'doc-1', filename: 'big.pdf', data: Buffer.concat([pdf('i'), Buffer.alloc(1024 * 1024, 'x')]) }], 413, 'FILE_TOO_LARGE'],
    ['too much in total', () => [data(), ...[1, 2, 1].map((p, i) => ({ field: `doc-${p}`, filename: `s${i}.pdf`, data: Buffer.concat([pdf(String(i)), Buffer.alloc(900 * 1024, 'y')]) }))], 413, 'UPLOAD_TOO_LARGE'],
    ['a PDF that is really HTML', () => [data(), { field: 'doc-1', filename: 'hoso.pdf', contentType: 'application/pdf', data: '%PDF-1.4\n<html><script>fetch("/api/auth/me")</script>' }], 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['a path in the file name', () => [data(), { field: 'doc-1', filename: '../../etc/passwd', data: pdf('j') }], 400, 'FILE_NAME_INVALID'],
    ['a file for no document', () => [data(), { field: 'doc-1', filename: 'a.pdf', data: pdf('k') }, { field: 'doc-2', filename: 'b.pdf', data: pdf('l') }, { field: 'doc-9', filename: 'c.pdf', data: pdf('m') }], 400, 'ONLINE_SUBMISSION_INVALID'],
    ['a required document without a file', () => [data(), { field: 'doc-1', filename: 'a.pdf', data: pdf('n') }], 400, 'ONLINE_DOCUMENTS_MISSING'],
    ['a required document not listed', () => [data({ documents: [{ position: 1 }] }), { field: 'doc-1', filename: 'a.pdf', data: pdf('o') }], 400, 'ONLINE_DOCUMENTS_MISSING'],
    ['a procedure not available online', () => [data({ procedureCode: '1.000419' }), { field: 'doc-1', filename: 'a.pdf', data: pdf('q') }], 409, 'ONLINE_NOT_AVAILABLE'],
    ['the data part after the files', () => [{ field: 'doc-1', filename: 'a.pdf', data: pdf('r') }, data()], 400, 'ONLINE_SUBMISSION_INVALID'],
    ['unknown fields in the data', () => [data({ status: 'received' }), { field: 'doc-1', filename: 'a.pdf', data: pdf('s') }], 400, 'ONLINE_SUBMISSION_INVALID'],
    ['an invalid personal number', () => [data({ applicant: { ...applicant, idNumber: '079187001234' } }), { field: 'doc-1', filename: 'a.pdf', data: pdf('t') }], 400, 'CITIZEN_ID_INVALID'],
  ];
  for (const [name, parts, code, errorCode] of hostile) {
    it(`refuses ${name} (${errorCode}): no row, and after the GC no file`, async () => {
      const before = await dossierCount();
      const res = await submit(parts());
      expect(res.statusCode, res.body).toBe(code);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: errorCode, status: code });
      expect(typeof res.json().detail).toBe('string');
      expect(await dossierCount()).toBe(before);
      await expectStoreMatchesRows();
    });
  }

  it('refuses a JSON body (MULTIPART_EXPECTED) and a procedure disabled at the center', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/public/dossiers', payload: { center: centerSlug } });
    expect(json.json().code).toBe('MULTIPART_EXPECTED');
    const center = await t.database.db.selectFrom('centers').select('id').where('slug', '=', centerSlug).executeTakeFirstOrThrow();
    await t.database.db.insertInto('center_procedures').values({ center_id: center.id, procedure_code: PROCEDURE, enabled: false }).execute();
    const res = await submit([data(), { field: 'doc-1', filename: 'a.pdf', data: pdf('u') }, { field: 'doc-2', filename: 'b.pdf', data: pdf('v') }]);
    expect(res.json().code).toBe('ONLINE_NOT_AVAILABLE');
    await t.database.db.deleteFrom('center_procedures').where('center_id', '=', center.id).execute();
  });

  it('a crash between the file write and the commit leaves no dossier pointing at a missing file', async () => {
    // The transaction fails after the files are in the store (as a crash or a lost database would).
    await sql`CREATE FUNCTION fail_online() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash before commit'; END $$`.execute(t.database.db);
    await sql`CREATE TRIGGER fail_online BEFORE INSERT ON dossier_events FOR EACH ROW WHEN (NEW.action = 'submit_online') EXECUTE FUNCTION fail_online()`.execute(t.database.db);
    const before = await dossierCount();
    const res = await submit([data(), { field: 'doc-1', filename: 'a.pdf', data: pdf('w') }, { field: 'doc-2', filename: 'b.pdf', data: pdf('z') }]);
    await sql`DROP TRIGGER fail_online ON dossier_events`.execute(t.database.db);
    await sql`DROP FUNCTION fail_online()`.execute(t.database.db);
    expect(res.statusCode).toBe(500);
    expect(await dossierCount()).toBe(before);
    expect(await store.exists((await import('node:crypto')).createHash('sha256').update(pdf('w')).digest('hex'))).toBe(true); // orphan until the GC
    for (const row of await t.database.db.selectFrom('dossier_files').select('sha256').execute()) expect(await store.verify(row.sha256)).toBe('ok');
    // Within the grace period the orphan stays (an upload may be in flight); after it, it goes.
    expect((await collectStoredFiles(t.database.db, store)).deleted).toBe(0);
    await expectStoreMatchesRows();
  });

  it('reviews only online submissions of my center', async () => {
    const other = await makeCenter(t.database.db);
    const stranger = await login(t.app, (await makeUser(t.database.db, other.id, 'receptionist')).username);
    const s = await submitValid('x');
    const res = await t.app.inject({ method: 'POST', url: `/api/dossiers/${s.id}/review`, headers: stranger.headers, payload: { decision: 'accept' } });
    expect(res.json().code).toBe('DOSSIER_NOT_FOUND');
    const files = (await t.app.inject({ url: `/api/dossiers/${s.id}`, headers: receptionist.headers })).json().files as Array<{ id: string }>;
    expect((await t.app.inject({ url: `/api/dossiers/${s.id}/files/${files[0]?.id ?? ''}`, headers: stranger.headers })).statusCode).toBe(404);
    expect((await t.app.inject('/api/public/online/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).json().code).toBe('SUBMISSION_NOT_FOUND');
  });
});

describe('online submission rate limit', () => {
  it('a public endpoint: over SUBMISSION_RATE_LIMIT per IP the answer is 429 before the body is read', { timeout: 120_000 }, async () => {
    const limited = await createTestApp({ DATA_DIR: dir, SUBMISSION_RATE_LIMIT: '2' });
    try {
      const send = () => limited.app.inject({ method: 'POST', url: '/api/public/dossiers', payload: {} });
      expect((await send()).json().code).toBe('MULTIPART_EXPECTED');
      expect((await send()).json().code).toBe('MULTIPART_EXPECTED');
      const third = await send();
      expect(third.statusCode).toBe(429);
      expect(third.json().code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
