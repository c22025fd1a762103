/**
 * The opening shared by the slips about one dossier: document, heading (agency, number, place
 * and date), title with the dossier code and the QR code of the public lookup page; and the
 * lines that identify the person.
 */
import { box, centredRuns, createSlipDocument, drawHeading, drawTitle, paragraph, SIZE, type Doc, type Run, type SlipDocument } from './pdf-layout.js';
import type { Agency, Person } from './slip-data.js';
import { BLANK, placeDateLine } from './vn-format.js';

export interface DossierSlipHead {
  agency: Agency;
  number?: string | undefined;
  issuedAt: Date;
  /** Absent on Mẫu 02/03 given before acceptance: no code line, the QR code unlabelled. */
  dossierCode?: string | undefined;
  lookupUrl: string;
}

export interface StartOptions {
  title: string;
  /** "Mẫu số 01" … — goes into the PDF's subject. */
  form: string;
  /** Print "Số: …" (default true). */
  numbered?: boolean;
  /** Line under the number, for letters ("V/v …"). */
  about?: string;
}

/** A new slip with its heading and title drawn; doc.y is where the body starts. */
export function startDossierSlip(data: DossierSlipHead, options: StartOptions): SlipDocument {
  const slip = createSlipDocument({
    title: data.dossierCode ? `${options.title} — ${data.dossierCode}` : options.title,
    subject: `${options.form}, Phụ lục I Thông tư 03/2025/TT-VPCP`,
    author: data.agency.fullName,
    createdAt: data.issuedAt,
  });
  drawHeading(slip.doc, {
    agency: data.agency,
    number: options.numbered === false ? null : (data.number ?? BLANK),
    ...(options.about !== undefined ? { about: options.about } : {}),
    dateLine: placeDateLine(data.agency.place, data.issuedAt),
  });
  const codeLine: Run[][] = data.dossierCode ? [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }]] : [];
  drawTitle(slip.doc, options.title, codeLine, { url: data.lookupUrl, code: data.dossierCode ?? '' });
  return slip;
}

/** ID, address, phone/e-mail lines of a person (only those known). */
export function contactLines(person: Person): Run[][] {
  const lines: Run[][] = [];
  if (person.idNumber !== undefined) lines.push([{ text: 'Số định danh cá nhân/CCCD/Hộ chiếu: ' }, { text: person.idNumber }]);
  if (person.address !== undefined) lines.push([{ text: 'Địa chỉ: ' }, { text: person.address }]);
  const reach: Run[] = [];
  if (person.phone !== undefined) reach.push({ text: 'Số điện thoại: ' }, { text: person.phone });
  if (person.email !== undefined) reach.push({ text: `${reach.length ? '.   ' : ''}Email: ` }, { text: person.email });
  if (reach.length) lines.push(reach);
  return lines;
}

export function drawContactLines(doc: Doc, person: Person): void {
  for (const line of contactLines(person)) paragraph(doc, line);
}

/** "Kính gửi: Bà Nguyễn Thị Hồng Nhung" and the address line under it, centred (letters). */
export function drawAddressee(doc: Doc, person: Person): void {
  const { left, width } = box(doc);
  doc.y = centredRuns(doc, [{ text: 'Kính gửi: ' }, { text: `${person.honorific ?? 'Ông/Bà'} ${person.name}`, style: 'bold' }], SIZE.body, left, doc.y, width);
  const reach = [person.address, person.phone ? `điện thoại: ${person.phone}` : undefined].filter((x) => x !== undefined);
  if (reach.length) paragraph(doc, [{ text: `(Địa chỉ: ${reach.join('; ')})`, style: 'italic' }], { align: 'center', size: 11.5 });
  doc.y += 6;
}
