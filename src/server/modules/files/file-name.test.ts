import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { MAX_FILE_NAME_CHARS, checkUploadFileName, contentDisposition, sanitizeFileName, withExtensionFor } from './file-name.js';

function refusal(raw: string): string | undefined {
  try {
    checkUploadFileName(raw);
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

const NFD = 'Gia\u0302\u0301y khai sinh ba\u0309n sao.pdf';
const NFC = 'Giấy khai sinh bản sao.pdf';

describe('sanitizeFileName (display only)', () => {
  it('keeps only the last path segment', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\x\\y.pdf')).toBe('y.pdf');
    expect(sanitizeFileName('/var/data/files/ab/cd/scan.png')).toBe('scan.png');
    expect(sanitizeFileName('..')).toBe('');
    expect(sanitizeFileName('../')).toBe('');
  });

  it('composes NFD Vietnamese into NFC and keeps its letters', () => {
    expect(NFD).not.toBe(NFC);
    expect(sanitizeFileName(NFD)).toBe(NFC);
    expect(sanitizeFileName('Đơn đề nghị – hộ tịch (bản chính).pdf')).toBe('Đơn đề nghị – hộ tịch (bản chính).pdf');
  });

  it('drops control, bidi and Windows-reserved characters and leading dots', () => {
    expect(sanitizeFileName('scan\u0000\r\n.pdf')).toBe('scan.pdf');
    expect(sanitizeFileName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(sanitizeFileName('a<b>c:"d"|e?f*.png')).toBe('abcdef.png');
    expect(sanitizeFileName('.htaccess')).toBe('htaccess');
    expect(sanitizeFileName('  many   spaces  .pdf ')).toBe('many spaces .pdf');
  });

  it('caps the length and keeps the extension', () => {
    const long = `${'Bản sao giấy tờ '.repeat(20)}.pdf`;
    const out = sanitizeFileName(long);
    expect([...out].length).toBeLessThanOrEqual(MAX_FILE_NAME_CHARS);
    expect(out.endsWith('.pdf')).toBe(true);
  });
});

describe('checkUploadFileName', () => {
  it('refuses a name with a path or control characters', () => {
    expect(refusal('../../etc/passwd')).toBe('FILE_NAME_INVALID');
    expect(refusal('C:\\x\\y.pdf')).toBe('FILE_NAME_INVALID');
    expect(refusal('..')).toBe('FILE_NAME_INVALID');
    expect(refusal('scan\u0000.pdf.html')).toBe('FILE_NAME_INVALID');
    expect(refusal('\u202E')).toBe('FILE_NAME_INVALID');
    expect(refusal('x'.repeat(2000))).toBe('FILE_NAME_INVALID');
  });

  it('accepts and normalises an ordinary Vietnamese name', () => {
    expect(checkUploadFileName(NFD)).toBe(NFC);
  });
});

describe('withExtensionFor', () => {
  it('makes the extension match the sniffed type', () => {
    expect(withExtensionFor('scan.exe', 'application/pdf')).toBe('scan.exe.pdf');
    expect(withExtensionFor('ảnh CCCD.JPG', 'image/jpeg')).toBe('ảnh CCCD.JPG');
    expect(withExtensionFor('ảnh.jpeg', 'image/jpeg')).toBe('ảnh.jpeg');
    expect(withExtensionFor('ảnh.jpeg', 'image/png')).toBe('ảnh.jpeg.png');
    expect(withExtensionFor('no extension', 'image/png')).toBe('no extension.png');
  });
});

describe('contentDisposition', () => {
  it('sends the UTF-8 name in filename* and an ASCII fallback', () => {
    expect(contentDisposition('attachment', NFC)).toBe(
      `attachment; filename="Giay khai sinh ban sao.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh%20b%E1%BA%A3n%20sao.pdf`,
    );
    expect(contentDisposition('inline', 'Đơn (1).png')).toBe(`inline; filename="Don _1_.png"; filename*=UTF-8''%C4%90%C6%A1n%20%281%29.png`);
  });

  it('cannot be broken open by a hostile stored name', () => {
    const header = contentDisposition('attachment', 'a"; filename=evil.html\r\nSet-Cookie: x=1');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
    expect(contentDisposition('attachment', '')).toBe(`attachment; filename="file"; filename*=UTF-8''file`);
  });
});
