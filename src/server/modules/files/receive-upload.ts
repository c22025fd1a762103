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
function busboyLimits({ maxBytes, maxFiles }: UploadLimits) {
  return { fileSize: maxBytes + 1, files: maxFiles, fields: 20, fieldSize: 4096, fieldNameSize: 100, parts: maxFiles + 20, headerPairs: 50 };
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
  if (!request.isMultipart()) throw new AppError('MULTIPART_EXPECTED', { internal: `content-type ${request.headers['content-type'] ?? '(none)'}` });
  try {
    const received = await storeParts(request, options);
    if (received.length < (options.minFiles ?? 1)) throw new AppError('FILE_MISSING');
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

async function storeParts(request: FastifyRequest, options: UploadLimits & { store: FileStore }): Promise<ReceivedFile[]> {
  const { store, maxBytes, maxFiles } = options;
  // preservePath: see the name as sent, so a name with a path is refused rather than trimmed.
  const parts = request.parts({ preservePath: true, limits: busboyLimits({ maxBytes, maxFiles }) });
  const received: ReceivedFile[] = [];
  for (;;) {
    let next: IteratorResult<Multipart>;
    try {
      next = await parts.next();
    } catch (error) {
      throw fromParserError(error);
    }
    if (next.done === true) return received;
    const part = next.value;
    if (part.type !== 'file') continue;
    // A form submitted with an empty file input sends a nameless, empty part: no file.
    if (part.filename === '') {
      await discard(part.file);
      continue;
    }
    if (received.length >= maxFiles) throw new AppError('TOO_MANY_FILES', { internal: `more than ${maxFiles} files` });
    const originalName = checkUploadFileName(part.filename);
    let streamError: unknown;
    part.file.once('error', (error: unknown) => {
      streamError = error;
    });
    let stored;
    try {
      stored = await store.put(part.file, { maxBytes });
    } catch (error) {
      if (isAppError(error)) throw error;
      // The client went away or sent a broken body mid-file: a 400, not a server fault.
      if (streamError !== undefined || part.file.errored) throw fromParserError(streamError ?? error);
      throw error;
    }
    received.push({ sha256: stored.sha256, size: stored.size, mime: stored.mime, originalName: withExtensionFor(originalName, stored.mime), fieldName: part.fieldname });
  }
}
