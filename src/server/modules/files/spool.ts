import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../http/app-error.js';
import type { FileSource, StoredFile } from './file-store.js';
import { SNIFF_BYTES, sniffFileType, type AllowedMime } from './sniff.js';

/**
 * The part of a `put` every store shares (LocalFileStore, S3FileStore): stream the upload into
 * a local temp file (`<uuid>.part`) while counting, sniffing and hashing it. docs/files.md.
 */

export const FILE_MODE = 0o640;
export const DIR_MODE = 0o750;
/** Temp files of uploads in progress end with this; `removeStaleParts` removes old ones. */
export const PART_SUFFIX = '.part';

export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

export async function statOrUndefined(file: string): Promise<{ size: number; mtime: Date } | undefined> {
  try {
    return await stat(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

export async function* chunksOf(source: FileSource): AsyncIterable<Uint8Array> {
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

export interface SpooledFile extends Omit<StoredFile, 'key'> {
  /** Base64 MD5 of the content (for a `Content-MD5` header), when asked for. */
  md5?: string;
}

/**
 * Streams `source` into a new temp file: size limit and type checked as bytes arrive (a wrong
 * type is refused on its first KiB), hashed while written, fsynced before it resolves when
 * `sync` is set. Throws FILE_TOO_LARGE / FILE_TYPE_NOT_ALLOWED / FILE_EMPTY or the source's own
 * error; the caller removes the temp file if this throws.
 */
export async function spoolToFile(tmpPath: string, source: FileSource, maxBytes: number, options: { sync: boolean; md5?: boolean }): Promise<SpooledFile> {
  const handle = await open(tmpPath, 'wx', FILE_MODE);
  try {
    const hash = createHash('sha256');
    const md5 = options.md5 ? createHash('md5') : undefined;
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
      md5?.update(chunk);
      await writeAll(handle, chunk);
    }
    if (size === 0) throw new AppError('FILE_EMPTY');
    mime ??= sniffFileType(head);
    if (options.sync) await handle.sync();
    const spooled: SpooledFile = { sha256: hash.digest('hex'), size, mime };
    if (md5) spooled.md5 = md5.digest('base64');
    return spooled;
  } finally {
    await handle.close();
  }
}

/** Removes `*.part` files in `dir` last modified before `olderThan` (uploads a crash interrupted). */
export async function removeStaleParts(dir: string, olderThan: Date): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 0;
    throw error;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(PART_SUFFIX)) continue;
    const file = path.join(dir, entry.name);
    const info = await statOrUndefined(file);
    if (info && info.mtime < olderThan) {
      await rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}
