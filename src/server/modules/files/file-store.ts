import type { Readable } from 'node:stream';
import { AppError } from '../../http/app-error.js';
import type { AllowedMime } from './sniff.js';

/**
 * Content-addressed storage for dossier scans and results. A file is named by the SHA-256 of
 * its bytes; the same bytes are stored once. The rule that keeps the database and the files
 * consistent (see docs/files.md):
 *
 *   1. `put` the file (temp file → fsync → atomic rename), and only then
 *   2. commit the row that references its `sha256`;
 *   3. `collectGarbage` removes, after a grace period, files that no row references.
 *
 * So a crash leaves at worst an unreferenced file (collected later), never a row that points
 * at a missing or partial file.
 */

/** Default per-file limit: 10 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface StoredFile {
  /** Lower-case hex SHA-256 of the content: the file's identity. */
  sha256: string;
  size: number;
  /** Sniffed from the content, never taken from the client. */
  mime: AllowedMime;
  /** Where the store keeps it, relative to its root: `ab/cd/<sha256>`. */
  key: string;
}

export interface PutOptions {
  /** Refuse (FILE_TOO_LARGE) as soon as more bytes than this arrive. */
  maxBytes: number;
}

export interface StoredObject {
  sha256: string;
  size: number;
  modifiedAt: Date;
}

export type VerifyResult = 'ok' | 'missing' | 'corrupt';

export type FileSource = Buffer | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface FileStore {
  /**
   * Streams `source` into the store: type sniffed from the first KiB, size limited, hashed while
   * written. Throws FILE_EMPTY / FILE_TOO_LARGE / FILE_TYPE_NOT_ALLOWED (and leaves nothing
   * behind) or resolves once the file is durably in place. Storing bytes that are already
   * there is a no-op (it refreshes the file's timestamp so a running GC keeps it).
   */
  put(source: FileSource, options: PutOptions): Promise<StoredFile>;
  /** A stream of the stored bytes; FILE_NOT_FOUND if there is no such file. */
  get(sha256: string): Promise<Readable>;
  /** Size and timestamp, or undefined when absent (also for a malformed hash). */
  stat(sha256: string): Promise<StoredObject | undefined>;
  exists(sha256: string): Promise<boolean>;
  /** Re-reads and re-hashes the file: 'corrupt' when the bytes no longer match their name. */
  verify(sha256: string): Promise<VerifyResult>;
  /**
   * Removes a file; only the garbage collector calls this. With `unmodifiedSince`, a file
   * touched (stored again) after that instant is kept. Resolves true if a file was removed.
   */
  delete(sha256: string, options?: { unmodifiedSince?: Date }): Promise<boolean>;
  /** Every stored file (order unspecified). */
  list(): AsyncIterable<StoredObject>;
  /** Removes leftovers of puts that were killed mid-way (process crash), older than the given instant. */
  removeStaleUploads(olderThan: Date): Promise<number>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** `ab/cd/<sha256>` — two fan-out levels keep directories small (≤ 256 entries each level). */
export function keyOf(sha256: string): string {
  if (!isSha256(sha256)) throw new AppError('FILE_NOT_FOUND', { internal: `malformed sha256 ${JSON.stringify(sha256)}` });
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
