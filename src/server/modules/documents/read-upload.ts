import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../../shared/errors.js';
import { AppError, isAppError } from '../../http/app-error.js';

/** Largest image the copilot reads: 10 MiB (a phone photo is 2–6 MB). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const PARSER_ERRORS: Partial<Record<string, ErrorCode>> = {
  FST_FILES_LIMIT: 'TOO_MANY_FILES',
  FST_PARTS_LIMIT: 'TOO_MANY_FILES',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'MULTIPART_EXPECTED',
};

/**
 * The one image of a multipart request, in memory (never written to disk: the copilot keeps
 * nothing). More than `maxBytes` → FILE_TOO_LARGE (413); no file → FILE_MISSING; not multipart →
 * MULTIPART_EXPECTED. Text fields and further parts are refused by the parser limits.
 */
export async function readImageUpload(request: FastifyRequest, maxBytes = MAX_IMAGE_BYTES): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('MULTIPART_EXPECTED', { internal: `content-type ${request.headers['content-type'] ?? '(none)'}` });
  const parts = request.parts({ limits: { fileSize: maxBytes + 1, files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
  let image: Buffer | null = null;
  try {
    for (;;) {
      let next: IteratorResult<Multipart>;
      try {
        next = await parts.next();
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        throw new AppError((typeof code === 'string' ? PARSER_ERRORS[code] : undefined) ?? 'UPLOAD_INTERRUPTED', { internal: (error as Error).message, cause: error });
      }
      if (next.done === true) break;
      const part = next.value;
      if (part.type !== 'file') continue;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw new AppError('FILE_TOO_LARGE', { internal: `image over ${maxBytes} bytes` });
        chunks.push(chunk);
      }
      if (part.filename !== '' || size > 0) image = Buffer.concat(chunks);
    }
  } catch (error) {
    // Read and drop the rest so the connection is free for the next request.
    if (!request.raw.readableEnded) request.raw.resume();
    if (isAppError(error)) throw error;
    throw new AppError('UPLOAD_INTERRUPTED', { internal: (error as Error).message, cause: error });
  }
  if (image === null) throw new AppError('FILE_MISSING');
  if (image.length === 0) throw new AppError('FILE_EMPTY');
  return image;
}
