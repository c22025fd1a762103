import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import multipart, { type Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../../shared/errors.js';
import { AppError, isAppError } from '../../http/app-error.js';
import { checkUploadFileName, withExtensionFor } from './file-name.js';
import { DEFAULT_MAX_FILE_BYTES, type FileStore } from './file-store.js';
import type { AllowedMime } from './sniff.js';

/** Default number of files in one upload request. */
export const DEFAULT_MAX_FILES = 10;

export interface UploadLimits {
  /** Per file, in bytes. */
  maxBytes: number;
  /** Per request. */
  maxFiles: number;
}

export interface ReceivedFile {
  sha256: string;
  size: number;
  mime: AllowedMime;
  /** Sanitised display name, extension matching `mime`; never used for storage. */
  originalName: string;
  /** The form field the file came in (lets a route tell "scan" from "result"). */
  fieldName: string;
}

/**
 * Parser limits. The per-file limit is one byte above `maxBytes` so the store sees the excess
 * and refuses the file itself (busboy would otherwise silently truncate it at the limit).
 */
function busboyLimits({ maxBytes, maxFiles }: UploadLimits, maxFieldBytes = 4096) {
  return { fileSize: maxBytes + 1, files: maxFiles, fields: 20, fieldSize: maxFieldBytes, fieldNameSize: 100, parts: maxFiles + 20, headerPairs: 50 };
}

/**
 * Registers `@fastify/multipart` in the calling plugin's scope (register it inside the module
 * that takes uploads, not app-wide). `limits` are the ceiling; `receiveUpload` can lower them
 * per route.
 */
export async function registerMultipart(
  app: FastifyInstance,
  limits: UploadLimits = { maxBytes: DEFAULT_MAX_FILE_BYTES, maxFiles: DEFAULT_MAX_FILES },
): Promise<void> {
  await app.register(multipart, { throwFileSizeLimit: false, preservePath: true, limits: busboyLimits(limits) });
}

/** Errors raised by the multipart parser itself, by their @fastify/multipart code. */
const PARSER_ERRORS: Partial<Record<string, ErrorCode>> = {
  FST_FILES_LIMIT: 'TOO_MANY_FILES',
  FST_PARTS_LIMIT: 'TOO_MANY_FILES',
  FST_FIELDS_LIMIT: 'VALIDATION_FAILED',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_PROTO_VIOLATION: 'VALIDATION_FAILED',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'MULTIPART_EXPECTED',
  FST_INVALID_JSON_FIELD_ERROR: 'VALIDATION_FAILED',
  FST_MP_PREMATURE_CLOSE: 'UPLOAD_INTERRUPTED',
};

/** A parser error as a registry error; anything unrecognised from the parser means a malformed body. */
function fromParserError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const mapped = typeof code === 'string' ? PARSER_ERRORS[code] : undefined;
  return new AppError(mapped ?? 'UPLOAD_INTERRUPTED', { internal: (error as Error).message, cause: error });
}

async function discard(stream: Readable): Promise<void> {
  stream.resume();
  await finished(stream).catch(() => undefined);
}

/**
 * Streams the files of a multipart request into the store, one at a time, and returns what
 * was stored. Each file is refused with a registry error (FILE_NAME_INVALID, FILE_EMPTY,
 * FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED, TOO_MANY_FILES, FILE_MISSING, MULTIPART_EXPECTED,
 * UPLOAD_INTERRUPTED) and then nothing of it is stored. Files of the same request accepted
 * before a refusal stay in the store unreferenced until the garbage collector removes them,
 * so the caller must reference the result only after the whole call succeeded.
 * Text fields are ignored.
 */
export async function receiveUpload(
  request: FastifyRequest,
  options: UploadLimits & { store: FileStore; minFiles?: number },
): Promise<ReceivedFile[]> {
  return (await receiveMultipart(request, options)).files;
}

export interface MultipartOptions extends UploadLimits {
  store: FileStore;
  minFiles?: number;
  /** All files of the request together, in bytes (UPLOAD_TOO_LARGE beyond). */
  maxTotalBytes?: number;
  /** Largest text field, in bytes (default 4 KiB). */
  maxFieldBytes?: number;
  /**
   * Called for each text field as it arrives, before the files after it are read. Throwing
   * refuses the request there, so a form whose data part (sent first) is invalid stores nothing.
   */
  onField?: (name: string, value: string) => void | Promise<void>;
  /** Called before each file is read (e.g. to require the data part first); throwing refuses the request. */
  beforeFile?: (fieldName: string) => void | Promise<void>;
}

/**
 * `receiveUpload` that also returns the text fields (in order, last value of a name wins) and
 * applies a limit on the request's total size. Same refusals and guarantees.
 */
export async function receiveMultipart(request: FastifyRequest, options: MultipartOptions): Promise<{ files: ReceivedFile[]; fields: Map<string, string> }> {
  if (!request.isMultipart()) throw new AppError('MULTIPART_EXPECTED', { internal: `content-type ${request.headers['content-type'] ?? '(none)'}` });
  try {
    const received = await storeParts(request, options);
    if (received.files.length < (options.minFiles ?? 1)) throw new AppError('FILE_MISSING');
    return received;
  } catch (error) {
    discardRestOfBody(request);
    throw error;
  }
}

/**
 * After a refusal the rest of the body is read and thrown away, so the connection is free for
 * the next request (and can close on shutdown) instead of stalling on unread bytes.
 */
function discardRestOfBody(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  raw.unpipe();
  raw.resume();
}

async function storeParts(request: FastifyRequest, options: MultipartOptions): Promise<{ files: ReceivedFile[]; fields: Map<string, string> }> {
  const { store, maxBytes, maxFiles } = options;
  // preservePath: see the name as sent, so a name with a path is refused rather than trimmed.
  const parts = request.parts({ preservePath: true, limits: busboyLimits({ maxBytes, maxFiles }, options.maxFieldBytes) });
  const received: ReceivedFile[] = [];
  const fields = new Map<string, string>();
  let total = 0;
  for (;;) {
    let next: IteratorResult<Multipart>;
    try {
      next = await parts.next();
    } catch (error) {
      throw fromParserError(error);
    }
    if (next.done === true) return { files: received, fields };
    const part = next.value;
    if (part.type !== 'file') {
      if (part.fieldnameTruncated || part.valueTruncated) throw new AppError('VALIDATION_FAILED', { internal: `field ${part.fieldname} truncated` });
      // @fastify/multipart parses a part sent as application/json; keep every field as its text.
      const value = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
      fields.set(part.fieldname, value);
      await options.onField?.(part.fieldname, value);
      continue;
    }
    // A form submitted with an empty file input sends a nameless, empty part: no file.
    if (part.filename === '') {
      await discard(part.file);
      continue;
    }
    if (received.length >= maxFiles) throw new AppError('TOO_MANY_FILES', { internal: `more than ${maxFiles} files` });
    await options.beforeFile?.(part.fieldname);
    const originalName = checkUploadFileName(part.filename);
    let streamError: unknown;
    part.file.once('error', (error: unknown) => {
      streamError = error;
    });
    // The whole request has a budget too: a file may use what the earlier ones left.
    const left = options.maxTotalBytes === undefined ? maxBytes : Math.min(maxBytes, options.maxTotalBytes - total);
    let stored;
    try {
      stored = await store.put(part.file, { maxBytes: left });
    } catch (error) {
      if (isAppError(error) && error.code === 'FILE_TOO_LARGE' && left < maxBytes) throw new AppError('UPLOAD_TOO_LARGE', { internal: `over ${String(options.maxTotalBytes)} bytes in total` });
      if (isAppError(error)) throw error;
      // The client went away or sent a broken body mid-file: a 400, not a server fault.
      if (streamError !== undefined || part.file.errored) throw fromParserError(streamError ?? error);
      throw error;
    }
    total += stored.size;
    received.push({ sha256: stored.sha256, size: stored.size, mime: stored.mime, originalName: withExtensionFor(originalName, stored.mime), fieldName: part.fieldname });
  }
}
