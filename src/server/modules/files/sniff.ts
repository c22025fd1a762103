import { AppError } from '../../http/app-error.js';

/**
 * Content sniffing for uploads: the type is decided from the first bytes of the file (magic
 * numbers), never from the client's Content-Type or file name.
 *
 * A small table instead of a library: we accept exactly three types, and the popular
 * `file-type` package (v22) needs Node ≥ 22 while motcua runs on Node 20; it would also not
 * do the HTML-in-a-PDF check below, which is the part that matters.
 */

export type AllowedMime = 'application/pdf' | 'image/jpeg' | 'image/png';

interface FileType {
  mime: AllowedMime;
  /** Extensions a person expects for this type; the first one is added when a name lacks it. */
  extensions: readonly string[];
  /** Bytes the file must start with (at offset 0). */
  magic: readonly number[];
}

/** The accepted types. Sources: ISO 32000-1 §7.5.2 (PDF header), JFIF/EXIF SOI marker, PNG spec §5.2. */
export const FILE_TYPES: readonly FileType[] = [
  // "%PDF-" followed by the version, e.g. "%PDF-1.7".
  { mime: 'application/pdf', extensions: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // SOI marker FF D8 followed by the first segment's FF.
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
  // \x89 P N G \r \n \x1a \n
  { mime: 'image/png', extensions: ['png'], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** How many leading bytes are inspected (magic number + the HTML/script scan). */
export const SNIFF_BYTES = 1024;

/**
 * Markup that makes a browser (or a careless viewer) treat bytes as a web page. None of it
 * belongs in the first KiB of a real PDF, JPEG or PNG; it is how HTML/PDF polyglots start.
 * (`<<` dictionaries in PDFs and `<x:xmpmeta`/`<rdf:` metadata do not match these.)
 */
const HTML_MARKERS = ['<!doctype', '<html', '<head', '<body', '<script', '<iframe', '<object', '<embed', '<svg', '<meta', 'javascript:'];

export function fileTypeOf(mime: string): FileType | undefined {
  return FILE_TYPES.find((t) => t.mime === mime);
}

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((byte, i) => head[i] === byte);
}

/** The HTML/script marker found in the first KiB, if any (case-insensitive, byte-wise). */
export function findHtmlMarker(head: Uint8Array): string | undefined {
  const text = Buffer.from(head.subarray(0, SNIFF_BYTES)).toString('latin1').toLowerCase();
  return HTML_MARKERS.find((marker) => text.includes(marker));
}

/**
 * The type of a file from its first bytes (pass at least `SNIFF_BYTES`, or the whole file if
 * shorter). Throws FILE_TYPE_NOT_ALLOWED for anything that is not a PDF, JPEG or PNG, and for
 * a file of one of these types that carries HTML or script in its first KiB.
 */
export function sniffFileType(head: Uint8Array): AllowedMime {
  const type = FILE_TYPES.find((t) => startsWith(head, t.magic));
  if (!type) {
    const first = Buffer.from(head.subarray(0, 8)).toString('hex');
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { internal: `unknown magic number ${first}` });
  }
  const marker = findHtmlMarker(head);
  if (marker !== undefined) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { internal: `${type.mime} with HTML/script marker ${marker} in the first KiB` });
  }
  return type.mime;
}
