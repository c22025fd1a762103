import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import { contentDisposition } from './file-name.js';
import type { FileStore } from './file-store.js';
import { fileTypeOf } from './sniff.js';

/** What the database row knows about a stored file. */
export interface StoredFileRef {
  sha256: string;
  /** The sniffed type recorded at upload. */
  mime: string;
  /** Sanitised display name recorded at upload. */
  originalName: string;
}

/**
 * Headers that keep a downloaded upload inert: the browser must not guess another type
 * (nosniff), and if it is ever rendered as a document it gets no script, no same-origin
 * access and no plugins (CSP sandbox). `private`: only the person's own browser may cache it,
 * and `no-cache` makes it ask again (the ETag turns that into a cheap 304), so a revoked
 * permission takes effect at once on a shared office computer.
 */
const SAFE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': 'sandbox',
  'cache-control': 'private, no-cache',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/**
 * Sends a stored file. Always `attachment`, except images asked for `inline` (for `<img>`
 * previews): a PDF is not shown inline because Chrome's and Safari's PDF viewers refuse to run
 * in a CSP-sandboxed document, and the sandbox is not given up for citizen uploads.
 * The type comes from the stored (sniffed) mime; an unexpected one is sent as
 * application/octet-stream. The caller has already checked the person may see this file.
 */
export async function sendStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  store: FileStore,
  file: StoredFileRef,
  options: { disposition?: 'attachment' | 'inline' } = {},
): Promise<FastifyReply> {
  const info = await store.stat(file.sha256);
  if (!info) throw new AppError('FILE_NOT_FOUND', { internal: `no stored file ${file.sha256}` });
  const known = fileTypeOf(file.mime) !== undefined;
  const inline = options.disposition === 'inline' && known && file.mime.startsWith('image/');
  const etag = `"${file.sha256}"`;
  void reply
    .headers(SAFE_HEADERS)
    .header('etag', etag)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.originalName));
  if (ifNoneMatch(request.headers['if-none-match'], etag)) return reply.status(304).send();
  const stream = await store.get(file.sha256);
  return reply
    .type(known ? file.mime : 'application/octet-stream')
    .header('content-length', String(info.size))
    .send(stream);
}

/** RFC 9110 §13.1.2: `*` or a list of (possibly weak) entity tags. */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
