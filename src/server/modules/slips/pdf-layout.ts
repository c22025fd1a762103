/**
 * Drawing helpers shared by the slip layouts: the A4 document, the two-column heading of
 * Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I), the title, paragraphs
 * of mixed regular/bold runs, signature blocks, and the page numbers. Tables: table.ts.
 */
import PDFDocument from 'pdfkit';
import { FONT_STYLES, parsedFonts, type FontStyle } from './fonts.js';
import { drawQr } from './qr.js';
import type { Agency } from './slip-data.js';

export type Doc = PDFKit.PDFDocument;

const MM = 72 / 25.4;

/** Type sizes (pt): ND 30/2020 asks 13–14 pt for documents; forms print a little smaller to fit one page. */
export const SIZE = { body: 12.5, heading: 12.5, motto: 13, title: 14, table: 11, small: 10 } as const;
/** Extra leading between lines (pt) and space after a paragraph. */
const LINE_GAP = 1;
const PARAGRAPH_GAP = 2;

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export interface Run {
  text: string;
  style?: FontStyle;
}

export interface DocumentMeta {
  title: string;
  subject: string;
  author: string;
  createdAt: Date;
}

export interface SlipDocument {
  doc: Doc;
  /** Adds page numbers (when there is more than one page), ends the document, resolves its bytes. */
  finish(): Promise<Buffer>;
}

/** A new A4 document with the Tinos fonts registered under the FontStyle names. */
export function createSlipDocument(meta: DocumentMeta, layout: 'portrait' | 'landscape' = 'portrait'): SlipDocument {
  const margins =
    layout === 'portrait'
      ? { top: 15 * MM, bottom: 15 * MM, left: 25 * MM, right: 15 * MM }
      : { top: 12 * MM, bottom: 14 * MM, left: 12 * MM, right: 10 * MM };
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margins,
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Author: meta.author,
      Creator: 'motcua',
      Producer: 'motcua (PDFKit)',
      CreationDate: meta.createdAt,
    },
  });
  const fonts = parsedFonts();
  // PDFKit takes a parsed fontkit font as a source (its types list only files and buffers).
  for (const style of FONT_STYLES) doc.registerFont(style, fonts[style] as unknown as Buffer);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  setFont(doc, 'regular', SIZE.body);
  return {
    doc,
    finish: () => {
      numberPages(doc);
      doc.end();
      return done;
    },
  };
}

export function setFont(doc: Doc, style: FontStyle, size: number): Doc {
  return doc.font(style).fontSize(size);
}

/** The printable area of the current page. */
export function box(doc: Doc): { left: number; right: number; width: number; top: number; bottom: number } {
  const { margins, width, height } = doc.page;
  return { left: margins.left, right: width - margins.right, width: width - margins.left - margins.right, top: margins.top, bottom: height - margins.bottom };
}

/** Starts a new page unless `height` more points fit on this one; true if it did. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= box(doc).bottom) return false;
  doc.addPage();
  return true;
}

/** Height of `text` in `style`/`size` wrapped to `width`. */
export function textHeight(doc: Doc, text: string, style: FontStyle, size: number, width: number): number {
  setFont(doc, style, size);
  return doc.heightOfString(text, { width, lineGap: LINE_GAP });
}

/** Writes `text` centred in [x, x + width] from `y`; returns the y below it. */
function centred(doc: Doc, text: string, style: FontStyle, size: number, x: number, y: number, width: number): number {
  setFont(doc, style, size);
  let bottom = y;
  // Line by line: PDFKit centres the line before a "\n" slightly off.
  for (const line of text.split('\n')) {
    doc.text(line, x, bottom, { width, align: 'center', lineGap: LINE_GAP });
    bottom = doc.y;
  }
  return bottom;
}

/**
 * `text` as one line if it fits `width`, else broken at the space that balances the lines best
 * ("TRUNG TÂM PHỤC VỤ / HÀNH CHÍNH CÔNG", not "… HÀNH / CHÍNH CÔNG"); very long text is left to wrap.
 */
export function balancedLines(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const words = text.split(' ');
  let best: { text: string; widest: number } | undefined;
  for (let i = 1; i < words.length; i++) {
    const first = words.slice(0, i).join(' ');
    const second = words.slice(i).join(' ');
    const widest = Math.max(doc.widthOfString(first), doc.widthOfString(second));
    if (widest <= width && (best === undefined || widest < best.widest)) best = { text: `${first}\n${second}`, widest };
  }
  return best?.text ?? text;
}

/** A horizontal rule of `length`, centred in [x, x + width], at y. */
function rule(doc: Doc, x: number, width: number, y: number, length: number): void {
  const start = x + (width - length) / 2;
  doc.save().lineWidth(0.7).moveTo(start, y).lineTo(start + length, y).stroke().restore();
}

export interface HeadingOptions {
  agency: Agency;
  /** "Số: 125/GTN" line under the agency; `null` leaves it out (registers). */
  number: string | null;
  /** Line under the number, for letters: "V/v xin lỗi và …". */
  about?: string;
  dateLine: string;
}

/**
 * The two-column heading: the agency (superior body in capitals, the body in bold capitals, a
 * short rule) on the left; the national name, the motto underlined over its full length, and
 * the italic place-and-date line on the right. The number and the date line share a baseline.
 */
export function drawHeading(doc: Doc, options: HeadingOptions): void {
  const { left, width, top } = box(doc);
  setFont(doc, 'bold', SIZE.heading);
  const rightWidth = Math.max(width * 0.56, doc.widthOfString(NATIONAL_NAME) + 12);
  const leftWidth = width - rightWidth;
  const rightX = left + leftWidth;

  setFont(doc, 'regular', SIZE.heading);
  const superior = balancedLines(doc, options.agency.superior.toUpperCase(), leftWidth - 4);
  let leftY = centred(doc, superior, 'regular', SIZE.heading, left, top, leftWidth);
  setFont(doc, 'bold', SIZE.heading);
  const name = balancedLines(doc, options.agency.name.toUpperCase(), leftWidth - 4);
  leftY = centred(doc, name, 'bold', SIZE.heading, left, leftY, leftWidth);
  setFont(doc, 'bold', SIZE.heading);
  const nameWidth = Math.min(Math.max(...name.split('\n').map((line) => doc.widthOfString(line))), leftWidth);
  rule(doc, left, leftWidth, leftY + 1, nameWidth / 3);

  let rightY = centred(doc, NATIONAL_NAME, 'bold', SIZE.heading, rightX, top, rightWidth);
  rightY = centred(doc, NATIONAL_MOTTO, 'bold', SIZE.motto, rightX, rightY, rightWidth);
  setFont(doc, 'bold', SIZE.motto);
  rule(doc, rightX, rightWidth, rightY + 1, doc.widthOfString(NATIONAL_MOTTO));

  const lineY = Math.max(leftY, rightY) + 8;
  let belowLeft = lineY;
  if (options.number !== null) {
    belowLeft = centred(doc, `Số: ${options.number}`, 'regular', SIZE.body, left, lineY, leftWidth);
  }
  if (options.about !== undefined) {
    belowLeft = centred(doc, options.about, 'regular', SIZE.small + 1, left + 8, belowLeft + 2, leftWidth - 16);
  }
  const belowRight = centred(doc, options.dateLine, 'italic', SIZE.body, rightX, lineY, rightWidth);
  doc.x = left;
  doc.y = Math.max(belowLeft, belowRight) + 9;
}

export const QR_SIZE = 52;

/** Runs on one centred line (PDFKit's own centring of `continued` text misplaces the runs). */
export function centredRuns(doc: Doc, runs: Run[], size: number, x: number, y: number, width: number): number {
  const widths = runs.map((run) => setFont(doc, run.style ?? 'regular', size).widthOfString(run.text));
  let cx = x + Math.max(0, (width - widths.reduce((a, b) => a + b, 0)) / 2);
  let bottom = y;
  runs.forEach((run, i) => {
    setFont(doc, run.style ?? 'regular', size);
    doc.text(run.text, cx, y, { lineBreak: false });
    cx += widths[i] ?? 0;
    bottom = Math.max(bottom, y + doc.currentLineHeight(true));
  });
  return bottom + LINE_GAP;
}

/**
 * The document title in bold capitals and optional centred lines under it (the dossier code).
 * With `qr`, the QR code of the lookup URL sits at the right margin beside the title, the
 * dossier code printed under it; the title then wraps clear of it on both sides.
 */
export function drawTitle(doc: Doc, title: string, lines: Run[][] = [], qr?: { url: string; code: string }): void {
  const { left, width, right } = box(doc);
  const top = doc.y;
  const inset = qr === undefined ? 0 : QR_SIZE + 12;
  setFont(doc, 'bold', SIZE.title);
  const titleLines = balancedLines(doc, title.toUpperCase(), width - 2 * inset);
  let y = centred(doc, titleLines, 'bold', SIZE.title, left + inset, top, width - 2 * inset);
  for (const runs of lines) y = centredRuns(doc, runs, SIZE.body, left + inset, y + 2, width - 2 * inset);
  if (qr !== undefined) {
    const qrTop = top - 7; // up into the gap under the heading
    drawQr(doc, qr.url, right - QR_SIZE, qrTop, QR_SIZE);
    if (qr.code !== '') {
      setFont(doc, 'regular', 7.5);
      const codeWidth = doc.widthOfString(qr.code);
      doc.text(qr.code, Math.min(right - QR_SIZE / 2 - codeWidth / 2, right - codeWidth), qrTop + QR_SIZE + 2, { lineBreak: false });
    }
    y = Math.max(y, qrTop + QR_SIZE + 9);
  }
  doc.x = left;
  doc.y = y + 6;
}

export interface ParagraphOptions {
  align?: 'left' | 'center' | 'justify';
  size?: number;
  /** Left indent of every line (pt). */
  indent?: number;
  gapAfter?: number;
}

/** A paragraph of runs (label regular, value bold …) wrapped to the text width. */
export function paragraph(doc: Doc, runs: Run[], options: ParagraphOptions = {}): void {
  const { left, width } = box(doc);
  const x = left + (options.indent ?? 0);
  const textRuns = runs.filter((run) => run.text.length > 0);
  textRuns.forEach((run, i) => {
    setFont(doc, run.style ?? 'regular', options.size ?? SIZE.body);
    const textOptions = {
      width: width - (options.indent ?? 0),
      align: options.align ?? (textRuns.length > 1 ? 'left' : 'justify'),
      lineGap: LINE_GAP,
      continued: i < textRuns.length - 1,
    };
    if (i === 0) doc.text(run.text, x, doc.y, textOptions);
    else doc.text(run.text, textOptions);
  });
  doc.x = left;
  doc.y += options.gapAfter ?? PARAGRAPH_GAP;
}

/** "Label: value" with the value in bold. */
export function field(doc: Doc, label: string, value: string, options: ParagraphOptions = {}): void {
  paragraph(doc, [{ text: `${label}: ` }, { text: value, style: 'bold' }], options);
}

export interface SignatureBlock {
  title: string;
  hint?: string;
  name?: string;
}

/**
 * Signature blocks side by side in equal columns (one block sits in the right half): bold
 * title, italic hint "(Ký, ghi rõ họ tên)", room for the signature, the name in bold. Kept on
 * one page with what precedes it moved only if the blocks do not fit.
 */
const SIGNATURE_ROOM = 46;

/** Height of the signature blocks (title, hint, room to sign, name, spacing). */
export function signatureHeight(doc: Doc): number {
  const line = (style: FontStyle, size: number): number => setFont(doc, style, size).currentLineHeight(true) + LINE_GAP;
  return 6 + line('bold', SIZE.body) + line('italic', SIZE.body - 1) + SIGNATURE_ROOM + line('bold', SIZE.body);
}

export function drawSignatures(doc: Doc, blocks: SignatureBlock[], options: { left?: (y: number, width: number) => number } = {}): void {
  const space = SIGNATURE_ROOM;
  ensureSpace(doc, signatureHeight(doc));
  const { left, width } = box(doc);
  const y0 = doc.y + 6;
  const columns = blocks.length === 1 || options.left !== undefined ? 2 : blocks.length;
  const colWidth = width / columns;
  let bottom = options.left === undefined ? y0 : options.left(y0, colWidth);
  blocks.forEach((block, i) => {
    const x = left + colWidth * (columns - blocks.length + i);
    let y = centred(doc, block.title.toUpperCase(), 'bold', SIZE.body, x, y0, colWidth);
    if (block.hint !== undefined) y = centred(doc, block.hint, 'italic', SIZE.body - 1, x, y, colWidth);
    y += space;
    if (block.name !== undefined) y = centred(doc, block.name, 'bold', SIZE.body, x, y, colWidth);
    bottom = Math.max(bottom, y);
  });
  doc.x = left;
  doc.y = bottom + 6;
}

/** The letter ending: "Nơi nhận:" and its list on the left, the signer on the right. */
export function drawLetterEnding(doc: Doc, recipients: string[], signer: { title: string; name?: string }): void {
  drawSignatures(doc, [{ title: signer.title, hint: '(Ký, ghi rõ họ tên và đóng dấu)', ...(signer.name ? { name: signer.name } : {}) }], {
    left: (y, colWidth) => {
      const { left } = box(doc);
      setFont(doc, 'boldItalic', SIZE.table);
      doc.text('Nơi nhận:', left, y, { width: colWidth, lineGap: 0.5 });
      setFont(doc, 'regular', 11);
      for (const recipient of recipients) doc.text(`- ${recipient}`, { width: colWidth, lineGap: 0.5 });
      return doc.y;
    },
  });
}

/** "Trang 1/3" at the foot of every page, when there is more than one. */
function numberPages(doc: Doc): void {
  const range = doc.bufferedPageRange();
  if (range.count < 2) return;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { left, width } = box(doc);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not open a new page
    setFont(doc, 'italic', SIZE.small);
    doc.text(`Trang ${i - range.start + 1}/${range.count}`, left, doc.page.height - bottomMargin + 14, {
      width,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottomMargin;
  }
}
