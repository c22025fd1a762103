import { describe, expect, it } from 'vitest';
import { compareDocuments, matchScore } from './check-completeness.js';
import { extractFields } from './extract-fields.js';
import { parseIdCardQr } from './id-card-qr.js';
import { characterErrorRate, findDate, foldAligned } from './label-text.js';
import { checkImage, extractIdCardFields } from './read-id-card.js';
import { idCardQrPayload, syntheticPeople } from './synthetic-documents.js';

describe('CCCD QR payload', () => {
  it('parses the |-separated fields in the documented order', () => {
    const parsed = parseIdCardQr('079186001234|025123456|Nguyễn Thị Hồng Nhung|20051986|Nữ|12 Tô Hiến Thành, Phường Hòa Hưng, TP. Hồ Chí Minh|15082021');
    expect(parsed?.fields).toEqual({
      idNumber: '079186001234',
      oldIdNumber: '025123456',
      fullName: 'Nguyễn Thị Hồng Nhung',
      birthDate: '1986-05-20',
      sex: 'Nữ',
      nationality: 'Việt Nam',
      placeOfResidence: '12 Tô Hiến Thành, Phường Hòa Hưng, TP. Hồ Chí Minh',
      dateOfIssue: '2021-08-15',
    });
    expect(parsed?.confidence.idNumber).toBe(1);
    expect(parsed?.idNumberWarning).toBeNull();
  });

  it('keeps an empty old number empty and warns when the number disagrees with the birth year', () => {
    const parsed = parseIdCardQr('079187001234||Trần Văn An|20051986|Nam|Hà Nội|15082021');
    expect(parsed?.fields.oldIdNumber).toBeNull();
    expect(parsed?.idNumberWarning).toMatch(/năm sinh/);
    expect(parsed?.confidence.idNumber).toBe(0.5);
  });

  it('is not a CCCD payload when the first field is not 12 digits (another QR code, a URL)', () => {
    expect(parseIdCardQr('https://dichvucong.gov.vn/p/123')).toBeNull();
    expect(parseIdCardQr('12345|a|b|c|d|e|f')).toBeNull();
  });

  it('round-trips the synthetic people used by the evaluation', () => {
    for (const p of syntheticPeople(30)) {
      const parsed = parseIdCardQr(idCardQrPayload(p));
      expect(parsed?.fields).toMatchObject({ idNumber: p.idNumber, fullName: p.fullName, birthDate: p.birthDate, sex: p.sex, placeOfResidence: p.placeOfResidence, dateOfIssue: p.dateOfIssue });
      expect(parsed?.idNumberWarning).toBeNull();
    }
  });
});

describe('fields from recognised text', () => {
  it('reads a card front with OCR slips in marks and digits', () => {
    const text = [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số/No.: 0791860O1234',
      'Ho và tén / Full name:',
      'NGUYỄN THỊ HỒNG NHUNG',
      'Ngày sinh / Date of birth: 20/05/1986',
      'Giới tính / Sex: Nữ Quốc tịch / Nationality: Việt Nam',
      'Nơi thường trú / Place of residence: 12 Tô Hiến Thành,',
      'Phường Hòa Hưng, Thành phố Hồ Chí Minh',
    ].join('\n');
    const { fields, idNumberWarning } = extractIdCardFields({ text, lines: [] });
    expect(fields).toMatchObject({
      idNumber: '079186001234',
      fullName: 'Nguyễn Thị Hồng Nhung',
      birthDate: '1986-05-20',
      sex: 'Nữ',
      nationality: 'Việt Nam',
      placeOfResidence: '12 Tô Hiến Thành, Phường Hòa Hưng, Thành phố Hồ Chí Minh',
    });
    expect(idNumberWarning).toBeNull();
  });

  it('skips the English half of a label and copes with a dash for a colon or no colon at all', () => {
    const text = ['Số/No: 048178915251', 'Giới tính / SeX Nữ Quốc tịch / Nationality- Việt Nam', 'Nơi thường trú / Place of residenCe- 252/13 Sư Vạn Hạnh,', 'Phường Hòa Hưng, Thành phố Hồ Chí Minh'].join('\n');
    const { fields } = extractIdCardFields({ text, lines: [] });
    expect(fields).toMatchObject({ sex: 'Nữ', nationality: 'Việt Nam', placeOfResidence: '252/13 Sư Vạn Hạnh, Phường Hòa Hưng, Thành phố Hồ Chí Minh' });
  });

  it('suggests form fields, telling the parents from the person', () => {
    const text = [
      'TỜ KHAI ĐĂNG KÝ KHAI SINH',
      'Họ, chữ đệm, tên người cha: Lê Văn Bình',
      'Họ, chữ đệm, tên: Lê Minh Khôi',
      'Ngày, tháng, năm sinh: ngày 05 tháng 3 năm 2024',
      'Nơi sinh: Bệnh viện Hùng Vương, Thành phố Hồ Chí Minh',
      'Số định danh cá nhân: 079 2 24 012345',
      'Họ, chữ đệm, tên người mẹ: Phạm Thị Thu',
    ].join('\n');
    const byKey = Object.fromEntries(extractFields(text).map((s) => [s.key, s.value]));
    expect(byKey).toMatchObject({ fatherName: 'Lê Văn Bình', fullName: 'Lê Minh Khôi', birthDate: '2024-03-05', birthPlace: 'Bệnh viện Hùng Vương, Thành phố Hồ Chí Minh', idNumber: '079224012345', motherName: 'Phạm Thị Thu' });
  });

  it('folds text without moving characters, finds dates, measures CER', () => {
    const s = 'Ngày sinh: 01/02/2003 Đặng';
    expect(foldAligned(s)).toHaveLength(s.length);
    expect(foldAligned(s)).toBe('ngay sinh: 01/02/2003 dang');
    expect(findDate('Date of birth: 3l/O1/1999')).toBe('1999-01-31');
    expect(findDate('30/02/2001')).toBeNull();
    expect(findDate('Date of birth; 1101/1975')).toBe('1975-01-11');
    expect(characterErrorRate('Nguyễn', 'Nguyen')).toBeCloseTo(1 / 6);
  });
});

describe('image check', () => {
  it('refuses a PDF and HTML dressed as an image, accepts PNG and JPEG bytes', () => {
    expect(() => checkImage(Buffer.from('%PDF-1.7\n1 0 obj'))).toThrow(expect.objectContaining({ code: 'IMAGE_EXPECTED' }));
    expect(() => checkImage(Buffer.from('<!DOCTYPE html><html><script>alert(1)</script>'))).toThrow(expect.objectContaining({ code: 'IMAGE_EXPECTED' }));
    expect(checkImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(checkImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });
});

describe('completeness (pure)', () => {
  const docs = [
    { position: 1, name: 'Tờ khai đăng ký lại khai sinh theo mẫu', condition: null, copies: 1, copyKind: 'original' as const },
    { position: 2, name: 'Bản sao Giấy khai sinh (bản sao được chứng thực từ bản chính)', condition: null, copies: 1, copyKind: 'certified_copy' as const },
    { position: 3, name: 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước', condition: null, copies: 1, copyKind: 'original' as const },
    { position: 4, name: 'Văn bản xác nhận của Thủ trưởng cơ quan', condition: 'Trường hợp là cán bộ, công chức', copies: 1, copyKind: 'original' as const },
  ];
  const procedure = { code: '1.004884', name: 'Thủ tục đăng ký lại khai sinh' };

  it('matches typed names by folded similarity, lists missing, conditional, extra and certified-copy needs', () => {
    const r = compareDocuments(procedure, docs, [{ name: 'CCCD' }, { name: 'ban photo giay khai sinh' }, { name: 'Sổ tiết kiệm' }]);
    expect(r.received.map((x) => x.document.position)).toEqual([2, 3]);
    expect(r.missing.map((d) => d.position)).toEqual([1]);
    expect(r.conditional.map((d) => d.position)).toEqual([4]);
    expect(r.extra.map((e) => e.name)).toEqual(['Sổ tiết kiệm']);
    expect(r.needsCertifiedCopy).toEqual([{ document: docs[1], handedAs: 'copy' }]);
    expect(r.complete).toBe(false);
    expect(r.slipItems).toEqual([
      { name: docs[0]?.name, originals: 1, certifiedCopies: 0, photocopies: 0 },
      { name: docs[1]?.name, originals: 0, certifiedCopies: 1, photocopies: 0, note: 'Nộp bản sao có chứng thực (hoặc xuất trình bản chính để đối chiếu).' },
    ]);
  });

  it('takes ticked positions as they are; a certified copy or an original satisfies the certified-copy need', () => {
    const r = compareDocuments(procedure, docs, [{ position: 1 }, { position: 2, copyKind: 'certified_copy' }, { position: 3, copyKind: 'original' }, { position: 9 }]);
    expect(r.complete).toBe(true);
    expect(r.extra).toEqual([{ name: 'Thành phần số 9', bestGuess: null, score: 0 }]);
  });

  it('tells "giấy chứng sinh" from "giấy khai sinh"', () => {
    expect(matchScore('giấy khai sinh', docs[1]?.name ?? '')).toBeGreaterThan(matchScore('giấy chứng sinh', docs[1]?.name ?? ''));
  });
});
