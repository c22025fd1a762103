import { createHash, randomUUID } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, utimes, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../http/app-error.js';
import {
  isSha256,
  keyOf,
  type FileSource,
  type FileStore,
  type PutOptions,
  type StoredFile,
  type StoredObject,
  type VerifyResult,
} from './file-store.js';
import { SNIFF_BYTES, sniffFileType, type AllowedMime } from './sniff.js';

const TMP_DIR = 'tmp';
const FILE_MODE = 0o640;
const DIR_MODE = 0o750;

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

async function* chunksOf(source: FileSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const chunk of source as AsyncIterable<unknown>) {
    if (chunk instanceof Uint8Array) yield chunk;
    else if (typeof chunk === 'string') yield Buffer.from(chunk);
    else throw new TypeError('file source yielded a non-binary chunk');
  }
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** fsync a directory so a rename or a new entry in it survives a power cut. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function statOrUndefined(file: string): Promise<{ size: number; mtime: Date } | undefined> {
  try {
    return await stat(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/**
 * Streams `source` into a new temp file: size limit and type checked as bytes arrive (a wrong
 * type is refused on its first KiB), hashed while written, fsynced before it resolves. The
 * caller removes the temp file if this throws.
 */
async function writeTempFile(tmpPath: string, source: FileSource, maxBytes: number): Promise<Omit<StoredFile, 'key'>> {
  const handle = await open(tmpPath, 'wx', FILE_MODE);
  try {
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    let mime: AllowedMime | undefined;
    for await (const chunk of chunksOf(source)) {
      size += chunk.length;
      if (size > maxBytes) throw new AppError('FILE_TOO_LARGE', { internal: `more than ${maxBytes} bytes` });
      if (mime === undefined) {
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        if (head.length >= SNIFF_BYTES) mime = sniffFileType(head);
      }
      hash.update(chunk);
      await writeAll(handle, chunk);
    }
    if (size === 0) throw new AppError('FILE_EMPTY');
    mime ??= sniffFileType(head);
    await handle.sync();
    return { sha256: hash.digest('hex'), size, mime };
  } finally {
    await handle.close();
  }
}

/** Sets a file's times to now; false if it no longer exists. */
async function touch(file: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(file, now, now);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

/**
 * Files on local disk under `<dataDir>/files`: `ab/cd/<sha256>`, with uploads in progress in
 * `tmp/` of the same tree (same file system, so the final rename is atomic).
 */
export class LocalFileStore implements FileStore {
  readonly root: string;

  /** `root` is the store's own directory, e.g. `path.join(config.dataDir, 'files')`. */
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(sha256: string): string {
    return path.join(this.root, keyOf(sha256));
  }

  async put(source: FileSource, options: PutOptions): Promise<StoredFile> {
    const { maxBytes } = options;
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);
    const tmpDir = path.join(this.root, TMP_DIR);
    await mkdir(tmpDir, { recursive: true, mode: DIR_MODE });
    const tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
    try {
      const written = await writeTempFile(tmpPath, source, maxBytes);
      return await this.moveIntoPlace(tmpPath, written);
    } catch (error) {
      await rm(tmpPath, { force: true });
      throw error;
    }
  }

  /** Renames a complete, fsynced temp file to its content address (or drops it if already there). */
  private async moveIntoPlace(tmpPath: string, written: Omit<StoredFile, 'key'>): Promise<StoredFile> {
    const key = keyOf(written.sha256);
    const finalPath = path.join(this.root, key);
    const existing = await statOrUndefined(finalPath);
    // Same bytes already stored: refresh the timestamp, so a garbage collection running now
    // does not remove what the caller is about to reference, and drop the copy. (If the GC
    // removed the file in the meantime, the copy is renamed into place below.)
    if (existing && existing.size === written.size && (await touch(finalPath))) {
      await rm(tmpPath, { force: true });
      return { ...written, key };
    }
    // (A different size under the same hash means the old file was damaged: replace it.)
    const finalDir = path.dirname(finalPath);
    const created = await mkdir(finalDir, { recursive: true, mode: DIR_MODE });
    await rename(tmpPath, finalPath);
    await syncDir(finalDir);
    if (created !== undefined) {
      await syncDir(path.dirname(finalDir));
      await syncDir(this.root);
    }
    return { ...written, key };
  }

  async get(sha256: string): Promise<Readable> {
    if (!isSha256(sha256)) throw new AppError('FILE_NOT_FOUND', { internal: `malformed sha256 ${JSON.stringify(sha256)}` });
    let handle: FileHandle;
    try {
      handle = await open(this.pathOf(sha256), 'r');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw new AppError('FILE_NOT_FOUND', { internal: `no file ${sha256}` });
      throw error;
    }
    return handle.createReadStream();
  }

  async stat(sha256: string): Promise<StoredObject | undefined> {
    if (!isSha256(sha256)) return undefined;
    const info = await statOrUndefined(this.pathOf(sha256));
    return info ? { sha256, size: info.size, modifiedAt: info.mtime } : undefined;
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== undefined;
  }

  async verify(sha256: string): Promise<VerifyResult> {
    let stream: Readable;
    try {
      stream = await this.get(sha256);
    } catch (error) {
      if (error instanceof AppError && error.code === 'FILE_NOT_FOUND') return 'missing';
      throw error;
    }
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest('hex') === sha256 ? 'ok' : 'corrupt';
  }

  async delete(sha256: string, options: { unmodifiedSince?: Date } = {}): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    const file = this.pathOf(sha256);
    if (options.unmodifiedSince) {
      const info = await statOrUndefined(file);
      if (!info || info.mtime > options.unmodifiedSince) return false;
    }
    try {
      await unlink(file);
      return true;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
  }

  async *list(): AsyncIterable<StoredObject> {
    for (const first of await this.subdirs(this.root)) {
      for (const second of await this.subdirs(path.join(this.root, first))) {
        const dir = path.join(this.root, first, second);
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          const name = entry.name;
          if (!entry.isFile() || !isSha256(name) || name.slice(0, 2) !== first || name.slice(2, 4) !== second) continue;
          const info = await statOrUndefined(path.join(dir, name));
          if (info) yield { sha256: name, size: info.size, modifiedAt: info.mtime };
        }
      }
    }
  }

  async removeStaleUploads(olderThan: Date): Promise<number> {
    const tmpDir = path.join(this.root, TMP_DIR);
    let entries: Dirent[];
    try {
      entries = await readdir(tmpDir, { withFileTypes: true });
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return 0;
      throw error;
    }
    let removed = 0;
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith('.part')) continue;
      const file = path.join(tmpDir, entry.name);
      const info = await statOrUndefined(file);
      if (info && info.mtime < olderThan) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  /** The two-hex-digit fan-out directories of `dir` (so `tmp/` and anything foreign are skipped). */
  private async subdirs(dir: string): Promise<string[]> {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name)).map((e) => e.name);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
  }
}
