/**
 * Reads a PDF back with poppler-utils (`pdftotext`, `pdfinfo`; Debian package poppler-utils):
 * the text a reader would copy, per page. Used by the tests and the sample script to prove the
 * text is real and every glyph is mapped. Not used when serving slips.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function withFile<T>(pdf: Buffer, use: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-pdf-'));
  try {
    const file = path.join(dir, 'slip.pdf');
    writeFileSync(file, pdf);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True if poppler's pdftotext can be run here. */
export function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The text of each page (pdftotext -layout keeps table columns apart), NFC. */
export function pdfPages(pdf: Buffer): string[] {
  return withFile(pdf, (file) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      .normalize('NFC')
      .split('\f')
      .slice(0, -1),
  );
}

/** All the text, lines joined by spaces and runs of spaces collapsed (for phrase searches). */
export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))
    .normalize('NFC')
    .replace(/\s+/gu, ' ');
}

/** `pdfinfo`'s fields (Pages, Page size, Title …). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (file) => execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' }));
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts`: every font of the document, whether it is embedded and has a Unicode map. */
export function pdfFonts(pdf: Buffer): PdfFont[] {
  const out = withFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const cols = line.trim().split(/\s+/u);
      // name … type … encoding emb sub uni object-id generation
      const [emb = '', sub = '', uni = ''] = cols.slice(-5, -2);
      return { name: cols[0] ?? '', type: cols.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
}

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

const unescape = (s: string): string =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

/** Every word with its box in points (`pdftotext -bbox`), pages numbered from 1. */
export function pdfWords(pdf: Buffer): PdfWord[] {
  const html = withFile(pdf, (file) => execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  const words: PdfWord[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/u.exec(line);
    if (m === null) continue;
    words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: unescape(m[5] ?? '').normalize('NFC') });
  }
  return words;
}

/** A page rasterised in grey levels (0 black … 255 white) at `dpi`, cropped to a box in points. */
export function pdfGray(pdf: Buffer, page: number, crop: { x: number; y: number; width: number; height: number }, dpi = 72): { width: number; height: number; at(x: number, y: number): number } {
  const scale = dpi / 72;
  const args = ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile'];
  args.push('-x', String(Math.round(crop.x * scale)), '-y', String(Math.round(crop.y * scale)), '-W', String(Math.round(crop.width * scale)), '-H', String(Math.round(crop.height * scale)));
  const pgm = withFile(pdf, (file) => execFileSync('pdftoppm', [...args, file], { maxBuffer: 64 * 1024 * 1024 }));
  // Binary PGM: "P5\n<width> <height>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/u.exec(pgm.subarray(0, 64).toString('latin1'));
  if (header === null) throw new Error('pdftoppm did not return a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = pgm.subarray(header[0].length);
  return { width, height, at: (x, y) => pixels[y * width + x] ?? 255 };
}
