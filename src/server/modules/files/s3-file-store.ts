import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
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
import type { AllowedMime } from './sniff.js';
import { DIR_MODE, PART_SUFFIX, removeStaleParts, spoolToFile, type SpooledFile } from './spool.js';

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Garage …), under the same content
 * addresses as LocalFileStore: `<prefix>ab/cd/<sha256>`. docs/files.md, "S3-compatible storage".
 *
 * - `put` spools the upload to a local temp file while it counts, sniffs and hashes it (the key
 *   is the hash, known only at the end), then sends it with one PutObject carrying
 *   Content-Length, x-amz-checksum-sha256 and Content-MD5, so a server that checks either
 *   refuses bytes changed on the way. A single PUT is atomic: readers see the whole object or
 *   none, which replaces the local temp-file + rename. The spool file is always removed.
 * - Bytes already stored (same key, same size) are not sent again; the object's age is
 *   refreshed by copying it onto itself with new metadata (`motcua-touched`, an ISO instant).
 *   S3 gives the copy a new LastModified; servers that do not (s3rver) still carry the new
 *   metadata, and the store's age of an object is the later of the two.
 */

/** Metadata key (x-amz-meta-motcua-touched) holding when the object was last stored or stored again. */
export const TOUCHED_METADATA = 'motcua-touched';

export interface S3Connection {
  /** `http(s)://host:port` of an S3-compatible server; undefined = AWS S3 in `region`. */
  endpoint: string | undefined;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (MinIO, most self-hosted servers). */
  forcePathStyle: boolean;
}

/**
 * The S3 client for a store. Checksums only when an operation requires them: many S3-compatible
 * servers do not understand the SDK's default trailing (aws-chunked) checksums; `put` sends its
 * own full-object SHA-256 and MD5 instead, and `verify` re-hashes what it reads.
 */
export function createS3Client(connection: S3Connection): S3Client {
  return new S3Client({
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    region: connection.region,
    forcePathStyle: connection.forcePathStyle,
    credentials: { accessKeyId: connection.accessKeyId, secretAccessKey: connection.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A stalled server must not hold an upload (or the GC) forever.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  });
}

export interface S3FileStoreOptions {
  client: S3Client;
  bucket: string;
  /** Key prefix, e.g. `motcua/files/` (a missing trailing `/` is added); '' for the bucket's root. */
  prefix?: string;
  /** Local directory for uploads being received (spool files `<uuid>.part`). */
  spoolDir: string;
  /** Keys per ListObjectsV2 / ListMultipartUploads page (default 1000, S3's maximum). */
  listPageSize?: number;
  /** PutObject attempts on a network error, 5xx, 429 or a checksum mismatch (default 3). */
  putAttempts?: number;
}

interface ObjectInfo {
  size: number;
  modifiedAt: Date;
}

/** HTTP status of an SDK error, when the server answered. */
function statusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}

function isNotFound(error: unknown): boolean {
  const name = nameOf(error);
  return statusOf(error) === 404 || name === 'NoSuchKey' || name === 'NotFound';
}

/** Worth sending the same bytes again: no answer, a server error, throttling, bytes damaged in transit. */
function isRetryablePut(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined || status >= 500 || status === 429) return true;
  return ['BadDigest', 'XAmzContentChecksumMismatch', 'InvalidDigest', 'RequestTimeout'].includes(nameOf(error));
}

function laterOf(a: Date, b: Date | undefined): Date {
  return b && b.getTime() > a.getTime() ? b : a;
}

function parseInstant(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class S3FileStore implements FileStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly spoolDir: string;
  private readonly client: S3Client;
  private readonly listPageSize: number;
  private readonly putAttempts: number;

  constructor(options: S3FileStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    const prefix = (options.prefix ?? '').replace(/^\/+/, '');
    this.prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    this.spoolDir = path.resolve(options.spoolDir);
    this.listPageSize = options.listPageSize ?? 1000;
    this.putAttempts = options.putAttempts ?? 3;
  }

  private objectKey(sha256: string): string {
    return this.prefix + keyOf(sha256);
  }

  /** An SDK failure as the error a person sees (503, try again later); the S3 error stays in `cause` for the log. */
  private unavailable(error: unknown, what: string): AppError {
    if (error instanceof AppError) return error;
    const status = statusOf(error);
    return new AppError('FILE_STORE_UNAVAILABLE', {
      internal: `S3 ${what} in bucket ${this.bucket} failed: ${nameOf(error)}${status === undefined ? '' : ` (HTTP ${status})`}`,
      cause: error,
    });
  }

  async put(source: FileSource, options: PutOptions): Promise<StoredFile> {
    const { maxBytes } = options;
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);
    await mkdir(this.spoolDir, { recursive: true, mode: DIR_MODE });
    const spoolPath = path.join(this.spoolDir, `${randomUUID()}${PART_SUFFIX}`);
    try {
      // No fsync: the spool file is only read back by this call; durability comes from the
      // PutObject answer (S3 acknowledges a PUT once the object is stored).
      const spooled = await spoolToFile(spoolPath, source, maxBytes, { sync: false, md5: true });
      const key = keyOf(spooled.sha256);
      const stored: StoredFile = { sha256: spooled.sha256, size: spooled.size, mime: spooled.mime, key };
      const existing = await this.head(this.prefix + key);
      // Same bytes already stored: refresh the age (a GC running now must keep what the caller
      // is about to reference) instead of sending them again. If the object vanished in the
      // meantime (the GC removed it), or its size differs (damaged), the PUT below stores it.
      if (existing && existing.size === spooled.size && (await this.touch(this.prefix + key, spooled.mime))) return stored;
      await this.upload(this.prefix + key, spoolPath, spooled);
      return stored;
    } finally {
      await rm(spoolPath, { force: true });
    }
  }

  /**
   * PutObject from the spool file. The SDK never retries a request whose body is a stream (it
   * cannot be re-read), so this loop does, with a fresh read stream for each attempt.
   */
  private async upload(objectKey: string, spoolPath: string, spooled: SpooledFile): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const command = new PutObjectCommand({
        Bucket: this.bucket,
        Key: objectKey,
        Body: createReadStream(spoolPath),
        ContentLength: spooled.size,
        ContentType: spooled.mime,
        ChecksumSHA256: Buffer.from(spooled.sha256, 'hex').toString('base64'),
        ...(spooled.md5 ? { ContentMD5: spooled.md5 } : {}),
        Metadata: { [TOUCHED_METADATA]: new Date().toISOString() },
      });
      try {
        await this.client.send(command);
        return;
      } catch (error) {
        if (attempt >= this.putAttempts || !isRetryablePut(error)) throw this.unavailable(error, `PutObject ${objectKey}`);
        await delay(200 * attempt);
      }
    }
  }

  /** Refreshes an object's age without sending its bytes again; false if it no longer exists. */
  private async touch(objectKey: string, mime: AllowedMime): Promise<boolean> {
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          CopySource: `${this.bucket}/${objectKey.split('/').map(encodeURIComponent).join('/')}`,
          // REPLACE is what makes a copy onto itself legal; it needs the content type again.
          MetadataDirective: 'REPLACE',
          ContentType: mime,
          Metadata: { [TOUCHED_METADATA]: new Date().toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw this.unavailable(error, `CopyObject ${objectKey} onto itself`);
    }
  }

  private async head(objectKey: string): Promise<ObjectInfo | undefined> {
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      const lastModified = answer.LastModified ?? new Date(0);
      return { size: answer.ContentLength ?? 0, modifiedAt: laterOf(lastModified, parseInstant(answer.Metadata?.[TOUCHED_METADATA])) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.unavailable(error, `HeadObject ${objectKey}`);
    }
  }

  async get(sha256: string): Promise<Readable> {
    const objectKey = this.objectKey(sha256); // FILE_NOT_FOUND for a malformed hash
    let body: unknown;
    try {
      body = (await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }))).Body;
    } catch (error) {
      if (isNotFound(error)) throw new AppError('FILE_NOT_FOUND', { internal: `no object ${objectKey}` });
      throw this.unavailable(error, `GetObject ${objectKey}`);
    }
    if (!(body instanceof Readable)) throw this.unavailable(new TypeError('GetObject returned no Node.js stream'), `GetObject ${objectKey}`);
    return body;
  }

  async stat(sha256: string): Promise<StoredObject | undefined> {
    if (!isSha256(sha256)) return undefined;
    const info = await this.head(this.objectKey(sha256));
    return info ? { sha256, ...info } : undefined;
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
    try {
      for await (const chunk of stream) hash.update(chunk as Buffer);
    } catch (error) {
      throw this.unavailable(error, `reading ${this.objectKey(sha256)}`);
    }
    return hash.digest('hex') === sha256 ? 'ok' : 'corrupt';
  }

  /**
   * HeadObject (the age re-check), then DeleteObject. S3 has no "delete if not modified since",
   * so a `put` of the same bytes that lands between the two is lost: see docs/files.md for why
   * that window is acceptable and how the advisory lock closes it.
   */
  async delete(sha256: string, options: { unmodifiedSince?: Date } = {}): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    const objectKey = this.objectKey(sha256);
    const info = await this.head(objectKey);
    if (!info) return false;
    if (options.unmodifiedSince && info.modifiedAt > options.unmodifiedSince) return false;
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw this.unavailable(error, `DeleteObject ${objectKey}`);
    }
  }

  /**
   * Every object under the prefix named like a content address. The age is the listing's
   * LastModified (listings carry no metadata); `delete` re-reads the `motcua-touched` metadata,
   * so a file touched on a server that keeps LastModified on a self-copy is still kept.
   */
  async *list(): AsyncIterable<StoredObject> {
    const shape = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
    let continuationToken: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            ...(this.prefix ? { Prefix: this.prefix } : {}),
            MaxKeys: this.listPageSize,
            ...(continuationToken ? { ContinuationToken: continuationToken } : {}),
          }),
        );
      } catch (error) {
        throw this.unavailable(error, 'ListObjectsV2');
      }
      for (const object of page.Contents ?? []) {
        const match = shape.exec((object.Key ?? '').slice(this.prefix.length));
        if (!match || !object.Key?.startsWith(this.prefix)) continue;
        const [, first, second, sha256] = match;
        if (sha256 === undefined || sha256.slice(0, 2) !== first || sha256.slice(2, 4) !== second) continue;
        yield { sha256, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  /**
   * Spool files of uploads a crash interrupted, and multipart uploads under the prefix begun
   * before `olderThan` (motcua itself never starts one; another tool or a future version might).
   * A server without ListMultipartUploads (501, e.g. s3rver) only has its spool cleaned.
   */
  async removeStaleUploads(olderThan: Date): Promise<number> {
    let removed = await removeStaleParts(this.spoolDir, olderThan);
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            ...(this.prefix ? { Prefix: this.prefix } : {}),
            MaxUploads: this.listPageSize,
            ...(keyMarker ? { KeyMarker: keyMarker } : {}),
            ...(uploadIdMarker ? { UploadIdMarker: uploadIdMarker } : {}),
          }),
        );
      } catch (error) {
        const status = statusOf(error);
        if (status === 501 || status === 405 || nameOf(error) === 'NotImplemented') return removed;
        throw this.unavailable(error, 'ListMultipartUploads');
      }
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= olderThan) continue;
        try {
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }));
          removed += 1;
        } catch (error) {
          if (!isNotFound(error)) throw this.unavailable(error, `AbortMultipartUpload ${upload.Key}`);
        }
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return removed;
  }
}
