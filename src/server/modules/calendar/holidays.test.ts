import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_OFFICIAL_SCHEDULES_URL,
  builtInHolidays,
  decidedHolidays,
  defaultNationalDayDays,
  defaultTetDays,
  parseOfficialSchedules,
  readOfficialSchedulesFile,
  type BuiltInHoliday,
} from './holidays.js';

const dates = (hs: readonly BuiltInHoliday[]): string[] => hs.map((h) => h.date);
const compensatory = (hs: readonly BuiltInHoliday[]): string[] => hs.filter((h) => h.compensatory).map((h) => h.date);

describe('built-in holidays (Labor Code 2019 Art. 112) without an official schedule', () => {
  it('2026: the defaults give the same Tết and Quốc khánh days as the official notice, and Giỗ Tổ on Sunday 26/04 gives Monday 27/04', () => {
    const hs = builtInHolidays(2026);
    expect(dates(hs)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(compensatory(hs)).toEqual(['2026-04-27']);
    expect(hs.find((h) => h.date === '2026-04-27')?.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 Âm lịch)');
  });

  it('Tết default: the last day of the lunar year + mùng 1–4; weekend days are compensated after the block (2027)', () => {
    expect(defaultTetDays(2027)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    const hs = builtInHolidays(2027).filter((h) => h.date >= '2027-02-01' && h.date <= '2027-02-28');
    expect(dates(hs)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']);
    expect(compensatory(hs)).toEqual(['2027-02-10', '2027-02-11']);
  });

  it('Quốc khánh default joins 02/09 to the nearest weekend, as the official schedules of 2021, 2024, 2025 and 2026 did', () => {
    expect(defaultNationalDayDays(2021)).toEqual(['2021-09-02', '2021-09-03']); // Thu → Thu+Fri
    expect(defaultNationalDayDays(2024)).toEqual(['2024-09-02', '2024-09-03']); // Mon → Mon+Tue
    expect(defaultNationalDayDays(2025)).toEqual(['2025-09-01', '2025-09-02']); // Tue → Mon+Tue
    expect(defaultNationalDayDays(2026)).toEqual(['2026-09-01', '2026-09-02']); // Wed → Tue+Wed
  });

  it('02/09 on a Saturday (2023): Friday 01/09 + Saturday 02/09, compensatory Monday 04/09', () => {
    const hs = builtInHolidays(2023).filter((h) => h.date.startsWith('2023-09') || h.date.startsWith('2023-08'));
    expect(dates(hs)).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
  });

  it('02/09 on a Sunday (2029): 02/09 + 03/09, compensatory Tuesday 04/09', () => {
    const hs = builtInHolidays(2029).filter((h) => h.date.startsWith('2029-09'));
    expect(dates(hs)).toEqual(['2029-09-02', '2029-09-03', '2029-09-04']);
  });

  it('2022: 01/01 Sat → Mon 03/01; Giỗ Tổ Sun 10/04 → Mon 11/04; 30/04 Sat and 01/05 Sun → Mon 02/05 and Tue 03/05', () => {
    expect(compensatory(builtInHolidays(2022))).toEqual(['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03']);
  });

  it('01/01 on a Sunday (2023) gives Monday 02/01', () => {
    expect(compensatory(builtInHolidays(2023))).toContain('2023-01-02');
  });

  it('leaves out the defaults an official schedule decides; an official day off on the compensatory day is that day', () => {
    const hs = builtInHolidays(2026, { decidedOfficially: new Set(['tet', 'national_day']), officialDaysOff: new Set(['2026-04-27']) });
    expect(dates(hs)).toEqual(['2026-01-01', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01']);
  });

  it('rejects years it cannot compute', () => {
    expect(() => builtInHolidays(1900)).toThrow(RangeError);
  });
});

describe('decidedHolidays', () => {
  it('recognises a schedule by its tags, or by a day off near Tết / Quốc khánh when untagged (database rows)', () => {
    expect([...decidedHolidays(2025, [{ date: '2025-01-27', kind: 'day_off', holiday: 'tet' }])]).toEqual(['tet']);
    expect([...decidedHolidays(2025, [{ date: '2025-01-27', kind: 'day_off' }])]).toEqual(['tet']);
    expect([...decidedHolidays(2026, [{ date: '2026-08-31', kind: 'day_off' }])]).toEqual(['national_day']);
    expect([...decidedHolidays(2026, [{ date: '2026-08-22', kind: 'working_day' }])]).toEqual([]);
    expect([...decidedHolidays(2026, [{ date: '2026-01-02', kind: 'day_off' }])]).toEqual([]);
  });
});

describe('the official schedules file (seed/calendar/official-schedules.json)', () => {
  const schedules = readOfficialSchedulesFile();
  const year = (y: number) => schedules.find((s) => s.year === y);

  it('has 2025 and 2026, every entry with a source, and Tết/Quốc khánh tagged', () => {
    for (const y of [2025, 2026]) {
      const s = year(y);
      expect(s, `year ${y}`).toBeDefined();
      for (const e of s?.entries ?? []) expect(e.source.length).toBeGreaterThan(10);
      expect(s?.entries.some((e) => e.holiday === 'tet')).toBe(true);
      expect(s?.entries.some((e) => e.holiday === 'national_day')).toBe(true);
    }
  });

  it('2026: Tết 14–22/02, swap 31/08 ↔ 22/08, compensatory 27/04', () => {
    const e = year(2026)?.entries ?? [];
    const tet = e.filter((x) => x.holiday === 'tet').map((x) => x.date);
    expect(tet).toEqual(['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
    expect(e.find((x) => x.date === '2026-08-31')?.kind).toBe('day_off');
    expect(e.find((x) => x.date === '2026-08-22')?.kind).toBe('working_day');
    expect(e.find((x) => x.date === '2026-04-27')?.kind).toBe('day_off');
  });

  it('Ngày Văn hóa Việt Nam 24/11/2026 is data, uncertain and off by default', () => {
    const e = year(2026)?.entries.find((x) => x.date === '2026-11-24');
    expect(e).toMatchObject({ kind: 'day_off', enabledByDefault: false, uncertain: true });
  });

  it('2025: Tết 25/01–02/02, swap 02/05 ↔ 26/04, Quốc khánh 30/08–02/09', () => {
    const e = year(2025)?.entries ?? [];
    expect(e.filter((x) => x.holiday === 'tet').map((x) => x.date)).toEqual([
      '2025-01-25', '2025-01-26', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02',
    ]);
    expect(e.find((x) => x.date === '2025-05-02')?.kind).toBe('day_off');
    expect(e.find((x) => x.date === '2025-04-26')?.kind).toBe('working_day');
    expect(e.filter((x) => x.holiday === 'national_day').map((x) => x.date)).toEqual(['2025-08-30', '2025-08-31', '2025-09-01', '2025-09-02']);
  });

  it('is read at run time from the repository (same relative path from src/ and dist/)', () => {
    expect(fileURLToPath(DEFAULT_OFFICIAL_SCHEDULES_URL)).toBe(resolve('seed/calendar/official-schedules.json'));
    expect(existsSync(DEFAULT_OFFICIAL_SCHEDULES_URL)).toBe(true);
  });
});

describe('parseOfficialSchedules rejects bad data with the entry named', () => {
  const entry = { date: '2027-02-08', kind: 'day_off', name: 'Tết', source: 'Thông báo …' };
  const wrap = (e: unknown, y = 2027) => ({ years: [{ year: y, entries: [e] }] });

  it('accepts a valid entry', () => {
    expect(parseOfficialSchedules(wrap(entry))).toEqual([{ year: 2027, entries: [entry] }]);
  });

  it.each([
    ['an impossible date', { ...entry, date: '2027-02-30' }, /years\[0\]\.entries\[0\].*date/],
    ['a date in another year', { ...entry, date: '2028-02-08' }, /not in year 2027/],
    ['an unknown kind', { ...entry, kind: 'holiday' }, /kind/],
    ['no source', { ...entry, source: '' }, /source/],
    ['an unknown field', { ...entry, enabled: true }, /unknown field 'enabled'/],
    ['a holiday tag on a working day', { ...entry, kind: 'working_day', holiday: 'tet' }, /only allowed on a day_off/],
  ])('%s', (_label, bad, message) => {
    expect(() => parseOfficialSchedules(wrap(bad))).toThrow(message);
  });

  it('a date listed twice', () => {
    expect(() => parseOfficialSchedules({ years: [{ year: 2027, entries: [entry, entry] }] })).toThrow(/appears twice/);
  });
});
