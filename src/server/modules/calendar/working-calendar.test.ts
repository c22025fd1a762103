import { describe, it, expect } from 'vitest';
import { toVietnamDateTimeIntl } from './civil-date.js';
import {
  addWorkingDays,
  countWorkingDaysBetween,
  createCalendarRules,
  describeDay,
  describeDays,
  formatDateTimeVN,
  formatDateVN,
  formatTimeVN,
  isWorkingDay,
  loadCalendarRules,
  readOfficialSchedulesFile,
  setOverrideEnabled,
  toVietnamDate,
  toVietnamDateTime,
  vietnamInstant,
} from './working-calendar.js';

const rules = loadCalendarRules();
const SATURDAY_MORNING = { 6: [{ start: '07:30', end: '11:30' }] };

describe('the 2026 official schedule', () => {
  it('Tết Bính Ngọ: closed Saturday 14/02 to Sunday 22/02, open Friday 13/02 and Monday 23/02', () => {
    expect(isWorkingDay(rules, '2026-02-13')).toBe(true);
    for (let d = 14; d <= 22; d++) {
      const day = describeDay(rules, `2026-02-${d}`);
      expect(day, `2026-02-${d}`).toMatchObject({ working: false, reason: 'official_day_off' });
      expect(day.name).toMatch(/Tết Âm lịch/);
    }
    expect(isWorkingDay(rules, '2026-02-23')).toBe(true);
  });

  it('Quốc khánh swap: Monday 31/08 off, Saturday 22/08 a make-up working day with weekday hours', () => {
    expect(describeDay(rules, '2026-08-31')).toMatchObject({ working: false, reason: 'official_day_off' });
    expect(describeDay(rules, '2026-09-01').working).toBe(false);
    expect(describeDay(rules, '2026-09-02').working).toBe(false);
    expect(describeDay(rules, '2026-09-03').working).toBe(true);
    const sat = describeDay(rules, '2026-08-22');
    expect(sat).toMatchObject({ working: true, reason: 'make_up_working_day' });
    expect(sat.sessions).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]);
    expect(isWorkingDay(rules, '2026-08-29')).toBe(false); // an ordinary Saturday
  });

  it('Giỗ Tổ on Sunday 26/04 and the compensatory Monday 27/04', () => {
    expect(describeDay(rules, '2026-04-26')).toMatchObject({ working: false, reason: 'holiday' });
    expect(describeDay(rules, '2026-04-27').working).toBe(false);
    expect(isWorkingDay(rules, '2026-04-28')).toBe(true);
    expect(isWorkingDay(rules, '2026-04-30')).toBe(false);
    expect(isWorkingDay(rules, '2026-05-01')).toBe(false);
  });

  it('Tết Dương lịch: Friday 02/01 off, Saturday 10/01 worked', () => {
    expect(isWorkingDay(rules, '2026-01-01')).toBe(false);
    expect(isWorkingDay(rules, '2026-01-02')).toBe(false);
    expect(describeDay(rules, '2026-01-10')).toMatchObject({ working: true, reason: 'make_up_working_day' });
  });

  it('24/11/2026 (Ngày Văn hóa Việt Nam) is a working day until an administrator enables it', () => {
    expect(describeDay(rules, '2026-11-24')).toMatchObject({ working: true, reason: 'normal' });
    const enabled = setOverrideEnabled(rules, '2026-11-24', 'official', true);
    expect(describeDay(enabled, '2026-11-24')).toMatchObject({ working: false, reason: 'official_day_off', name: 'Ngày Văn hóa Việt Nam (24/11)' });
    expect(isWorkingDay(rules, '2026-11-24')).toBe(true); // the original rules are untouched
    expect(() => setOverrideEnabled(rules, '2026-11-25', 'official', true)).toThrow();
  });

  it('counts 250 working days in 2026 (261 weekdays − 13 days off + 2 make-up Saturdays)', () => {
    expect(describeDays(rules, '2026-01-01', '2026-12-31').filter((d) => d.working)).toHaveLength(250);
  });
});

describe('2025 and years without an official schedule', () => {
  it('2025: the official Tết (27–31/01) replaces the default, so Monday 03/02/2025 is a working day', () => {
    expect(isWorkingDay(rules, '2025-01-27')).toBe(false);
    expect(isWorkingDay(rules, '2025-02-03')).toBe(true);
    const withoutSchedule = createCalendarRules();
    expect(describeDay(withoutSchedule, '2025-02-03')).toMatchObject({ working: false, reason: 'compensatory_day_off' });
  });

  it('2025: 30/04–04/05 off with Saturday 26/04 worked; Giỗ Tổ Monday 07/04; Quốc khánh 01–02/09', () => {
    expect(isWorkingDay(rules, '2025-04-26')).toBe(true);
    expect(isWorkingDay(rules, '2025-05-02')).toBe(false);
    expect(describeDay(rules, '2025-04-07')).toMatchObject({ working: false, reason: 'holiday' });
    expect(isWorkingDay(rules, '2025-09-01')).toBe(false);
    expect(isWorkingDay(rules, '2025-09-03')).toBe(true);
  });

  it('a schedule stored without holiday tags (database rows) still replaces the defaults', () => {
    const untagged = readOfficialSchedulesFile().map((s) => ({
      year: s.year,
      entries: s.entries.map(({ holiday: _holiday, ...rest }) => rest),
    }));
    const r = createCalendarRules({ officialSchedules: untagged });
    expect(isWorkingDay(r, '2025-02-03')).toBe(true);
    expect(describeDays(r, '2025-01-01', '2025-12-31').filter((d) => d.working).length).toBe(
      describeDays(rules, '2025-01-01', '2025-12-31').filter((d) => d.working).length,
    );
  });

  it('2027 (no official schedule yet): default Tết 05–09/02 with compensatory 10–11/02', () => {
    expect(describeDay(rules, '2027-02-05')).toMatchObject({ working: false, reason: 'holiday' });
    expect(describeDay(rules, '2027-02-11')).toMatchObject({ working: false, reason: 'compensatory_day_off' });
    expect(isWorkingDay(rules, '2027-02-12')).toBe(true);
  });
});

describe("the center's own days and weekly pattern", () => {
  const center = createCalendarRules({
    officialSchedules: readOfficialSchedulesFile(),
    workingWeek: SATURDAY_MORNING,
    centerOverrides: [
      { date: '2026-03-10', kind: 'day_off', name: 'Lễ hội địa phương' },
      { date: '2026-03-15', kind: 'working_day', name: 'Tiếp nhận Chủ nhật' },
      { date: '2026-03-17', kind: 'day_off', name: 'Tắt', enabled: false },
      { date: '2026-02-16', kind: 'working_day', name: 'Trực Tết' },
    ],
  });

  it('center days off and working days, disabled entries ignored, center beats the official schedule', () => {
    expect(describeDay(center, '2026-03-10')).toMatchObject({ working: false, reason: 'center_day_off', name: 'Lễ hội địa phương' });
    expect(describeDay(center, '2026-03-15')).toMatchObject({ working: true, reason: 'center_working_day' });
    expect(describeDay(center, '2026-03-15').sessions).toHaveLength(2);
    expect(isWorkingDay(center, '2026-03-17')).toBe(true);
    expect(describeDay(center, '2026-02-16')).toMatchObject({ working: true, reason: 'center_working_day' });
  });

  it('a Saturday-morning center works ordinary Saturdays (morning only) but not Saturdays in the Tết break', () => {
    expect(describeDay(center, '2026-03-14')).toMatchObject({ working: true, reason: 'normal', sessions: [{ start: '07:30', end: '11:30' }] });
    expect(isWorkingDay(center, '2026-03-22')).toBe(false);
    expect(isWorkingDay(center, '2026-02-14')).toBe(false);
    expect(describeDay(center, '2026-08-22').sessions).toHaveLength(2); // make-up Saturday: full weekday hours
  });

  it('rejects invalid rules', () => {
    expect(() => createCalendarRules({ workingWeek: { 1: [{ start: '13:00', end: '11:00' }] } })).toThrow(/ends before/);
    expect(() =>
      createCalendarRules({ workingWeek: { 1: [{ start: '07:30', end: '12:00' }, { start: '11:00', end: '17:00' }] } }),
    ).toThrow(/overlap/);
    expect(() => createCalendarRules({ lateReceiptCutoff: '3pm' })).toThrow();
    expect(() => createCalendarRules({ workingWeek: { 1: [], 2: [], 3: [], 4: [], 5: [] } })).toThrow(/at least one weekday/);
    expect(() => createCalendarRules({ centerOverrides: [{ date: '2026-02-30', kind: 'day_off', name: 'x' }] })).toThrow();
  });
});

describe('addWorkingDays and countWorkingDaysBetween', () => {
  it('rolls forward to a working day, then moves on', () => {
    expect(addWorkingDays(rules, '2026-03-16', 0)).toBe('2026-03-16');
    expect(addWorkingDays(rules, '2026-03-13', 1)).toBe('2026-03-16'); // Fri → Mon
    expect(addWorkingDays(rules, '2026-03-14', 0)).toBe('2026-03-16'); // Sat → Mon
    expect(addWorkingDays(rules, '2026-03-14', 1)).toBe('2026-03-17'); // Sat → Tue
    expect(addWorkingDays(rules, '2026-02-13', 1)).toBe('2026-02-23'); // across Tết
    expect(addWorkingDays(rules, '2026-08-21', 1)).toBe('2026-08-22'); // the make-up Saturday counts
    expect(addWorkingDays(rules, '2026-08-28', 1)).toBe('2026-09-03'); // 31/08–02/09 off
    expect(() => addWorkingDays(rules, '2026-03-16', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(rules, '2026-03-16', 1.5)).toThrow(RangeError);
  });

  it('counts working days in (from, to], negative when reversed', () => {
    expect(countWorkingDaysBetween(rules, '2026-01-31', '2026-02-28')).toBe(15); // 20 weekdays − 5 Tết days
    expect(countWorkingDaysBetween(rules, '2026-02-28', '2026-01-31')).toBe(-15);
    expect(countWorkingDaysBetween(rules, '2026-03-16', '2026-03-16')).toBe(0);
  });

  it('is the inverse of addWorkingDays from a working day', () => {
    for (const start of ['2026-02-12', '2026-04-24', '2026-08-20', '2026-12-30']) {
      for (const n of [0, 1, 2, 5, 10, 22]) {
        expect(countWorkingDaysBetween(rules, start, addWorkingDays(rules, start, n))).toBe(n);
      }
    }
  });
});

describe('dates and times in Asia/Ho_Chi_Minh', () => {
  it('formats dd/mm/yyyy and HH:mm in Vietnam time whatever the server zone', () => {
    expect(formatDateVN('2026-02-17')).toBe('17/02/2026');
    const instant = new Date('2026-02-16T17:30:00Z');
    expect(formatDateVN(instant)).toBe('17/02/2026');
    expect(formatTimeVN(instant)).toBe('00:30');
    expect(formatDateTimeVN(instant)).toBe('17/02/2026 00:30');
  });

  it('the Vietnamese day starts at 17:00 UTC', () => {
    expect(toVietnamDate(new Date('2026-02-16T16:59:59Z'))).toBe('2026-02-16');
    expect(toVietnamDate(new Date('2026-02-16T17:00:00Z'))).toBe('2026-02-17');
    expect(vietnamInstant('2026-02-17', 0).toISOString()).toBe('2026-02-16T17:00:00.000Z');
  });

  it('the fixed +07:00 offset agrees with the time-zone database (Intl, Asia/Ho_Chi_Minh) from 1976 to 2100', () => {
    for (let t = Date.UTC(1976, 0, 1, 0, 0, 7); t < Date.UTC(2100, 0, 1); t += 1_234_567_891) {
      const vt = toVietnamDateTime(new Date(t));
      const viaIntl = toVietnamDateTimeIntl(new Date(t));
      expect(vt.date).toBe(viaIntl.date);
      expect(vt.minutes).toBeCloseTo(viaIntl.minutes, 6);
      expect(vietnamInstant(vt.date, vt.minutes).getTime()).toBe(t);
    }
  });
});
