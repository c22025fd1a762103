import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/app.js';
import { makeCenter, makeUser } from '../../test/factories.js';
import { importShippedCatalog } from '../../seed/prepare.js';

let t: TestApp;
let dataDir: string;
let reception: Session;
let specialist: Session;

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(3000, 'r'), Buffer.from('\n%%EOF\n')]);

function multipart(fields: Record<string, string>, files: Array<{ name: string; type: string; data: Buffer | string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----motcua-attach-7Qp';
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`, 'utf8'));
    chunks.push(typeof f.data === 'string' ? Buffer.from(f.data) : f.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function receive(): Promise<string> {
  const p = (await t.app.inject('/api/procedures/1.004837')).json() as { documents: Array<{ condition: string | null }> };
  const documents = p.documents.map((d, i) => ({ position: i + 1, status: d.condition ? 'not_applicable' : 'received' }));
  const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: reception.headers, payload: { procedureCode: '1.004837', applicant: { name: 'Ngô Văn Phát', idNumber: '079088001234', address: 'phường Hòa Hưng' }, documents } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-attach-'));
  t = await createTestApp({ DATA_DIR: dataDir, PUBLIC_RATE_LIMIT: '100000' });
  await importShippedCatalog(t.database);
  const centerId = (await makeCenter(t.database.db)).id;
  reception = await login(t.app, (await makeUser(t.database.db, centerId, 'receptionist')).username);
  specialist = await login(t.app, (await makeUser(t.database.db, centerId, 'specialist')).username);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('files attached while handling a dossier', () => {
  it('a result file is stored, listed, downloadable as an attachment and recorded in the history with its comment', async () => {
    const id = await receive();
    const body = multipart({ kind: 'result', comment: 'Trích lục đăng ký giám hộ đã ký' }, [{ name: 'trich-luc.pdf', type: 'application/pdf', data: pdf }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/files`, headers: { ...specialist.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json() as { files: Array<{ id: string; kind: string; originalName: string }>; events: Array<{ action: string; comment: string | null }> };
    expect(view.files).toHaveLength(1);
    expect(view.files[0]).toMatchObject({ kind: 'result', originalName: 'trich-luc.pdf' });
    expect(view.events.at(-1)).toMatchObject({ action: 'attach', comment: 'Trích lục đăng ký giám hộ đã ký' });
    const download = await t.app.inject({ url: `/api/dossiers/${id}/files/${view.files[0]?.id ?? ''}`, headers: reception.headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('a hostile file is refused and nothing is recorded; a withdrawn dossier takes no files', async () => {
    const id = await receive();
    const html = multipart({ kind: 'scan' }, [{ name: 'ketqua.pdf', type: 'application/pdf', data: '%PDF-1.4\n<html><script>alert(1)</script>' }]);
    const refused = await t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/files`, headers: { ...reception.headers, ...html.headers }, payload: html.payload });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    const rows = await t.database.db.selectFrom('dossier_files').select('id').where('dossier_id', '=', id).execute();
    expect(rows).toEqual([]);
    await t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/withdraw`, headers: reception.headers, payload: { reason: 'Công dân rút' } });
    const late = multipart({}, [{ name: 'x.pdf', type: 'application/pdf', data: pdf }]);
    const closed = await t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/files`, headers: { ...reception.headers, ...late.headers }, payload: late.payload });
    expect(closed.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/files`, headers: late.headers, payload: late.payload })).statusCode).toBe(401);
  });
});
