import { describe, it, expect } from 'vitest';
import { formatLunarVN, hungKingsDay, lunarNewYearsEve, lunarToSolar, solarToLunar, tetDate } from './lunar.js';

describe('Tết (mùng 1 tháng Giêng) computed for Vietnam, UTC+7', () => {
  // Vietnamese dates, cross-checked against an independent implementation of Hồ Ngọc Đức's
  // astronomical algorithm at UTC+7 and published Vietnamese calendars (see docs/calendar.md).
  const known: Record<number, string> = {
    2020: '2020-01-25',
    2021: '2021-02-12',
    2022: '2022-02-01',
    2023: '2023-01-22',
    2024: '2024-02-10',
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-06', // Korea (UTC+9): 2027-02-07
    2028: '2028-01-26', // Korea (UTC+9): 2028-01-27
    2029: '2029-02-13',
    2030: '2030-02-02', // China (UTC+8): 2030-02-03 — new moon at 23:07 on 02/02 Vietnam time
    2031: '2031-01-23',
    2032: '2032-02-11',
    2033: '2033-01-31',
    2034: '2034-02-19',
    2035: '2035-02-08',
  };
  for (const [year, date] of Object.entries(known)) {
    it(`Tết ${year} is ${date}`, () => {
      expect(tetDate(Number(year))).toBe(date);
    });
  }

  it('the eve is the day before Tết, and is 29 tháng Chạp when the twelfth month is short (2026)', () => {
    expect(lunarNewYearsEve(2026)).toBe('2026-02-16');
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(lunarNewYearsEve(2025)).toBe('2025-01-28');
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
    [2028, '2028-04-04'],
  ])('%i → %s', (year, date) => {
    expect(hungKingsDay(year)).toBe(date);
  });

  it('is in the ordinary third month in a year with a leap month before it (2023: leap 2nd month)', () => {
    expect(hungKingsDay(2023)).toBe('2023-04-29');
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
  });
});

describe('conversions refuse dates that do not exist instead of rolling over', () => {
  it('30 tháng Chạp Ất Tỵ does not exist (the month has 29 days)', () => {
    expect(() => lunarToSolar({ day: 30, month: 12, year: 2025, leap: false })).toThrow(RangeError);
    expect(lunarToSolar({ day: 29, month: 12, year: 2025, leap: false })).toBe('2026-02-16');
  });

  it('a leap month the year does not have', () => {
    expect(() => lunarToSolar({ day: 1, month: 3, year: 2026, leap: true })).toThrow(RangeError);
  });

  it('out-of-range years and malformed dates', () => {
    expect(() => tetDate(1100)).toThrow(RangeError);
    expect(() => solarToLunar('2026-02-30')).toThrow(RangeError);
    expect(() => solarToLunar('17/02/2026')).toThrow(RangeError);
  });

  it('round-trips every day of 2024–2026', () => {
    let date = new Date(Date.UTC(2024, 0, 1));
    const end = Date.UTC(2026, 11, 31);
    for (; date.getTime() <= end; date = new Date(date.getTime() + 86_400_000)) {
      const iso = date.toISOString().slice(0, 10);
      expect(lunarToSolar(solarToLunar(iso))).toBe(iso);
    }
  });
});

describe('formatLunarVN', () => {
  it('writes Vietnamese month names', () => {
    expect(formatLunarVN(solarToLunar('2026-02-17'))).toBe('mùng 1 tháng Giêng');
    expect(formatLunarVN(solarToLunar('2026-02-16'))).toBe('29 tháng Chạp');
    expect(formatLunarVN(solarToLunar('2023-03-22'))).toBe('mùng 1 tháng 2 nhuận');
  });
});
