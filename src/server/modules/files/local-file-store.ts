import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, unlink, utimes, type FileHandle } from 'node:fs/promises';
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
import { DIR_MODE, PART_SUFFIX, isErrno, removeStaleParts, spoolToFile, statOrUndefined } from './spool.js';

const TMP_DIR = 'tmp';

/** fsync a directory so a rename or a new entry in it survives a power cut. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
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
    const tmpPath = path.join(tmpDir, `${randomUUID()}${PART_SUFFIX}`);
    try {
      const written = await spoolToFile(tmpPath, source, maxBytes, { sync: true });
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
    return removeStaleParts(path.join(this.root, TMP_DIR), olderThan);
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
