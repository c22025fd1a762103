import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { pdfInfo, pdfPages, pdfWords } from './pdf-text.js';
import { renderRegisterSheet, renderSlip, slipFileName } from './render-slip.js';
import { sampleRegister, vnTime } from './sample-slips.js';

const register = sampleRegister(120);

describe('Sổ theo dõi hồ sơ (Mẫu 07)', () => {
  it('paginates 120 rows on landscape A4 pages, the table header repeated on each', async () => {
    const pdf = await renderSlip(register);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^841\.8\d x 595\.2\d pts \(A4\)/u);
    const pageCount = Number(info.Pages);
    expect(pageCount).toBeGreaterThan(3);

    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(pageCount);
    expect(pages[0]).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(pages[0]).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    pages.forEach((page, i) => {
      for (const header of ['Mã hồ sơ', 'Tên thủ tục hành', 'Ngày, tháng, năm', 'Hẹn trả', '(14)']) expect(page).toContain(header);
      expect(page).toContain(`Trang ${i + 1}/${pageCount}`);
    });

    // Every entry once, in order: the code wraps after "H29.DEMO.HH-", its second half is one word.
    const words = pdfWords(pdf);
    const tails = words.filter((w) => /^\d{6}-\d{4}$/u.test(w.text)).map((w) => w.text);
    expect(tails).toEqual(register.entries.map((e) => e.dossierCode.split('-').slice(1).join('-')));
    // Rows are not split: each row number's page also holds its code's tail.
    const numbers = words.filter((w) => /^\d{1,3}$/u.test(w.text) && w.xMax < 60 && w.yMin > 60);
    expect(numbers.map((w) => Number(w.text))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    // Nothing below the footer line or past the right margin.
    for (const w of words) {
      expect(w.xMax).toBeLessThanOrEqual(841.89 - 28);
      expect(w.yMax).toBeLessThanOrEqual(595.28 - 14);
    }
  });

  it('exports CSV in UTF-8 with a BOM, Vietnamese intact, fields quoted and formulas defused', async () => {
    const entries = [
      ...register.entries.slice(0, 2),
      { ...register.entries[2]!, applicantName: '=HYPERLINK("http://x")', note: 'Ghi chú có dấu phẩy, và "ngoặc kép"' },
    ];
    const csv = await renderRegisterSheet({ ...register, entries }, 'csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(csv.subarray(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'STT,Mã hồ sơ,Tên thủ tục hành chính,Số lượng hồ sơ (bộ),"Tên cá nhân, tổ chức",Địa chỉ,Số điện thoại,Cơ quan chủ trì giải quyết,' +
        'Ngày nhận hồ sơ,Ngày hẹn trả kết quả,Ngày chuyển hồ sơ đến cơ quan giải quyết,Ngày nhận kết quả từ cơ quan giải quyết,' +
        '"Ngày trả kết quả cho cá nhân, tổ chức",Ghi chú',
    );
    expect(lines).toHaveLength(5); // header, 3 rows, final CRLF
    expect(lines[1]).toContain(`1,${entries[0]!.dossierCode},Đăng ký khai sinh,2,Nguyễn Thị Hồng Nhung,`);
    expect(lines[1]).toContain(',02/11/2026 07:15,04/11/2026 16:00,');
    expect(lines[3]).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(lines[3]).toContain(',"Ghi chú có dấu phẩy, và ""ngoặc kép"""');
    expect(text.normalize('NFC')).toBe(text);
  });

  it('exports XLSX with the header, every row and real dates in Vietnam time', async () => {
    const xlsx = await renderRegisterSheet(register, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Sổ theo dõi hồ sơ');
    expect(sheet).toBeDefined();
    const values = (r: number): unknown[] => (sheet!.getRow(r).values as unknown[]).slice(1);
    expect(values(2)[0]).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(values(5)).toContain('Mã hồ sơ');
    expect(sheet!.rowCount).toBe(5 + 120);
    const first = values(6);
    expect(first[1]).toBe(register.entries[0]!.dossierCode);
    expect(first[4]).toBe('Nguyễn Thị Hồng Nhung');
    const received = first[8] as Date;
    expect(received).toBeInstanceOf(Date);
    // Excel keeps wall-clock time: 07:15 in Hòa Hưng is 07:15 in the cell.
    expect(received.toISOString()).toBe('2026-11-02T07:15:00.000Z');
    expect(vnTime('2026-11-02', '07:15').getTime()).toBe(register.entries[0]!.receivedAt.getTime());
    expect(sheet!.pageSetup.orientation).toBe('landscape');
    expect(slipFileName(register, 'xlsx')).toBe('so-theo-doi-ho-so-2026-11-01.xlsx');
  });
});
