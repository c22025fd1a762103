import { toNFC } from '../../../shared/text.js';
import { AppError } from '../../http/app-error.js';
import { fileTypeOf, type AllowedMime } from './sniff.js';

/**
 * The name a person gave a file is kept for display and for the download's file name only.
 * Storage never uses it: files live under their SHA-256.
 */

/** Longest display name kept, in characters (code points), extension included. */
export const MAX_FILE_NAME_CHARS = 120;
/** A longer raw name than this is refused outright rather than trimmed. */
const MAX_RAW_NAME_CHARS = 1000;

/** C0/C1 controls (NUL, newline, ESC, …). */
const CONTROL = /\p{Cc}/u;
const CONTROL_ALL = /\p{Cc}/gu;
/** Invisible format characters: bidi overrides (U+202E makes "gpj.exe" look like "exe.jpg"), zero-width joiners… */
const FORMAT_ALL = /\p{Cf}/gu;
/** Characters Windows refuses in file names; a download named with them fails to save. */
const RESERVED_ALL = /[<>:"|?*]/g;
const PATH_SEPARATOR = /[/\\]/;

/**
 * A display-safe version of a client-supplied file name: NFC (so NFD Vietnamese from macOS
 * compares and displays as typed), the last path segment only (`../../etc/passwd` → `passwd`,
 * `C:\x\y.pdf` → `y.pdf`), no control, bidi or Windows-reserved characters, no leading dots,
 * whitespace collapsed, at most MAX_FILE_NAME_CHARS characters with the extension kept.
 * Vietnamese letters are kept. Returns '' when nothing usable is left.
 */
export function sanitizeFileName(raw: string): string {
  const lastSegment = toNFC(raw).split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(CONTROL_ALL, '')
    .replace(FORMAT_ALL, '')
    .replace(RESERVED_ALL, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  return capLength(cleaned, MAX_FILE_NAME_CHARS);
}

/** Cuts a name to `max` code points, keeping a short extension (".pdf") at the end. */
function capLength(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const ext = /\.[\p{L}\p{N}]{1,10}$/u.exec(name)?.[0] ?? '';
  const stem = chars.slice(0, max - [...ext].length).join('').trimEnd();
  return stem + ext;
}

/**
 * The display name for an uploaded file, or FILE_NAME_INVALID for a hostile one: a name with a
 * path (`/`, `\`, `..`), control characters, or nothing left after cleaning. Browsers send the
 * bare file name, so any of these means a crafted request.
 */
export function checkUploadFileName(raw: string): string {
  if (raw.length > MAX_RAW_NAME_CHARS) throw new AppError('FILE_NAME_INVALID', { internal: `file name of ${raw.length} chars` });
  if (PATH_SEPARATOR.test(raw)) throw new AppError('FILE_NAME_INVALID', { internal: `path in file name ${JSON.stringify(raw)}` });
  if (CONTROL.test(raw)) throw new AppError('FILE_NAME_INVALID', { internal: `control character in file name ${JSON.stringify(raw)}` });
  const name = sanitizeFileName(raw);
  if (name === '' || name === '..') throw new AppError('FILE_NAME_INVALID', { internal: `unusable file name ${JSON.stringify(raw)}` });
  return name;
}

/**
 * The name with an extension that matches the sniffed type, so the person's computer opens
 * the download with the right program and never runs it: `scan.exe` holding a PDF becomes
 * `scan.exe.pdf`; `Giấy khai sinh.JPG` stays as it is.
 */
export function withExtensionFor(name: string, mime: AllowedMime): string {
  const type = fileTypeOf(mime);
  if (!type) return name;
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext !== undefined && type.extensions.includes(ext)) return name;
  const suffix = `.${type.extensions[0] ?? 'bin'}`;
  return capLength(name, MAX_FILE_NAME_CHARS - suffix.length) + suffix;
}

/** ASCII stand-in for clients that ignore `filename*`: diacritics dropped, anything else odd → `_`. */
function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._ -]/g, '_');
  return ascii === '' ? 'file' : ascii;
}

/** RFC 8187 value-chars: percent-encode everything outside attr-char. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A Content-Disposition header (RFC 6266) with the UTF-8 name in `filename*` and an ASCII
 * fallback in `filename`. The name is sanitised again here, so a header can never be split
 * or quoted open by a stored name.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const safe = sanitizeFileName(name) || 'file';
  return `${kind}; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeRfc8187(safe)}`;
}
