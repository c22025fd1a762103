import { createHash } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { collectUnreferencedFiles } from './collect-unreferenced-files.js';
import { LocalFileStore } from './local-file-store.js';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function pdf(bytes = 3000, seed = 'a'): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length - tail.length), seed), tail]);
}
const jpeg = (bytes = 2000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(bytes - 12, 7), Buffer.from([0xff, 0xd9])]);

/** A stream that hands out `data` in small chunks, then fails (a client or disk dying mid-upload). */
function failingStream(data: Buffer, failAfter: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= failAfter) {
        this.destroy(new Error('connection reset by peer'));
        return;
      }
      const chunk = data.subarray(sent, Math.min(sent + 256, failAfter));
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

function chunked(data: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return Readable.from(chunks);
}

/** Every regular file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
  return 'resolved';
}

let dir: string;
let store: LocalFileStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-files-'));
  store = new LocalFileStore(path.join(dir, 'files'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LocalFileStore', () => {
  it('stores a file under its SHA-256 and reads the same bytes back', async () => {
    const data = pdf();
    const stored = await store.put(data, { maxBytes: 10_000 });
    expect(stored).toEqual({ sha256: sha(data), size: data.length, mime: 'application/pdf', key: `${sha(data).slice(0, 2)}/${sha(data).slice(2, 4)}/${sha(data)}` });
    expect(await filesUnder(store.root)).toEqual([stored.key]);
    const back = Buffer.concat(await (await store.get(stored.sha256)).toArray());
    expect(sha(back)).toBe(stored.sha256);
    expect(await store.exists(stored.sha256)).toBe(true);
    expect((await store.stat(stored.sha256))?.size).toBe(data.length);
    expect(await store.verify(stored.sha256)).toBe('ok');
  });

  it('hashes a stream while writing it, in any chunking', async () => {
    const data = jpeg(5000);
    const stored = await store.put(chunked(data, 100), { maxBytes: 10_000 });
    expect(stored.sha256).toBe(sha(data));
    expect(stored.mime).toBe('image/jpeg');
    expect(await readFile(path.join(store.root, stored.key))).toEqual(data);
  });

  it('keeps identical content once and refreshes its timestamp', async () => {
    const data = pdf();
    const first = await store.put(data, { maxBytes: 10_000 });
    const old = new Date(Date.now() - 3 * 86_400_000);
    await utimes(path.join(store.root, first.key), old, old);
    const second = await store.put(chunked(data, 500), { maxBytes: 10_000 });
    expect(second).toEqual(first);
    expect(await filesUnder(store.root)).toEqual([first.key]);
    expect((await stat(path.join(store.root, first.key))).mtime.getTime()).toBeGreaterThan(old.getTime());
  });

  it('handles concurrent puts of the same content', async () => {
    const data = pdf(200_000);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(chunked(data, 4096), { maxBytes: 1_000_000 })));
    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha(data)]));
    expect(await filesUnder(store.root)).toEqual([results[0]!.key]);
    expect(await store.verify(sha(data))).toBe('ok');
  });

  it('leaves neither the file nor a temp file when the stream fails mid-way', async () => {
    const data = pdf(50_000);
    // Fails before the type is known, and after it (the temp file already has data).
    for (const failAfter of [512, 30_000]) {
      await expect(store.put(failingStream(data, failAfter), { maxBytes: 1_000_000 })).rejects.toThrow('connection reset by peer');
      expect(await filesUnder(store.root)).toEqual([]);
    }
    expect(await store.exists(sha(data))).toBe(false);
  });

  it('detects a corrupted file on verify', async () => {
    const stored = await store.put(pdf(), { maxBytes: 10_000 });
    const handle = await open(path.join(store.root, stored.key), 'r+');
    await handle.write(Buffer.from('X'), 0, 1, 1500);
    await handle.close();
    expect(await store.verify(stored.sha256)).toBe('corrupt');
    expect(await store.verify('0'.repeat(64))).toBe('missing');
  });

  it('refuses hostile content and stores nothing', async () => {
    const cases: Array<[string, Buffer, string]> = [
      ['zero bytes', Buffer.alloc(0), 'FILE_EMPTY'],
      ['oversize', pdf(20_000), 'FILE_TOO_LARGE'],
      ['HTML sent as a PDF', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'FILE_TYPE_NOT_ALLOWED'],
      ['a PDF header followed by HTML', Buffer.concat([Buffer.from('%PDF-1.4\n<html><body onload=alert(1)>'), Buffer.alloc(2000, 'x')]), 'FILE_TYPE_NOT_ALLOWED'],
      ['script late in the first KiB', Buffer.concat([pdf(900), Buffer.from('<SCRIPT>x</SCRIPT>'), Buffer.alloc(2000, 'x')]), 'FILE_TYPE_NOT_ALLOWED'],
      ['"PDF" without %PDF', Buffer.from('PDF-1.4 fake document'), 'FILE_TYPE_NOT_ALLOWED'],
      ['a Windows executable', Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(4000)]), 'FILE_TYPE_NOT_ALLOWED'],
      ['a ZIP (e.g. .docx)', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), 'FILE_TYPE_NOT_ALLOWED'],
      ['two bytes of JPEG', Buffer.from([0xff, 0xd8]), 'FILE_TYPE_NOT_ALLOWED'],
    ];
    for (const [name, data, code] of cases) {
      expect(await codeOf(store.put(chunked(data.length ? data : Buffer.alloc(0), 700), { maxBytes: 10_000 })), name).toBe(code);
      expect(await codeOf(store.put(data, { maxBytes: 10_000 })), name).toBe(code);
      expect(await filesUnder(store.root), name).toEqual([]);
    }
  });

  it('stops reading an oversize stream at the limit', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += 1024;
        this.push(pdf(1024));
      },
    });
    expect(await codeOf(store.put(endless, { maxBytes: 64 * 1024 }))).toBe('FILE_TOO_LARGE');
    expect(pulled).toBeLessThan(200 * 1024);
    expect(endless.destroyed).toBe(true);
    expect(await filesUnder(store.root)).toEqual([]);
  });

  it('never turns a hash into a path outside the store', async () => {
    for (const bad of ['../../etc/passwd', 'AB'.repeat(32), `${'a'.repeat(63)}/`, '']) {
      expect(await codeOf(store.get(bad))).toBe('FILE_NOT_FOUND');
      expect(await store.exists(bad)).toBe(false);
      expect(await store.delete(bad)).toBe(false);
    }
    expect(await codeOf(store.get('f'.repeat(64)))).toBe('FILE_NOT_FOUND');
  });
});

describe('collectUnreferencedFiles', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const graceMs = 86_400_000;
  const age = async (key: string, ms: number) => {
    const t = new Date(now.getTime() - ms);
    await utimes(path.join(store.root, key), t, t);
  };

  it('removes old unreferenced files and crashed temp files, keeps the rest', async () => {
    const referenced = await store.put(pdf(3000, 'r'), { maxBytes: 10_000 });
    const orphan = await store.put(pdf(3000, 'o'), { maxBytes: 10_000 });
    const young = await store.put(pdf(3000, 'y'), { maxBytes: 10_000 });
    await age(referenced.key, 3 * graceMs);
    await age(orphan.key, 3 * graceMs);
    await age(young.key, graceMs / 2);
    const staleTemp = path.join(store.root, 'tmp', 'dead.part');
    await writeFile(staleTemp, 'half an upload');
    await utimes(staleTemp, new Date(now.getTime() - 2 * graceMs), new Date(now.getTime() - 2 * graceMs));

    const result = await collectUnreferencedFiles({ store, referenced: new Set([referenced.sha256]), graceMs, now });
    expect(result).toEqual({ deleted: [orphan.sha256], kept: 2, staleUploadsRemoved: 1 });
    expect((await filesUnder(store.root)).sort()).toEqual([referenced.key, young.key].sort());
  });

  it('keeps an orphan that was just stored again (its row is about to be committed)', async () => {
    const data = pdf(3000, 'z');
    const orphan = await store.put(data, { maxBytes: 10_000 });
    await age(orphan.key, 3 * graceMs);
    await store.put(data, { maxBytes: 10_000 });
    const result = await collectUnreferencedFiles({ store, referenced: new Set(), graceMs });
    expect(result.deleted).toEqual([]);
    expect(await store.exists(orphan.sha256)).toBe(true);
  });

  it('lists stored files only', async () => {
    const a = await store.put(pdf(3000, 'a'), { maxBytes: 10_000 });
    const b = await store.put(jpeg(), { maxBytes: 10_000 });
    const listed: string[] = [];
    for await (const f of store.list()) listed.push(f.sha256);
    expect(listed.sort()).toEqual([a.sha256, b.sha256].sort());
  });
});
