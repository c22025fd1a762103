import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerProblemHandlers } from '../../http/problem.js';
import { LocalFileStore } from './local-file-store.js';
import { receiveUpload, registerMultipart, type ReceivedFile } from './receive-upload.js';
import { sendStoredFile } from './send-stored-file.js';

const MAX_BYTES = 64 * 1024;
const MAX_FILES = 3;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const pdf = (fill = 'p') => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(4000, fill), Buffer.from('\n%%EOF\n')]);
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(3000, 9), Buffer.from([0xff, 0xd9])]);

interface Part {
  field?: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body written by hand, so a test can send what no browser would. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----motcua-test-boundary-7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.field ?? 'files'}"${filename}\r\n` + `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let dir: string;
let store: LocalFileStore;
let app: FastifyInstance;
/** Stands in for the database rows the dossier module will write. */
const rows = new Map<string, ReceivedFile>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-upload-'));
  store = new LocalFileStore(path.join(dir, 'files'));
  app = Fastify({ logger: false });
  registerProblemHandlers(app);
  await app.register(async (scope) => {
    await registerMultipart(scope, { maxBytes: MAX_BYTES, maxFiles: MAX_FILES });
    scope.post('/upload', async (request) => {
      const files = await receiveUpload(request, { store, maxBytes: MAX_BYTES, maxFiles: MAX_FILES });
      for (const f of files) rows.set(f.sha256, f);
      return { files };
    });
    scope.get<{ Params: { sha: string }; Querystring: { inline?: string } }>('/files/:sha', async (request, reply) => {
      const row = rows.get(request.params.sha) ?? { sha256: request.params.sha, mime: 'application/pdf', originalName: 'x.pdf' };
      return sendStoredFile(request, reply, store, row, { disposition: request.query.inline === '1' ? 'inline' : 'attachment' });
    });
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  rows.clear();
  await rm(store.root, { recursive: true, force: true });
});

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(store.root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe('receiveUpload', () => {
  it('stores a PDF and a JPEG sent in one request', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/upload',
      ...multipart([
        { field: 'scan', filename: 'Giấy khai sinh.pdf', contentType: 'application/pdf', data: pdf() },
        // The client's type and extension are wrong; the stored type comes from the bytes.
        { field: 'scan', filename: 'ảnh CCCD.png', contentType: 'text/html', data: jpeg() },
        { field: 'note', data: 'a text field is ignored', contentType: 'text/plain' },
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      files: [
        { sha256: sha(pdf()), size: pdf().length, mime: 'application/pdf', originalName: 'Giấy khai sinh.pdf', fieldName: 'scan' },
        { sha256: sha(jpeg()), size: jpeg().length, mime: 'image/jpeg', originalName: 'ảnh CCCD.png.jpg', fieldName: 'scan' },
      ],
    });
    expect((await storedFiles()).sort()).toEqual([sha(pdf()), sha(jpeg())].sort());
  });

  const hostile: Array<[string, Part[], number, string]> = [
    ['wrong type', [{ filename: 'virus.pdf', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(3000)]) }], 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['zero bytes', [{ filename: 'empty.pdf', data: Buffer.alloc(0) }], 400, 'FILE_EMPTY'],
    ['oversize', [{ filename: 'big.pdf', data: Buffer.concat([pdf(), Buffer.alloc(MAX_BYTES, 'x')]) }], 413, 'FILE_TOO_LARGE'],
    ['a PDF that is really HTML', [{ filename: 'hoso.pdf', contentType: 'application/pdf', data: '<!DOCTYPE html><html><script>fetch("/api/me")</script>' }], 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['a PDF header hiding HTML', [{ filename: 'hoso.pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n<html><body>'), Buffer.alloc(3000, 'x')]) }], 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['a path in the file name', [{ filename: '../../etc/passwd', data: pdf() }], 400, 'FILE_NAME_INVALID'],
    ['a Windows path in the file name', [{ filename: 'C:\\x\\y.pdf', data: pdf() }], 400, 'FILE_NAME_INVALID'],
    ['too many files', Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ filename: `s${i}.pdf`, data: pdf(String(i)) })), 413, 'TOO_MANY_FILES'],
    ['no file at all', [{ field: 'note', data: 'hello', contentType: 'text/plain' }], 400, 'FILE_MISSING'],
    ['an empty file input', [{ filename: '', data: '' }], 400, 'FILE_MISSING'],
  ];
  for (const [name, parts, status, code] of hostile) {
    it(`refuses ${name} with ${code} and stores nothing for it`, async () => {
      const res = await app.inject({ method: 'POST', url: '/upload', ...multipart(parts) });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code, status });
      const stored = await storedFiles();
      if (code === 'TOO_MANY_FILES') expect(stored.length).toBeLessThanOrEqual(MAX_FILES); // earlier ones wait for the GC
      else expect(stored).toEqual([]);
    });
  }

  it('refuses a truncated multipart body', async () => {
    const { payload, headers } = multipart([{ filename: 'scan.pdf', data: pdf() }]);
    const res = await app.inject({ method: 'POST', url: '/upload', headers, payload: payload.subarray(0, 2000) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'UPLOAD_INTERRUPTED' });
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses a JSON body', async () => {
    const res = await app.inject({ method: 'POST', url: '/upload', payload: { file: 'JVBERi0=' } });
    expect(res.json()).toMatchObject({ code: 'MULTIPART_EXPECTED', status: 415 });
  });
});

describe('receiveUpload over a real socket', () => {
  it('answers a refused large upload and leaves the connection free', async () => {
    const server = Fastify({ logger: false });
    registerProblemHandlers(server);
    await server.register(async (scope) => {
      await registerMultipart(scope, { maxBytes: MAX_BYTES, maxFiles: MAX_FILES });
      scope.post('/upload', async (request) => ({ files: await receiveUpload(request, { store, maxBytes: MAX_BYTES, maxFiles: MAX_FILES }) }));
    });
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    const send = async (name: string, data: Buffer) => {
      const form = new FormData();
      form.append('files', new Blob([new Uint8Array(data)]), name);
      const res = await fetch(`${address}/upload`, { method: 'POST', body: form, signal: AbortSignal.timeout(10_000) });
      return ((await res.json()) as { code?: string }).code ?? String(res.status);
    };
    const big = Buffer.concat([pdf(), Buffer.alloc(4 * 1024 * 1024, 'x')]);
    expect(await send('big.pdf', big)).toBe('FILE_TOO_LARGE');
    expect(await send('big.pdf', Buffer.alloc(4 * 1024 * 1024, 'x'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await send('../big.pdf', big)).toBe('FILE_NAME_INVALID');
    expect(await send('ok.pdf', pdf())).toBe('200');
    // With unread request bodies left behind, close() would wait for those connections.
    const closed = await Promise.race([server.close().then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, 5000, 'stuck'))]);
    expect(closed).toBe('closed');
    expect(await storedFiles()).toEqual([sha(pdf())]);
  });
});

describe('sendStoredFile', () => {
  async function upload(parts: Part[]): Promise<ReceivedFile[]> {
    const res = await app.inject({ method: 'POST', url: '/upload', ...multipart(parts) });
    return (res.json() as { files: ReceivedFile[] }).files;
  }

  it('serves a PDF as an attachment with safe headers', async () => {
    const [file] = await upload([{ filename: 'Đơn đề nghị.pdf', data: pdf() }]);
    const res = await app.inject({ method: 'GET', url: `/files/${file!.sha256}?inline=1` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf())).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf().length),
      'content-disposition': `attachment; filename="Don de nghi.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      etag: `"${file!.sha256}"`,
    });
    expect(res.headers['cache-control']).toMatch(/^private\b/);
  });

  it('serves an image inline only when asked', async () => {
    const [file] = await upload([{ filename: 'ảnh.jpg', data: jpeg() }]);
    const inline = await app.inject({ method: 'GET', url: `/files/${file!.sha256}?inline=1` });
    expect(inline.headers['content-type']).toBe('image/jpeg');
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    expect(inline.headers['content-security-policy']).toBe('sandbox');
    const attached = await app.inject({ method: 'GET', url: `/files/${file!.sha256}` });
    expect(attached.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('answers 304 to a matching If-None-Match and 404 for a missing file', async () => {
    const [file] = await upload([{ filename: 'a.pdf', data: pdf() }]);
    const cached = await app.inject({ method: 'GET', url: `/files/${file!.sha256}`, headers: { 'if-none-match': `"${file!.sha256}"` } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    const missing = await app.inject({ method: 'GET', url: `/files/${'0'.repeat(64)}` });
    expect(missing.json()).toMatchObject({ code: 'FILE_NOT_FOUND', status: 404 });
    const traversal = await app.inject({ method: 'GET', url: `/files/..%2F..%2Fetc%2Fpasswd` });
    expect(traversal.json()).toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
