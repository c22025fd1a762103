/**
 * Synthetic documents for the OCR tests and the evaluation (scripts/eval-ocr.ts): invented
 * people (deterministic from a seed), CCCD card fronts with a QR code holding their data, and a
 * simple application form, rendered offline with sharp (Pango) and the Tinos font from the npm
 * package (full Vietnamese glyphs), then degraded (blur, rotation, JPEG, low resolution, QR
 * covered). Nothing here looks like a real card closely enough to be mistaken for one: no
 * emblem, no photo, "MẪU THỬ" printed across it.
 */
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import sharp, { type OverlayOptions } from 'sharp';
import { checkCitizenId } from '../../../shared/citizen-id.js';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf');

export interface SyntheticPerson {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  birthDate: string;
  sex: 'Nam' | 'Nữ';
  nationality: 'Việt Nam';
  placeOfOrigin: string;
  placeOfResidence: string;
  dateOfIssue: string;
  ethnicity: string;
  fatherName: string;
  motherName: string;
}

/** Small deterministic generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thành', 'Công', 'Xuân'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mỹ', 'Kim', 'Hồng', 'Bích'];
const GIVEN_M = ['An', 'Bảo', 'Cường', 'Dũng', 'Đạt', 'Hiếu', 'Hùng', 'Khải', 'Long', 'Nghĩa', 'Phúc', 'Quang', 'Sơn', 'Thắng', 'Tuấn', 'Việt'];
const GIVEN_F = ['Anh', 'Châu', 'Diệp', 'Giang', 'Hằng', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Nhung', 'Oanh', 'Phượng', 'Thảo', 'Trâm', 'Yến'];
const STREETS = ['Tô Hiến Thành', 'Lý Thường Kiệt', 'Nguyễn Tri Phương', 'Ba Tháng Hai', 'Thành Thái', 'Sư Vạn Hạnh', 'Hòa Hưng', 'Cách Mạng Tháng Tám'];
const ORIGINS: Array<[string, string]> = [
  ['079', 'Phường Hòa Hưng, Thành phố Hồ Chí Minh'],
  ['001', 'Phường Ba Đình, Thành phố Hà Nội'],
  ['048', 'Phường Hải Châu, Thành phố Đà Nẵng'],
  ['092', 'Phường Ninh Kiều, Thành phố Cần Thơ'],
  ['038', 'Xã Hoằng Hóa, Tỉnh Thanh Hóa'],
  ['052', 'Phường Quy Nhơn, Tỉnh Gia Lai'],
  ['083', 'Xã Mỏ Cày, Tỉnh Vĩnh Long'],
  ['040', 'Phường Vinh Phú, Tỉnh Nghệ An'],
];
const ETHNICITIES = ['Kinh', 'Kinh', 'Kinh', 'Hoa', 'Khmer', 'Tày'];

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function nameOf(rnd: () => number, sex: 'Nam' | 'Nữ', surname = pick(rnd, SURNAMES)): string {
  return sex === 'Nam' ? `${surname} ${pick(rnd, MIDDLE_M)} ${pick(rnd, GIVEN_M)}` : `${surname} ${pick(rnd, MIDDLE_F)} ${pick(rnd, GIVEN_F)}`;
}

/** `count` invented people, the same for the same seed; ID numbers pass `checkCitizenId`. */
export function syntheticPeople(count: number, seed = 20261127): SyntheticPerson[] {
  const rnd = seededRandom(seed);
  const out: SyntheticPerson[] = [];
  for (let i = 0; i < count; i++) {
    const sex = rnd() < 0.5 ? 'Nam' : 'Nữ';
    const year = 1950 + Math.floor(rnd() * 56);
    const birthDate = `${year}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    const [province, origin] = pick(rnd, ORIGINS);
    const centuryDigit = (year >= 2000 ? 2 : 0) + (sex === 'Nữ' ? 1 : 0);
    const idNumber = `${province}${centuryDigit}${pad(year % 100)}${pad(Math.floor(rnd() * 1e6), 6)}`;
    if (checkCitizenId(idNumber, birthDate) !== null) throw new Error(`synthetic ID ${idNumber} is invalid`);
    const issueYear = 2021 + Math.floor(rnd() * 4);
    const surname = pick(rnd, SURNAMES);
    out.push({
      idNumber,
      oldIdNumber: rnd() < 0.6 ? pad(Math.floor(rnd() * 1e9), 9) : null,
      fullName: nameOf(rnd, sex, surname),
      birthDate,
      sex,
      nationality: 'Việt Nam',
      placeOfOrigin: origin,
      placeOfResidence: `${1 + Math.floor(rnd() * 300)}/${1 + Math.floor(rnd() * 40)} ${pick(rnd, STREETS)}, Phường Hòa Hưng, Thành phố Hồ Chí Minh`,
      dateOfIssue: `${issueYear}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`,
      ethnicity: pick(rnd, ETHNICITIES),
      fatherName: nameOf(rnd, 'Nam', surname),
      motherName: nameOf(rnd, 'Nữ'),
    });
  }
  return out;
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' (printed) or 'ddmmyyyy' (QR). */
const printed = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const compact = (date: string) => `${date.slice(8, 10)}${date.slice(5, 7)}${date.slice(0, 4)}`;

/** The QR payload of a card, in the order documented in id-card-qr.ts. */
export function idCardQrPayload(p: SyntheticPerson): string {
  return [p.idNumber, p.oldIdNumber ?? '', p.fullName, compact(p.birthDate), p.sex, p.placeOfResidence, compact(p.dateOfIssue)].join('|');
}

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  bold?: boolean;
  color?: string;
}

async function textImage(line: Line): Promise<OverlayOptions> {
  const input = await sharp({
    text: {
      text: `<span foreground="${line.color ?? '#1a1a1a'}">${escapeMarkup(line.text)}</span>`,
      font: `Tinos ${line.bold === true ? 'Bold ' : ''}${line.size}`,
      fontfile: line.bold === true ? FONT_BOLD : FONT_REGULAR,
      rgba: true,
      dpi: 72,
    },
  })
    .png()
    .toBuffer();
  return { input, left: line.x, top: line.y };
}

async function compose(width: number, height: number, background: string, lines: Line[], extra: OverlayOptions[] = []): Promise<Buffer> {
  const overlays = await Promise.all(lines.map(textImage));
  return sharp(Buffer.from(background)).composite([...extra, ...overlays]).flatten({ background: '#ffffff' }).png().toBuffer();
}

/** Position and size of the QR code on the rendered card (for covering it). */
export const CARD_QR = { left: 1010, top: 40, size: 230 } as const;
const CARD_W = 1280;
const CARD_H = 810;

/** A CCCD-like card front, 1280×810 (85.6×54 mm at ~380 dpi), with the QR code top right. */
export async function renderIdCard(p: SyntheticPerson): Promise<Buffer> {
  const qrSvg = await QRCode.toString(idCardQrPayload(p), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const qr = await sharp(Buffer.from(qrSvg)).resize(CARD_QR.size, CARD_QR.size, { kernel: 'nearest' }).png().toBuffer();
  const background = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_W}" height="${CARD_H}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e7f0f6"/><stop offset="1" stop-color="#f6efe4"/></linearGradient></defs>
    <rect width="${CARD_W}" height="${CARD_H}" rx="36" fill="url(#g)"/>
    ${Array.from({ length: 14 }, (_, i) => `<path d="M0 ${120 + i * 50} Q ${CARD_W / 2} ${60 + i * 50} ${CARD_W} ${140 + i * 50}" stroke="#d5e2ea" stroke-width="2" fill="none"/>`).join('')}
    <circle cx="140" cy="140" r="90" fill="#e9d7b5" stroke="#c9a86a" stroke-width="4"/>
    <rect x="60" y="300" width="250" height="330" fill="#d9dde2" stroke="#9aa3ab" stroke-width="2"/>
  </svg>`;
  const x = 350;
  const [address1, address2] = splitAddress(p.placeOfResidence);
  const lines: Line[] = [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: 300, y: 40, size: 34, bold: true },
    { text: 'Độc lập - Tự do - Hạnh phúc', x: 420, y: 85, size: 30, bold: true },
    { text: 'CĂN CƯỚC CÔNG DÂN', x: 400, y: 140, size: 48, bold: true, color: '#b3261e' },
    { text: 'MẪU THỬ - KHÔNG CÓ GIÁ TRỊ', x: 60, y: 660, size: 24, color: '#9a9a9a' },
    { text: 'Số / No.:', x, y: 215, size: 30 },
    { text: p.idNumber, x: x + 150, y: 208, size: 40, bold: true },
    { text: 'Họ và tên / Full name:', x, y: 275, size: 30 },
    { text: p.fullName.toLocaleUpperCase('vi'), x, y: 315, size: 38, bold: true },
    { text: `Ngày sinh / Date of birth: ${printed(p.birthDate)}`, x, y: 375, size: 30 },
    { text: `Giới tính / Sex: ${p.sex}`, x, y: 425, size: 30 },
    { text: `Quốc tịch / Nationality: ${p.nationality}`, x: x + 380, y: 425, size: 30 },
    { text: 'Quê quán / Place of origin:', x, y: 475, size: 30 },
    { text: p.placeOfOrigin, x, y: 515, size: 30 },
    { text: `Nơi thường trú / Place of residence: ${address1}`, x, y: 570, size: 30 },
    { text: address2, x, y: 615, size: 30 },
  ];
  return compose(CARD_W, CARD_H, background, lines, [{ input: qr, left: CARD_QR.left, top: CARD_QR.top }]);
}

/** "12/3 Street, Ward, City" → ["12/3 Street,", "Ward, City"] as printed on two lines. */
function splitAddress(address: string): [string, string] {
  const i = address.indexOf(', ');
  return i < 0 ? [address, ''] : [address.slice(0, i + 1), address.slice(i + 2)];
}

/** The fields a form carries, with the key the extractor should give each. */
export function formFields(p: SyntheticPerson): Array<{ key: string; label: string; value: string }> {
  return [
    { key: 'fullName', label: 'Họ, chữ đệm, tên', value: p.fullName },
    { key: 'birthDate', label: 'Ngày, tháng, năm sinh', value: printed(p.birthDate) },
    { key: 'sex', label: 'Giới tính', value: p.sex },
    { key: 'ethnicity', label: 'Dân tộc', value: p.ethnicity },
    { key: 'nationality', label: 'Quốc tịch', value: p.nationality },
    { key: 'birthPlace', label: 'Nơi sinh', value: `Bệnh viện Hùng Vương, ${p.placeOfOrigin}` },
    { key: 'idNumber', label: 'Số định danh cá nhân', value: p.idNumber },
    { key: 'residence', label: 'Nơi cư trú', value: p.placeOfResidence },
    { key: 'fatherName', label: 'Họ, chữ đệm, tên người cha', value: p.fatherName },
    { key: 'motherName', label: 'Họ, chữ đệm, tên người mẹ', value: p.motherName },
  ];
}

/** A one-page application form (A4 at ~100 dpi) with typed answers. */
export async function renderForm(p: SyntheticPerson): Promise<Buffer> {
  const width = 1240;
  const height = 1000;
  const background = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#ffffff"/></svg>`;
  const lines: Line[] = [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: 330, y: 40, size: 30, bold: true },
    { text: 'Độc lập - Tự do - Hạnh phúc', x: 450, y: 80, size: 28, bold: true },
    { text: 'TỜ KHAI (MẪU THỬ)', x: 480, y: 140, size: 36, bold: true },
    { text: 'Kính gửi: Ủy ban nhân dân phường Hòa Hưng', x: 80, y: 210, size: 28 },
    ...formFields(p).map((f, i) => ({ text: `${f.label}: ${f.value}`, x: 80, y: 270 + i * 62, size: 28 })),
  ];
  return compose(width, height, background, lines);
}

export type Degradation = 'clean' | 'blur' | 'rotate' | 'jpeg30' | 'downscale40' | 'qr-covered';
export const DEGRADATIONS: readonly Degradation[] = ['clean', 'blur', 'rotate', 'jpeg30', 'downscale40', 'qr-covered'];

/**
 * The image degraded one way: Gaussian blur (σ 1.6), rotation by 3–10° either way (from `seed`),
 * JPEG at quality 30, downscaled to 40 %, or the QR code covered by a sticker (forces OCR).
 */
export async function degrade(image: Buffer, kind: Degradation, seed = 1): Promise<Buffer> {
  const s = sharp(image);
  switch (kind) {
    case 'clean':
      return image;
    case 'blur':
      return s.blur(1.6).png().toBuffer();
    case 'rotate': {
      const rnd = seededRandom(seed);
      const angle = (3 + rnd() * 7) * (rnd() < 0.5 ? -1 : 1);
      return s.rotate(angle, { background: '#ffffff' }).png().toBuffer();
    }
    case 'jpeg30':
      return s.jpeg({ quality: 30 }).toBuffer();
    case 'downscale40': {
      const meta = await s.metadata();
      return sharp(image).resize({ width: Math.round(meta.width * 0.4) }).png().toBuffer();
    }
    case 'qr-covered': {
      const sticker = await sharp({ create: { width: CARD_QR.size + 20, height: CARD_QR.size + 20, channels: 3, background: '#cfd6dc' } }).png().toBuffer();
      return s.composite([{ input: sticker, left: CARD_QR.left - 10, top: CARD_QR.top - 10 }]).png().toBuffer();
    }
  }
}
