/**
 * Mẫu số 07 — Sổ theo dõi hồ sơ (dossier register) for a period: a landscape A4 PDF whose table
 * header repeats on every page, and the same rows as CSV (UTF-8 with BOM, so Excel shows the
 * Vietnamese) and XLSX. Columns: docs/slips.md.
 */
import type { Font } from 'exceljs';
import { createSlipDocument, drawHeading, drawTitle } from './pdf-layout.js';
import type { RegisterData, RegisterEntry } from './slip-data.js';
import { drawTable, type Cell } from './table.js';
import { dateTimeCell, formatDateTimeVN, formatDateVN, placeDateLine } from './vn-format.js';

export const REGISTER_TITLE = 'Sổ theo dõi hồ sơ';

const DATE_COLUMNS = [
  { header: 'Nhận hồ sơ', csv: 'Ngày nhận hồ sơ', value: (e: RegisterEntry) => e.receivedAt },
  { header: 'Hẹn trả kết quả', csv: 'Ngày hẹn trả kết quả', value: (e: RegisterEntry) => e.appointmentAt },
  { header: 'Chuyển hồ sơ đến cơ quan giải quyết', csv: 'Ngày chuyển hồ sơ đến cơ quan giải quyết', value: (e: RegisterEntry) => e.transferredAt },
  { header: 'Nhận kết quả từ cơ quan giải quyết', csv: 'Ngày nhận kết quả từ cơ quan giải quyết', value: (e: RegisterEntry) => e.resultReceivedAt },
  { header: 'Trả kết quả cho cá nhân, tổ chức', csv: 'Ngày trả kết quả cho cá nhân, tổ chức', value: (e: RegisterEntry) => e.returnedAt },
] as const;

function periodLine(data: RegisterData): string {
  return `Từ ngày ${formatDateVN(data.from)} đến ngày ${formatDateVN(data.to)}${data.book ? ` — Quyển số: ${data.book}` : ''}`;
}

function pdfRow(entry: RegisterEntry, index: number): Cell[] {
  const reach = [entry.address, entry.phone ? `ĐT: ${entry.phone}` : undefined].filter((x) => x !== undefined).join('\n');
  return [
    String(index + 1),
    entry.dossierCode,
    entry.procedureName,
    String(entry.setCount),
    entry.applicantName,
    reach,
    entry.leadBody ?? '',
    ...DATE_COLUMNS.map((c) => dateTimeCell(c.value(entry))),
    '',
    entry.note ?? '',
  ];
}

/** The register as a landscape A4 PDF, paginated, with the table header on every page. */
export async function renderRegisterPdf(data: RegisterData): Promise<Buffer> {
  const { doc, finish } = createSlipDocument(
    {
      title: `${REGISTER_TITLE} — ${periodLine(data)}`,
      subject: 'Mẫu số 07, Phụ lục I Thông tư 03/2025/TT-VPCP',
      author: data.agency.fullName,
      createdAt: data.issuedAt,
    },
    'landscape',
  );
  drawHeading(doc, { agency: data.agency, number: null, dateLine: placeDateLine(data.agency.place, data.issuedAt) });
  drawTitle(doc, REGISTER_TITLE, [[{ text: periodLine(data), style: 'italic' }]]);
  drawTable(doc, {
    fontSize: 8.5,
    numberColumns: true,
    // Widths in points on the 779 pt wide landscape page (they are scaled to fit exactly).
    columns: [
      { header: 'STT', weight: 27, align: 'center' },
      { header: 'Mã hồ sơ', weight: 70, align: 'center' },
      { header: 'Tên thủ tục hành chính', weight: 96 },
      { header: 'Số lượng hồ sơ (bộ)', weight: 34, align: 'center' },
      { header: 'Tên cá nhân, tổ chức', weight: 70 },
      { header: 'Địa chỉ, số điện thoại', weight: 92 },
      { header: 'Cơ quan chủ trì giải quyết', weight: 64 },
      ...DATE_COLUMNS.map((c) => ({ header: c.header, weight: 52, align: 'center' as const })),
      { header: 'Ký nhận', weight: 36 },
      { header: 'Ghi chú', weight: 62 },
    ],
    groups: [{ header: 'Ngày, tháng, năm', from: 7, span: DATE_COLUMNS.length }],
    rows: data.entries.map(pdfRow),
  });
  return finish();
}

/** Header and rows of the spreadsheet forms (address and phone apart; no signature column). */
export const SHEET_HEADERS = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ',
  'Số điện thoại',
  'Cơ quan chủ trì giải quyết',
  ...DATE_COLUMNS.map((c) => c.csv),
  'Ghi chú',
] as const;

type SheetValue = string | number | Date | undefined;

function sheetRow(entry: RegisterEntry, index: number): SheetValue[] {
  return [
    index + 1,
    entry.dossierCode,
    entry.procedureName,
    entry.setCount,
    entry.applicantName,
    entry.address,
    entry.phone,
    entry.leadBody,
    ...DATE_COLUMNS.map((c) => c.value(entry)),
    entry.note,
  ];
}

/**
 * A CSV field: dates as "dd/mm/yyyy HH:mm" (Vietnam time), quoted when needed (RFC 4180), and
 * text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) prefixed with "'".
 */
function csvField(value: SheetValue): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = value instanceof Date ? formatDateTimeVN(value) : value;
  if (/^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The register as CSV: UTF-8 with a byte-order mark, CRLF line ends, one header line. */
export function renderRegisterCsv(data: RegisterData): Buffer {
  const lines = [SHEET_HEADERS.map(csvField), ...data.entries.map((e, i) => sheetRow(e, i).map(csvField))].map((fields) => fields.join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Excel stores wall-clock times without a zone: shift the instant to Vietnam's wall clock. */
const VN_OFFSET_MS = 7 * 3600_000;
const toExcelDate = (instant: Date): Date => new Date(instant.getTime() + VN_OFFSET_MS);

/**
 * The register as an XLSX workbook (ExcelJS, loaded on first use): title rows, a bold bordered
 * header frozen on screen and repeated on printed pages, real date cells, landscape A4 fit to
 * the page width.
 */
export async function renderRegisterXlsx(data: RegisterData): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = data.agency.fullName;
  workbook.created = data.issuedAt;
  const sheet = workbook.addWorksheet(REGISTER_TITLE, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 5 }],
  });
  const last = SHEET_HEADERS.length;
  const titleRow = (text: string, font: Partial<Font>): void => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, last);
    row.font = { name: 'Times New Roman', ...font };
    row.alignment = { horizontal: 'center' };
  };
  titleRow(`${data.agency.superior.toUpperCase()} — ${data.agency.name.toUpperCase()}`, { size: 12, bold: true });
  titleRow(REGISTER_TITLE.toUpperCase(), { size: 14, bold: true });
  titleRow(periodLine(data), { size: 12, italic: true });
  sheet.addRow([]);
  const header = sheet.addRow([...SHEET_HEADERS]);
  header.font = { name: 'Times New Roman', size: 11, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.height = 45;
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;

  for (const [i, entry] of data.entries.entries()) {
    const row = sheet.addRow(sheetRow(entry, i).map((v) => (v instanceof Date ? toExcelDate(v) : (v ?? null))));
    row.font = { name: 'Times New Roman', size: 11 };
    row.alignment = { vertical: 'top', wrapText: true };
  }
  const widths = [6, 26, 40, 10, 24, 36, 14, 24, 17, 17, 17, 17, 17, 24];
  widths.forEach((width, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = width;
    if (i >= 8 && i < 8 + DATE_COLUMNS.length) column.numFmt = 'dd/mm/yyyy hh:mm';
  });
  const thin = { style: 'thin' as const };
  for (let r = header.number; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= last; c++) sheet.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
