/**
 * Bordered tables for the slips: cells wrap their text (a long document name grows its row
 * instead of running over the next column), a row never splits across pages, and the header —
 * optionally two levels, a group over several columns — is repeated on every new page.
 */
import type { FontStyle } from './fonts.js';
import { box, SIZE, textHeight, type Doc } from './pdf-layout.js';

export type Align = 'left' | 'center' | 'right';

/** One line (paragraph) inside a cell; it wraps to the cell width. */
export interface CellLine {
  text: string;
  style?: FontStyle;
  align?: Align;
}

/** Plain text (may contain "\n") or styled lines. */
export type Cell = string | CellLine[];

export interface Column {
  header: string;
  /** Relative width; the table fills the text width. */
  weight: number;
  align?: Align;
}

/** A header cell over `span` columns starting at `from`; those columns' headers go below it. */
export interface ColumnGroup {
  header: string;
  from: number;
  span: number;
}

export interface TableSpec {
  columns: Column[];
  groups?: ColumnGroup[];
  rows: Cell[][];
  fontSize?: number;
  /** A row "(1) (2) (3) …" under the header, as registers number their columns. */
  numberColumns?: boolean;
}

const PAD_X = 4;
const PAD_Y = 2.5;
const LINE_GAP = 1;
const BORDER = 0.6;

/** The cell's lines; "\n" splits a line (PDFKit would add an empty line at each "\n"). */
function lines(cell: Cell | undefined): CellLine[] {
  if (cell === undefined) return [];
  const list = typeof cell === 'string' ? [{ text: cell }] : cell;
  return list.flatMap((line) => (line.text.includes('\n') ? line.text.split('\n').map((text) => ({ ...line, text })) : [line]));
}

function cellContentHeight(doc: Doc, cell: Cell | undefined, width: number, size: number): number {
  return lines(cell).reduce((sum, line) => sum + textHeight(doc, line.text || ' ', line.style ?? 'regular', size, width), 0);
}

function drawCell(doc: Doc, cell: Cell | undefined, x: number, y: number, w: number, h: number, size: number, align: Align): void {
  doc.save().lineWidth(BORDER).rect(x, y, w, h).stroke().restore();
  const inner = w - 2 * PAD_X;
  const content = cellContentHeight(doc, cell, inner, size);
  let cy = y + (h - content) / 2; // vertically centred
  for (const line of lines(cell)) {
    const style = line.style ?? 'regular';
    const lineHeight = textHeight(doc, line.text || ' ', style, size, inner);
    if (line.text.length > 0) doc.text(line.text, x + PAD_X, cy, { width: inner, align: line.align ?? align, lineGap: LINE_GAP });
    cy += lineHeight;
  }
}

interface Layout {
  xs: number[];
  widths: number[];
}

function layoutColumns(doc: Doc, columns: Column[]): Layout {
  const { left, width } = box(doc);
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => (c.weight / total) * width);
  const xs: number[] = [];
  let x = left;
  for (const w of widths) {
    xs.push(x);
    x += w;
  }
  return { xs, widths };
}

const at = <T>(list: readonly T[], i: number): T => {
  const value = list[i];
  if (value === undefined) throw new RangeError(`table: no column ${i}`);
  return value;
};

/** Draws the header at doc.y; returns its height. */
function drawHeader(doc: Doc, spec: TableSpec, layout: Layout, size: number): number {
  const y = doc.y;
  const bold = (text: string): Cell => [{ text, style: 'bold' }];
  const groups = spec.groups ?? [];
  const groupOf = (i: number): ColumnGroup | undefined => groups.find((g) => i >= g.from && i < g.from + g.span);
  const span = (g: ColumnGroup): number => layout.widths.slice(g.from, g.from + g.span).reduce((a, b) => a + b, 0);

  const groupHeight = Math.max(0, ...groups.map((g) => cellContentHeight(doc, bold(g.header), span(g) - 2 * PAD_X, size))) + (groups.length ? 2 * PAD_Y : 0);
  const leafHeights = spec.columns.map((c, i) => cellContentHeight(doc, bold(c.header), at(layout.widths, i) - 2 * PAD_X, size) + 2 * PAD_Y);
  const groupedLeaf = Math.max(0, ...leafHeights.filter((_, i) => groupOf(i) !== undefined));
  const ungroupedLeaf = Math.max(0, ...leafHeights.filter((_, i) => groupOf(i) === undefined));
  const lower = Math.max(groupedLeaf, ungroupedLeaf - groupHeight);
  const height = groupHeight + lower;

  for (const g of groups) drawCell(doc, bold(g.header), at(layout.xs, g.from), y, span(g), groupHeight, size, 'center');
  spec.columns.forEach((c, i) => {
    const grouped = groupOf(i) !== undefined;
    const top = grouped ? y + groupHeight : y;
    drawCell(doc, bold(c.header), at(layout.xs, i), top, at(layout.widths, i), grouped ? lower : height, size, 'center');
  });
  let total = height;
  if (spec.numberColumns === true) {
    const numberHeight = textHeight(doc, '(1)', 'italic', size - 1, 20) + 2 * PAD_Y;
    spec.columns.forEach((_, i) => {
      drawCell(doc, [{ text: `(${i + 1})`, style: 'italic' }], at(layout.xs, i), y + height, at(layout.widths, i), numberHeight, size - 1, 'center');
    });
    total += numberHeight;
  }
  doc.y = y + total;
  return total;
}

/** Draws the table from doc.y, adding pages as needed; leaves doc.y under it. */
export function drawTable(doc: Doc, spec: TableSpec): void {
  const size = spec.fontSize ?? SIZE.table;
  const layout = layoutColumns(doc, spec.columns);
  const rowHeight = (row: Cell[]): number =>
    Math.max(...spec.columns.map((_, i) => cellContentHeight(doc, row[i], at(layout.widths, i) - 2 * PAD_X, size))) + 2 * PAD_Y;

  // Header plus the first row must fit, or the table starts on the next page.
  const first = spec.rows[0];
  const probeY = doc.y;
  if (probeY + 60 + (first ? rowHeight(first) : 0) > box(doc).bottom) doc.addPage();
  drawHeader(doc, spec, layout, size);

  for (const row of spec.rows) {
    const h = rowHeight(row);
    if (doc.y + h > box(doc).bottom - 1) {
      doc.addPage();
      drawHeader(doc, spec, layout, size);
    }
    const y = doc.y;
    spec.columns.forEach((c, i) => drawCell(doc, row[i], at(layout.xs, i), y, at(layout.widths, i), h, size, c.align ?? 'left'));
    doc.y = y + h;
  }
  doc.x = box(doc).left;
  doc.y += 6;
}

/** Columns and rows of a dossier-component table: TT | name | Bản chính | Bản sao chứng thực | Bản photo. */
export function documentsTable(
  items: ReadonlyArray<{ name: string; originals: number; certifiedCopies: number; photocopies: number; note?: string }>,
  nameHeader = 'Tên giấy tờ, thành phần hồ sơ',
): TableSpec {
  return {
    columns: [
      { header: 'TT', weight: 0.5, align: 'center' },
      { header: nameHeader, weight: 5.6 },
      { header: 'Bản chính', weight: 1.1, align: 'center' },
      { header: 'Bản sao chứng thực', weight: 1.55, align: 'center' },
      { header: 'Bản photo', weight: 1.1, align: 'center' },
    ],
    groups: [{ header: 'Số lượng', from: 2, span: 3 }],
    rows: items.map((item, i) => [
      String(i + 1),
      item.note === undefined ? item.name : [{ text: item.name }, { text: item.note, style: 'italic' }],
      String(item.originals),
      String(item.certifiedCopies),
      String(item.photocopies),
    ]),
  };
}
