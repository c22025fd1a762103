import { describe, expect, it } from 'vitest';
import { foldVietnamese, toNFC, tokenize } from './text.js';

/** "Hộ tịch" typed as base letters + combining marks (what NFD input looks like). */
const HO_TICH_NFD = 'Ho\u0302\u0323 ti\u0323ch';

describe('toNFC', () => {
  it('composes decomposed input so it equals the precomposed string', () => {
    expect(HO_TICH_NFD).not.toBe('Hộ tịch');
    expect(toNFC(HO_TICH_NFD)).toBe('Hộ tịch');
    expect(toNFC(HO_TICH_NFD)).toHaveLength('Hộ tịch'.length);
  });

  it('leaves text that is already NFC unchanged', () => {
    expect(toNFC('Đăng ký khai sinh')).toBe('Đăng ký khai sinh');
  });
});

describe('foldVietnamese', () => {
  it('folds NFD and NFC input to the same key', () => {
    expect(foldVietnamese(HO_TICH_NFD)).toBe('ho tich');
    expect(foldVietnamese('Hộ tịch')).toBe('ho tich');
  });

  it('maps đ and Đ to d, which stripping combining marks alone would miss', () => {
    expect('đ'.normalize('NFD').replace(/\p{M}/gu, '')).toBe('đ');
    expect(foldVietnamese('Đăng ký đất đai')).toBe('dang ky dat dai');
    expect(foldVietnamese('ĐỘC THÂN')).toBe('doc than');
  });

  it('maps the look-alike eth letters left by legacy-encoding conversions', () => {
    expect(foldVietnamese('Ðăng ký ðất')).toBe('dang ky dat');
  });

  it('lower-cases mixed case and collapses whitespace and punctuation to single spaces', () => {
    expect(foldVietnamese('  Giấy   XÁC nhận—tình trạng, HÔN nhân!! ')).toBe('giay xac nhan tinh trang hon nhan');
    expect(foldVietnamese('Thông tư 53/2025/TT-BCA')).toBe('thong tu 53 2025 tt bca');
    expect(foldVietnamese('dòng 1\n\tdòng 2')).toBe('dong 1 dong 2');
  });

  it('matches text typed without diacritics', () => {
    expect(foldVietnamese('lam giay khai sinh')).toBe(foldVietnamese('Làm giấy khai sinh'));
  });

  it('returns an empty string for input without letters or digits', () => {
    expect(foldVietnamese(' ,.;!? ')).toBe('');
  });
});

describe('tokenize', () => {
  it('splits into folded syllables', () => {
    expect(tokenize('Làm lại CĂN CƯỚC, được không?')).toEqual(['lam', 'lai', 'can', 'cuoc', 'duoc', 'khong']);
  });

  it('gives the same tokens for NFD input', () => {
    expect(tokenize(`${HO_TICH_NFD} - chứng thực`)).toEqual(['ho', 'tich', 'chung', 'thuc']);
  });

  it('returns no tokens for blank input', () => {
    expect(tokenize('   ')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });
});
