import crypto, { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CopyObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { parseConfig } from '../../config.js';
import { collectUnreferencedFiles } from './collect-unreferenced-files.js';
import { createConfiguredFileStore } from './configured-store.js';
import { LocalFileStore } from './local-file-store.js';
import { createS3Client, S3FileStore, TOUCHED_METADATA } from './s3-file-store.js';

/**
 * S3FileStore against a real S3-compatible server process: s3rver (a fake S3 in Node), started
 * in this process on a random port with its objects under a temp directory.
 */

const BUCKET = 'motcua';
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function pdf(bytes = 3000, seed = 'a'): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length - tail.length), seed), tail]);
}
const jpeg = (bytes = 2000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(bytes - 12, 7), Buffer.from([0xff, 0xd9])]);

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

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
  return 'resolved';
}

// s3rver signs its ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 only has
// in its legacy provider: without help every truncated listing answers 500. Triple DES with
// three equal keys *is* single DES (EDE: encrypt, decrypt, encrypt with the same key), so the
// tests hand s3rver that instead. Only s3rver asks for 'des'; the store never does.
type CipherFactory = (algorithm: string, key: Buffer, iv: Buffer) => crypto.Cipher | crypto.Decipher;
const original = { createCipheriv: crypto.createCipheriv, createDecipheriv: crypto.createDecipheriv };
function singleDesAsTripleDes(factory: CipherFactory): CipherFactory {
  return (algorithm, key, iv) => (algorithm === 'des' ? factory('des-ede3-cbc', Buffer.concat([key, key, key]), iv) : factory(algorithm, key, iv));
}

let server: S3rver;
let serverDir: string;
let client: S3Client;
let endpoint: string;
const putHeaders: Array<Record<string, string>> = [];

beforeAll(async () => {
  crypto.createCipheriv = singleDesAsTripleDes(original.createCipheriv as CipherFactory) as typeof crypto.createCipheriv;
  crypto.createDecipheriv = singleDesAsTripleDes(original.createDecipheriv as CipherFactory) as typeof crypto.createDecipheriv;
  serverDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-s3rver-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: serverDir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  client = createS3Client({ endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
  // Records the headers of every PutObject as they leave (signed), to check the checksums sent.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const headers = (args.request as { headers?: Record<string, string> }).headers;
      if (context.commandName === 'PutObjectCommand' && headers) putHeaders.push({ ...headers });
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordPutHeaders' },
  );
});

afterAll(async () => {
  await server.close();
  await rm(serverDir, { recursive: true, force: true });
  crypto.createCipheriv = original.createCipheriv;
  crypto.createDecipheriv = original.createDecipheriv;
});

let testNumber = 0;
let prefix: string;
let spoolDir: string;
let store: S3FileStore;
beforeEach(async () => {
  testNumber += 1;
  prefix = `t${testNumber}/files/`;
  spoolDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-spool-'));
  store = new S3FileStore({ client, bucket: BUCKET, prefix, spoolDir });
  putHeaders.length = 0;
});
afterEach(async () => {
  await rm(spoolDir, { recursive: true, force: true });
});

/** Every key in the bucket under this test's prefix, straight from the server. */
async function objectsInBucket(under = prefix): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: under }));
  return (page.Contents ?? []).map((o) => o.Key ?? '').sort();
}

async function spoolFiles(): Promise<string[]> {
  return readdir(spoolDir).catch(() => []);
}

/**
 * Makes a stored object look `ms` old: its `motcua-touched` metadata (self-copy) and its
 * LastModified (s3rver takes it from the mtime of the file that holds the object).
 */
async function age(key: string, ms: number): Promise<void> {
  const then = new Date(Date.now() - ms);
  const objectKey = prefix + key;
  await client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: objectKey, CopySource: `${BUCKET}/${objectKey}`, MetadataDirective: 'REPLACE', Metadata: { [TOUCHED_METADATA]: then.toISOString() } }));
  await utimes(path.join(serverDir, BUCKET, ...path.posix.dirname(objectKey).split('/'), `${path.posix.basename(objectKey)}._S3rver_object`), then, then);
}

describe('S3FileStore', () => {
  it('stores a file under its SHA-256 with its checksums, and reads the same bytes back', async () => {
    const data = pdf();
    const stored = await store.put(chunked(data, 700), { maxBytes: 10_000 });
    const key = `${sha(data).slice(0, 2)}/${sha(data).slice(2, 4)}/${sha(data)}`;
    expect(stored).toEqual({ sha256: sha(data), size: data.length, mime: 'application/pdf', key });
    expect(await objectsInBucket()).toEqual([prefix + key]);
    expect(await spoolFiles()).toEqual([]);
    // What the server was asked to check: the length, the SHA-256 and the MD5 of the bytes.
    expect(putHeaders).toHaveLength(1);
    expect(putHeaders[0]).toMatchObject({
      'content-length': String(data.length),
      'x-amz-checksum-sha256': createHash('sha256').update(data).digest('base64'),
      'content-md5': createHash('md5').update(data).digest('base64'),
      'content-type': 'application/pdf',
    });
    const back = Buffer.concat(await (await store.get(stored.sha256)).toArray());
    expect(back.equals(data)).toBe(true);
    expect(await store.exists(stored.sha256)).toBe(true);
    expect((await store.stat(stored.sha256))?.size).toBe(data.length);
    expect(await store.verify(stored.sha256)).toBe('ok');
    expect((await store.put(jpeg(), { maxBytes: 10_000 })).mime).toBe('image/jpeg');
  });

  it('keeps the same bytes once and refreshes their age instead of sending them again', async () => {
    const data = pdf(5000, 'd');
    const first = await store.put(data, { maxBytes: 10_000 });
    await age(first.key, 3 * 86_400_000);
    const old = await store.stat(first.sha256);
    expect(old && Date.now() - old.modifiedAt.getTime()).toBeGreaterThan(2 * 86_400_000);
    putHeaders.length = 0;
    const second = await store.put(chunked(data, 500), { maxBytes: 10_000 });
    expect(second).toEqual(first);
    expect(putHeaders).toEqual([]); // touched by a self-copy, not uploaded again
    expect(await objectsInBucket()).toEqual([prefix + first.key]);
    const fresh = await store.stat(first.sha256);
    expect(fresh && Date.now() - fresh.modifiedAt.getTime()).toBeLessThan(60_000);
    expect(await store.verify(first.sha256)).toBe('ok');
    expect(await spoolFiles()).toEqual([]);
  });

  it('handles concurrent puts of the same content', async () => {
    const data = pdf(200_000);
    const results = await Promise.all(Array.from({ length: 6 }, () => store.put(chunked(data, 4096), { maxBytes: 1_000_000 })));
    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha(data)]));
    expect(await objectsInBucket()).toEqual([prefix + keyFor(data)]);
    expect(await store.verify(sha(data))).toBe('ok');
    expect(await spoolFiles()).toEqual([]);
  });

  it('refuses hostile content like the local store: nothing in the bucket, no spool file', async () => {
    const cases: Array<[string, Buffer, string]> = [
      ['zero bytes', Buffer.alloc(0), 'FILE_EMPTY'],
      ['oversize', pdf(20_000), 'FILE_TOO_LARGE'],
      ['HTML sent as a PDF', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'FILE_TYPE_NOT_ALLOWED'],
      ['a PDF header followed by HTML', Buffer.concat([Buffer.from('%PDF-1.4\n<html><body onload=alert(1)>'), Buffer.alloc(2000, 'x')]), 'FILE_TYPE_NOT_ALLOWED'],
      ['a Windows executable', Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(4000)]), 'FILE_TYPE_NOT_ALLOWED'],
    ];
    const local = new LocalFileStore(path.join(spoolDir, 'local'));
    for (const [name, data, code] of cases) {
      expect(await codeOf(local.put(data, { maxBytes: 10_000 })), name).toBe(code);
      expect(await codeOf(store.put(data, { maxBytes: 10_000 })), name).toBe(code);
      expect(await codeOf(store.put(chunked(data, 700), { maxBytes: 10_000 })), name).toBe(code);
      expect(await objectsInBucket(), name).toEqual([]);
      expect(await spoolFiles(), name).toEqual(['local']);
    }
    expect(putHeaders).toEqual([]);
  });

  it('stores nothing when the stream dies mid-way, before or after the sniff', async () => {
    const data = pdf(50_000);
    for (const failAfter of [512, 30_000]) {
      await expect(store.put(failingStream(data, failAfter), { maxBytes: 1_000_000 })).rejects.toThrow('connection reset by peer');
      expect(await objectsInBucket()).toEqual([]);
      expect(await spoolFiles()).toEqual([]);
    }
    expect(await store.exists(sha(data))).toBe(false);
    expect(putHeaders).toEqual([]);
  });

  it('answers FILE_STORE_UNAVAILABLE when the server cannot be reached, leaving no spool file', async () => {
    const unreachable = new S3FileStore({
      client: createS3Client({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', accessKeyId: 'x', secretAccessKey: 'y', forcePathStyle: true }),
      bucket: BUCKET,
      spoolDir,
    });
    expect(await codeOf(unreachable.put(pdf(), { maxBytes: 10_000 }))).toBe('FILE_STORE_UNAVAILABLE');
    expect(await spoolFiles()).toEqual([]);
  }, 30_000);

  it('detects bytes changed behind its back on verify', async () => {
    const stored = await store.put(pdf(), { maxBytes: 10_000 });
    const damaged = pdf();
    damaged[1500] = 0x58;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: prefix + stored.key, Body: damaged, ContentLength: damaged.length }));
    expect(await store.verify(stored.sha256)).toBe('corrupt');
    expect(await store.verify('0'.repeat(64))).toBe('missing');
    // A put of the right bytes with the same size only touches; verify keeps telling the truth.
    await store.put(pdf(), { maxBytes: 10_000 });
    expect(await store.verify(stored.sha256)).toBe('corrupt');
  });

  it('deletes with unmodifiedSince only what was not stored again since', async () => {
    const cutoff = new Date(Date.now() - 86_400_000);
    const kept = await store.put(pdf(3000, 'k'), { maxBytes: 10_000 });
    const gone = await store.put(pdf(3000, 'g'), { maxBytes: 10_000 });
    await age(kept.key, 3 * 86_400_000);
    await age(gone.key, 3 * 86_400_000);
    await store.put(pdf(3000, 'k'), { maxBytes: 10_000 }); // re-touched: its row is about to commit
    expect(await store.delete(kept.sha256, { unmodifiedSince: cutoff })).toBe(false);
    expect(await store.delete(gone.sha256, { unmodifiedSince: cutoff })).toBe(true);
    expect(await store.delete(gone.sha256)).toBe(false);
    expect(await objectsInBucket()).toEqual([prefix + kept.key]);
  });

  it('never turns a hash into a key outside the store', async () => {
    for (const bad of ['../../etc/passwd', 'AB'.repeat(32), `${'a'.repeat(63)}/`, '']) {
      expect(await codeOf(store.get(bad))).toBe('FILE_NOT_FOUND');
      expect(await store.stat(bad)).toBeUndefined();
      expect(await store.exists(bad)).toBe(false);
      expect(await store.delete(bad)).toBe(false);
    }
    expect(await codeOf(store.get('f'.repeat(64)))).toBe('FILE_NOT_FOUND');
  });

  it('lists every stored file across pages, and only stored files under its prefix', async () => {
    const paged = new S3FileStore({ client, bucket: BUCKET, prefix, spoolDir, listPageSize: 2 });
    const stored = [];
    for (const seed of ['a', 'b', 'c', 'd', 'e']) stored.push(await paged.put(pdf(3000, seed), { maxBytes: 10_000 }));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}notes.txt`, Body: 'not a stored file' }));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `other/${stored[0]?.key ?? ''}`, Body: 'another prefix' }));
    const listed: string[] = [];
    for await (const f of paged.list()) listed.push(f.sha256);
    expect(listed.sort()).toEqual(stored.map((s) => s.sha256).sort());
  });

  it('removes stale spool files; a server without ListMultipartUploads is no error', async () => {
    const stale = path.join(spoolDir, 'dead.part');
    const young = path.join(spoolDir, 'alive.part');
    await writeFile(stale, 'half an upload');
    await writeFile(young, 'an upload in progress');
    const then = new Date(Date.now() - 2 * 86_400_000);
    await utimes(stale, then, then);
    expect(await store.removeStaleUploads(new Date(Date.now() - 86_400_000))).toBe(1);
    expect(await spoolFiles()).toEqual(['alive.part']);
  });
});

function keyFor(data: Buffer): string {
  const hash = sha(data);
  return `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
}

describe('collectUnreferencedFiles on the S3 store (unchanged)', () => {
  const graceMs = 86_400_000;

  it('removes old unreferenced files and crashed spool files, keeps the rest', async () => {
    const referenced = await store.put(pdf(3000, 'r'), { maxBytes: 10_000 });
    const orphan = await store.put(pdf(3000, 'o'), { maxBytes: 10_000 });
    const young = await store.put(pdf(3000, 'y'), { maxBytes: 10_000 });
    await age(referenced.key, 3 * graceMs);
    await age(orphan.key, 3 * graceMs);
    await age(young.key, graceMs / 2);
    const staleSpool = path.join(spoolDir, 'dead.part');
    await writeFile(staleSpool, 'half an upload');
    await utimes(staleSpool, new Date(Date.now() - 2 * graceMs), new Date(Date.now() - 2 * graceMs));

    const result = await collectUnreferencedFiles({ store, referenced: new Set([referenced.sha256]), graceMs });
    expect(result).toEqual({ deleted: [orphan.sha256], kept: 2, staleUploadsRemoved: 1 });
    expect(await objectsInBucket()).toEqual([prefix + referenced.key, prefix + young.key].sort());
  });

  it('keeps an orphan that was just stored again, though the listing still shows it old', async () => {
    const data = pdf(3000, 'z');
    const orphan = await store.put(data, { maxBytes: 10_000 });
    await age(orphan.key, 3 * graceMs);
    await store.put(data, { maxBytes: 10_000 });
    // s3rver keeps LastModified on a self-copy (S3 would renew it): the listing says "old" and
    // only the metadata that delete re-reads knows better.
    const listed = [];
    for await (const f of store.list()) listed.push(f);
    expect(Date.now() - (listed[0]?.modifiedAt.getTime() ?? 0)).toBeGreaterThan(graceMs);
    const result = await collectUnreferencedFiles({ store, referenced: new Set(), graceMs });
    expect(result.deleted).toEqual([]);
    expect(await store.exists(orphan.sha256)).toBe(true);
  });
});

describe('createConfiguredFileStore', () => {
  it('gives the local store by default and the S3 store for FILE_STORE=s3', async () => {
    const dataDir = spoolDir;
    expect(createConfiguredFileStore(parseConfig({ DATA_DIR: dataDir }))).toBeInstanceOf(LocalFileStore);
    const configured = createConfiguredFileStore(
      parseConfig({ DATA_DIR: dataDir, FILE_STORE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_PREFIX: `/${prefix}` }),
    );
    expect(configured).toBeInstanceOf(S3FileStore);
    const stored = await configured.put(pdf(), { maxBytes: 10_000 });
    expect(await objectsInBucket()).toEqual([prefix + stored.key]);
    expect(await store.verify(stored.sha256)).toBe('ok');
    expect(await readdir(path.join(dataDir, 'files', 'tmp'))).toEqual([]);
  });
});
