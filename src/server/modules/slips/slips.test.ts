import { describe, expect, it } from 'vitest';
import { parsedFonts } from './fonts.js';
import { box, createSlipDocument, QR_SIZE } from './pdf-layout.js';
import { pdfFonts, pdfGray, pdfInfo, pdfText, pdfWords } from './pdf-text.js';
import { renderSlip, SlipDataError, slipFileName, type SlipData } from './render-slip.js';
import {
  LONG_DOCUMENT_NAME,
  SAMPLE_APOLOGY,
  SAMPLE_APPLICANT,
  SAMPLE_CODE,
  SAMPLE_PROCESS_CONTROL,
  SAMPLE_RECEIPT,
  SAMPLE_REFUSAL,
  SAMPLE_STOP_NOTICE,
  SAMPLE_SUPPLEMENT,
  vnTime,
} from './sample-slips.js';
import { documentsTable } from './table.js';
import { dateTimePhrase, placeDateLine } from './vn-format.js';

const NAME = 'Nguyễn Thị Hồng Nhung';
const HEADING = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'UBND PHƯỜNG HÒA HƯNG', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG'];

/** Each slip with the strings its extracted text must contain. */
const CASES: Array<{ slip: SlipData; expected: string[] }> = [
  {
    slip: SAMPLE_RECEIPT,
    expected: [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Hòa Hưng, ngày 27 tháng 11 năm 2026',
      'Số: 125/GTN-TTPVHCC',
      'Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 27 tháng 11 năm 2026',
      'Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 02 tháng 12 năm 2026',
      'Bản chính Bản sao chứng thực Bản photo',
      'Số lượng hồ sơ: 01 (bộ)',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      '(Ký, ghi rõ họ tên)',
      'Trần Minh Khoa',
    ],
  },
  {
    slip: SAMPLE_SUPPLEMENT,
    expected: ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Lý do: Giấy chứng sinh nộp kèm là bản chụp', 'Bổ sung chữ ký của người ủy quyền.', 'NGƯỜI HƯỚNG DẪN'],
  },
  {
    slip: SAMPLE_REFUSAL,
    expected: ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'không tiếp nhận, giải quyết hồ sơ này', '1. Trẻ đã được đăng ký khai sinh', '2. Yêu cầu thuộc thẩm quyền', 'NGƯỜI TIẾP NHẬN HỒ SƠ'],
  },
  {
    slip: SAMPLE_APOLOGY,
    expected: [
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      `Kính gửi: Bà ${NAME}`,
      'thời gian hẹn trả kết quả: 16 giờ 00 phút, ngày 02 tháng 12 năm 2026',
      'Thời gian hẹn trả kết quả mới: 16 giờ 00 phút, ngày 04 tháng 12 năm 2026',
      'Nơi nhận:',
      'GIÁM ĐỐC',
      'Lê Thị Thanh Hương',
    ],
  },
  {
    slip: SAMPLE_STOP_NOTICE,
    expected: ['THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', 'Điều 7 Thông tư số 03/2025/TT-VPCP', 'dừng giải quyết hồ sơ kể từ 10 giờ 15 phút, ngày 30 tháng 11 năm 2026', 'Giấy tờ trả lại'],
  },
  {
    slip: SAMPLE_PROCESS_CONTROL,
    expected: [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      `Kèm theo hồ sơ của: ${NAME}`,
      'TÊN CƠ QUAN',
      'THỜI GIAN GIAO, NHẬN HỒ SƠ',
      'Người giao: Trần Minh Khoa',
      'Người nhận: Phạm Thu Trang',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
    ],
  },
];

describe('official slips (Mẫu 01–06)', () => {
  for (const { slip, expected } of CASES) {
    it(`${slip.kind}: a valid A4 PDF whose real text has the title, name, code and times`, async () => {
      const pdf = await renderSlip(slip);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
      const info = pdfInfo(pdf); // parses, or throws
      expect(info['Page size']).toMatch(/^595\.2\d x 841\.8\d pts \(A4\)/u);
      expect(Number(info.Pages)).toBe(1);
      expect(info.Title).toContain(SAMPLE_CODE);

      const text = pdfText(pdf);
      for (const phrase of [...HEADING, NAME, SAMPLE_CODE, `Mã hồ sơ: ${SAMPLE_CODE}`, ...expected]) expect(text).toContain(phrase);
      expect(text.normalize('NFC')).toBe(text);

      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatchObject({ embedded: true, unicode: true });
      expect(fonts.map((f) => f.name.split('+')[1])).toContain('Tinos-Bold');
    });
  }

  it('draws the motto underlined over its whole width and the QR code beside the title', async () => {
    const pdf = await renderSlip(SAMPLE_RECEIPT);
    const words = pdfWords(pdf);
    const motto = words.filter((w) => w.page === 1 && w.yMin < 80 && ['Độc', 'phúc'].includes(w.text));
    expect(motto).toHaveLength(2);
    // A dark rule spans the motto from its first to its last letter, just under the line.
    const [from, to] = [motto[0]!, motto[1]!];
    const image = pdfGray(pdf, 1, { x: from.xMin, y: from.yMax - 2, width: to.xMax - from.xMin, height: 8 }, 144);
    const darkShare = (y: number): number => Array.from({ length: image.width }, (_, x) => image.at(x, y)).filter((v) => v < 128).length / image.width;
    const best = Math.max(...Array.from({ length: image.height }, (_, y) => darkShare(y)));
    expect(best).toBeGreaterThan(0.9);
    // The heading's two columns start on the same line.
    const first = words.filter((w) => ['UBND', 'CỘNG'].includes(w.text));
    expect(Math.abs((first[0]?.yMin ?? 0) - (first[1]?.yMin ?? 1))).toBeLessThan(1);
    // The QR code is at the right margin beside the title, which stays clear of it; the code
    // printed under the QR code is below the title's "Mã hồ sơ" line.
    const { doc } = createSlipDocument({ title: '', subject: '', author: '', createdAt: new Date() });
    const qrLeft = box(doc).right - QR_SIZE;
    const titleWords = words.filter((w) => w.yMin > 90 && w.yMin < 140 && w.xMax < qrLeft + 1);
    expect(titleWords.map((w) => w.text).join(' ')).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    const codes = words.filter((w) => w.text === SAMPLE_CODE);
    expect(codes).toHaveLength(2);
    const [inTitle, underQr] = [...codes].sort((a, b) => a.xMin - b.xMin);
    expect(underQr!.xMax).toBeLessThanOrEqual(box(doc).right + 0.5);
    expect(underQr!.yMin).toBeGreaterThan(inTitle!.yMax);
  });

  it('wraps a long document name inside its column instead of overflowing', async () => {
    const pdf = await renderSlip(SAMPLE_RECEIPT);
    const words = pdfWords(pdf);
    const { doc } = createSlipDocument({ title: '', subject: '', author: '', createdAt: new Date() });
    const { left, width, right } = box(doc);
    const weights = documentsTable([]).columns.map((c) => c.weight);
    const total = weights.reduce((a, b) => a + b, 0);
    const nameLeft = left + ((weights[0] ?? 0) / total) * width;
    const nameRight = nameLeft + ((weights[1] ?? 0) / total) * width;
    // The long name's words: from "ủy quyền theo quy định" to "không phải chứng thực".
    const start = words.findIndex((w, i) => w.text === 'Văn' && words[i + 1]?.text === 'bản' && words[i + 2]?.text === 'ủy');
    expect(start).toBeGreaterThan(0);
    const count = LONG_DOCUMENT_NAME.split(' ').length;
    const nameWords = words.slice(start, start + count);
    expect(nameWords.map((w) => w.text).join(' ')).toBe(LONG_DOCUMENT_NAME);
    const lineTops = new Set(nameWords.map((w) => Math.round(w.yMin)));
    expect(lineTops.size).toBeGreaterThanOrEqual(3);
    for (const w of nameWords) {
      expect(w.xMin).toBeGreaterThanOrEqual(nameLeft);
      expect(w.xMax).toBeLessThanOrEqual(nameRight);
    }
    for (const w of words) expect(w.xMax).toBeLessThanOrEqual(right + 0.5); // nothing runs into the margin
  });

  it('continues a long documents table on the next page with its header repeated', async () => {
    const documents = Array.from({ length: 30 }, (_, i) => ({ name: `${LONG_DOCUMENT_NAME} (${i + 1})`, originals: 1, certifiedCopies: 0, photocopies: 0 }));
    const pdf = await renderSlip({ ...SAMPLE_RECEIPT, documents });
    const info = pdfInfo(pdf);
    expect(Number(info.Pages)).toBeGreaterThan(1);
    const words = pdfWords(pdf);
    for (let page = 1; page <= Number(info.Pages); page++) {
      expect(words.filter((w) => w.page === page).map((w) => w.text).join(' ')).toContain(`Trang ${page}/${info.Pages}`);
    }
    const headerPages = new Set(words.filter((w) => w.text === 'photo').map((w) => w.page));
    expect(headerPages.size).toBeGreaterThan(1);
    const text = pdfText(pdf);
    expect(text).toContain('(30)');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
  });

  it('normalises decomposed (NFD) input to NFC so that text searches find it', async () => {
    const nfd = NAME.normalize('NFD');
    expect(nfd).not.toBe(NAME);
    const pdf = await renderSlip({ ...SAMPLE_REFUSAL, applicant: { ...SAMPLE_APPLICANT, name: nfd } });
    expect(pdfText(pdf)).toContain(NAME);
  });

  it('prints blank hand-over rows on a process-control slip with none recorded yet', async () => {
    const text = pdfText(await renderSlip({ ...SAMPLE_PROCESS_CONTROL, handovers: [] }));
    expect(text.match(/1\. Giao:/gu)).toHaveLength(4);
    expect(text).toContain('…… giờ …… phút, ngày …… tháng …… năm ……');
  });

  it('rejects invalid data with the paths of the problems', async () => {
    const bad = { ...SAMPLE_RECEIPT, dossierCode: 'H29 DEMO', applicant: { name: '' } } as unknown as SlipData;
    const error = await renderSlip(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipDataError);
    const paths = (error as SlipDataError).errors.map((e) => e.path);
    expect(paths).toContain('/dossierCode');
    expect(paths).toContain('/applicant/name');
    await expect(renderSlip({ kind: 'nope' } as unknown as SlipData)).rejects.toThrow(/kind/u);
  });

  it('names the files after the form and the dossier', () => {
    expect(slipFileName(SAMPLE_RECEIPT)).toBe(`giay-tiep-nhan-${SAMPLE_CODE}.pdf`);
  });
});

describe('fonts', () => {
  it('have a glyph for every Vietnamese letter in all four styles', () => {
    const letters = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
    const all = [...letters, ...letters.toUpperCase(), ...'0123456789.,;:!?()[]/-–—…“”‘’%₫№'];
    for (const [style, font] of Object.entries(parsedFonts())) {
      const missing = all.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0) ?? 0));
      expect({ style, missing }).toEqual({ style, missing: [] });
    }
  });
});

describe('Vietnamese date lines', () => {
  it('writes times as "HH giờ mm phút, ngày dd tháng mm năm yyyy" in Vietnam time', () => {
    expect(dateTimePhrase(new Date('2026-11-27T02:30:00Z'))).toBe('09 giờ 30 phút, ngày 27 tháng 11 năm 2026');
    expect(dateTimePhrase(vnTime('2027-01-01', '00:05'))).toBe('00 giờ 05 phút, ngày 01 tháng 01 năm 2027');
  });

  it('writes the place-and-date line as Nghị định 30/2020 does (leading 0 on days < 10 and months 1–2)', () => {
    expect(placeDateLine('Hòa Hưng', vnTime('2026-11-27', '10:00'))).toBe('Hòa Hưng, ngày 27 tháng 11 năm 2026');
    expect(placeDateLine('Hòa Hưng', vnTime('2026-02-05', '10:00'))).toBe('Hòa Hưng, ngày 05 tháng 02 năm 2026');
    expect(placeDateLine('Hòa Hưng', vnTime('2026-03-05', '10:00'))).toBe('Hòa Hưng, ngày 05 tháng 3 năm 2026');
  });
});
