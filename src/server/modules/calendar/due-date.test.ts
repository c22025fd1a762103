import { describe, it, expect } from 'vitest';
import {
  computeDueAt,
  countWorkingDaysBetween,
  createCalendarRules,
  describeDay,
  extendDueAtForPause,
  formatDateTimeVN,
  loadCalendarRules,
  readOfficialSchedulesFile,
  toVietnamDateTime,
  vietnamInstant,
  workingMinutesBetween,
  type CalendarRules,
} from './working-calendar.js';

// Default hours: Mon–Fri 07:30–11:30 and 13:30–17:00.
const rules = loadCalendarRules();
const at = (date: string, time: string): Date => {
  const [h, m, s] = time.split(':').map(Number);
  return vietnamInstant(date, (h ?? 0) * 60 + (m ?? 0) + (s ?? 0) / 60);
};
const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const due = (r: CalendarRules, date: string, time: string, workingDays: number, lateCutoffRule = false): string =>
  formatDateTimeVN(computeDueAt(r, { receivedAt: at(date, time), workingDays, lateCutoffRule }).dueAt);

describe('ordinary receipts: same clock time N working days later', () => {
  it('Monday 09:00, 3 working days → Thursday 09:00, counting starts Monday', () => {
    const result = computeDueAt(rules, { receivedAt: at('2026-03-16', '09:00'), workingDays: 3, lateCutoffRule: false });
    expect(formatDateTimeVN(result.dueAt)).toBe('19/03/2026 09:00');
    expect(result.countingStartsOn).toBe('2026-03-16');
    expect(result.explanation.at(-1)).toBe('Hẹn trả kết quả: 09:00 Thứ Năm 19/03/2026 (3 ngày làm việc).');
  });

  it('Thursday 14:20, 2 working days → Monday 14:20 (weekend skipped)', () => {
    expect(due(rules, '2026-03-19', '14:20', 2)).toBe('23/03/2026 14:20');
  });

  it('N = 0 (same day) → closing time of the receipt day', () => {
    expect(due(rules, '2026-03-16', '10:00', 0)).toBe('16/03/2026 17:00');
  });
});

describe('the 15:00 rule (procedures that count a receipt after 15:00 from the next working day)', () => {
  it('same-day procedure received 16:10 → next working day, before closing', () => {
    const result = computeDueAt(rules, { receivedAt: at('2026-03-16', '16:10'), workingDays: 0, lateCutoffRule: true });
    expect(formatDateTimeVN(result.dueAt)).toBe('17/03/2026 17:00');
    expect(result.countingStartsOn).toBe('2026-03-17');
    expect(result.explanation.join(' ')).toMatch(/sau 15:00/);
    expect(due(rules, '2026-03-16', '16:10', 0, false)).toBe('16/03/2026 17:00');
  });

  it('3 working days received Monday 15:30 → Tuesday, Wednesday, Thursday → Thursday 17:00', () => {
    expect(due(rules, '2026-03-16', '15:30', 3, true)).toBe('19/03/2026 17:00');
    expect(due(rules, '2026-03-16', '15:30', 3, false)).toBe('19/03/2026 15:30');
  });

  it('15:00:00 exactly is not "after 15:00"; 15:00:30 is', () => {
    expect(due(rules, '2026-03-16', '15:00:00', 1, true)).toBe('17/03/2026 15:00');
    expect(due(rules, '2026-03-16', '15:00:30', 1, true)).toBe('17/03/2026 17:00');
  });

  it('a late receipt on Friday counts from Monday', () => {
    expect(due(rules, '2026-03-20', '16:00', 1, true)).toBe('23/03/2026 17:00');
  });
});

describe('receipts outside working hours', () => {
  it('before opening → counted from 07:30; 1 working day is then the whole day', () => {
    const result = computeDueAt(rules, { receivedAt: at('2026-03-16', '06:45'), workingDays: 1, lateCutoffRule: false });
    expect(formatDateTimeVN(result.dueAt)).toBe('16/03/2026 17:00');
    expect(result.explanation.join(' ')).toMatch(/trước giờ làm việc; tính từ 07:30/);
    expect(due(rules, '2026-03-16', '06:45', 2)).toBe('17/03/2026 17:00');
  });

  it('during the lunch break → counted from 13:30', () => {
    const result = computeDueAt(rules, { receivedAt: at('2026-03-16', '12:10'), workingDays: 1, lateCutoffRule: false });
    expect(formatDateTimeVN(result.dueAt)).toBe('17/03/2026 13:30');
    expect(result.explanation.join(' ')).toMatch(/nghỉ giữa hai buổi; tính từ 13:30/);
  });

  it('after closing → counted from the next morning', () => {
    expect(due(rules, '2026-03-16', '18:00', 1)).toBe('17/03/2026 17:00');
    expect(due(rules, '2026-03-16', '17:00', 0)).toBe('17/03/2026 17:00');
  });

  it('on a weekend (e.g. submitted online) → counted from Monday', () => {
    const result = computeDueAt(rules, { receivedAt: at('2026-03-14', '10:00'), workingDays: 1, lateCutoffRule: false });
    expect(result.countingStartsOn).toBe('2026-03-16');
    expect(formatDateTimeVN(result.dueAt)).toBe('16/03/2026 17:00');
    expect(result.explanation[1]).toBe('Thứ Bảy 14/03/2026 không phải ngày làm việc (nghỉ hằng tuần); tính từ đầu ngày làm việc tiếp theo, Thứ Hai 16/03/2026.');
    expect(due(rules, '2026-03-15', '23:59', 0)).toBe('16/03/2026 17:00');
  });
});

describe('holidays and swapped days', () => {
  it('across Tết 2026: Friday 13/02 09:00 + 3 → Wednesday 25/02 09:00, the break listed', () => {
    const result = computeDueAt(rules, { receivedAt: at('2026-02-13', '09:00'), workingDays: 3, lateCutoffRule: false });
    expect(formatDateTimeVN(result.dueAt)).toBe('25/02/2026 09:00');
    expect(result.explanation.join('\n')).toMatch(/Không tính 14\/02\/2026–22\/02\/2026 \(9 ngày nghỉ\): .*Tết Âm lịch/);
  });

  it('received during Tết (online) → counted from Monday 23/02', () => {
    const result = computeDueAt(rules, { receivedAt: at('2026-02-18', '10:00'), workingDays: 1, lateCutoffRule: false });
    expect(result.countingStartsOn).toBe('2026-02-23');
    expect(formatDateTimeVN(result.dueAt)).toBe('23/02/2026 17:00');
  });

  it('the make-up Saturday 22/08/2026 counts as a working day', () => {
    const result = computeDueAt(rules, { receivedAt: at('2026-08-21', '10:00'), workingDays: 1, lateCutoffRule: false });
    expect(formatDateTimeVN(result.dueAt)).toBe('22/08/2026 10:00');
    expect(result.explanation.join('\n')).toMatch(/Thứ Bảy 22\/08\/2026 là ngày làm việc/);
    expect(due(rules, '2026-08-21', '10:00', 2)).toBe('24/08/2026 10:00');
  });

  it('across Quốc khánh 2026 (31/08–02/09 off): Friday 28/08 + 2 → Friday 04/09', () => {
    expect(due(rules, '2026-08-28', '10:00', 2)).toBe('04/09/2026 10:00');
  });

  it('across the 2025 swap: Friday 25/04/2025 + 1 → Saturday 26/04 (make-up), + 2 → Monday 28/04, + 3 → Tuesday 29/04, + 4 → Monday 05/05', () => {
    expect(due(rules, '2025-04-25', '09:00', 1)).toBe('26/04/2025 09:00');
    expect(due(rules, '2025-04-25', '09:00', 4)).toBe('05/05/2025 09:00');
  });
});

describe('a center that also opens Saturday 07:30–11:30', () => {
  const sat = createCalendarRules({ officialSchedules: readOfficialSchedulesFile(), workingWeek: { 6: [{ start: '07:30', end: '11:30' }] } });

  it('a Saturday receipt counts that Saturday', () => {
    expect(due(sat, '2026-03-14', '09:00', 0)).toBe('14/03/2026 11:30');
    expect(due(sat, '2026-03-14', '09:00', 1)).toBe('16/03/2026 09:00');
    expect(due(rules, '2026-03-14', '09:00', 0)).toBe('16/03/2026 17:00'); // a Mon–Fri center
  });

  it('Friday + 1 lands on Saturday, no later than its 11:30 closing', () => {
    expect(due(sat, '2026-03-13', '09:00', 1)).toBe('14/03/2026 09:00');
    expect(due(sat, '2026-03-13', '16:00', 1)).toBe('14/03/2026 11:30');
  });

  it('a Saturday receipt after closing counts from Monday', () => {
    expect(due(sat, '2026-03-14', '12:00', 0)).toBe('16/03/2026 17:00');
  });
});

describe('fractional working days (internal steps of 0.5 day)', () => {
  const eightHours = createCalendarRules({
    workingWeek: Object.fromEntries(
      [1, 2, 3, 4, 5].map((d) => [d, [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }]]),
    ),
  });

  it('half a day from opening ends with the morning session, not after lunch', () => {
    expect(due(eightHours, '2026-03-16', '07:30', 0.5)).toBe('16/03/2026 11:30');
  });

  it('half a day from 14:00 → 08:30 next morning; 1.5 days from 09:00 → 14:30 next day (4 h of work after 09:00)', () => {
    expect(due(eightHours, '2026-03-16', '14:00', 0.5)).toBe('17/03/2026 08:30');
    expect(due(eightHours, '2026-03-16', '09:00', 1.5)).toBe('17/03/2026 14:30');
  });

  it('rejects negative or non-finite limits', () => {
    expect(() => computeDueAt(rules, { receivedAt: at('2026-03-16', '09:00'), workingDays: -1, lateCutoffRule: false })).toThrow(RangeError);
    expect(() => computeDueAt(rules, { receivedAt: at('2026-03-16', '09:00'), workingDays: Number.NaN, lateCutoffRule: false })).toThrow(RangeError);
  });
});

describe('every due time is inside working hours, monotonic, and between N days of office time and the Civil Code bound', () => {
  it('holds for receipts every 131 minutes from 05/02 to 05/03/2026 (Tết) and 15/08 to 10/09/2026', () => {
    const sat = createCalendarRules({ officialSchedules: readOfficialSchedulesFile(), workingWeek: { 6: [{ start: '07:30', end: '11:30' }] } });
    for (const r of [rules, sat]) {
      for (const [from, to] of [
        ['2026-02-05', '2026-03-05'],
        ['2026-08-15', '2026-09-10'],
      ] as const) {
        for (const n of [0, 0.5, 1, 3, 7]) {
          for (const cutoff of [false, true]) {
            let previous = 0;
            for (let t = at(from, '00:00').getTime(); t < at(to, '00:00').getTime(); t += 131 * 60_000) {
              const { dueAt } = computeDueAt(r, { receivedAt: new Date(t), workingDays: n, lateCutoffRule: cutoff });
              const d = toVietnamDateTime(dueAt);
              const day = describeDay(r, d.date);
              expect(day.working).toBe(true);
              const spans = day.sessions.map((s) => [minutesOf(s.start), minutesOf(s.end)] as const);
              const opening = spans[0]?.[0] ?? 0;
              const inside = d.minutes > opening && spans.some(([a, b]) => d.minutes >= a && d.minutes <= b);
              expect(inside, `${new Date(t).toISOString()} + ${n} → ${formatDateTimeVN(dueAt)}`).toBe(true);
              expect(dueAt.getTime()).toBeGreaterThanOrEqual(previous);
              expect(dueAt.getTime()).toBeGreaterThan(t);
              previous = dueAt.getTime();
              const receivedOn = toVietnamDateTime(new Date(t)).date;
              // Never later than the Civil Code reading (the receipt day not counted, N days after it).
              if (n >= 1) expect(countWorkingDaysBetween(r, receivedOn, d.date)).toBeLessThanOrEqual(n);
              // Never less than N days of office time (all weekdays have the same hours in `rules`).
              if (r === rules) expect(workingMinutesBetween(r, new Date(t), dueAt)).toBeGreaterThanOrEqual(Math.round(n * 450));
            }
          }
        }
      }
    }
  });
});

describe('pauses (supplementation): the due date moves by the working time the dossier waited', () => {
  it('waiting Monday 09:00 → Wednesday 09:00 (2 working days) moves Thursday 09:00 to Monday 09:00', () => {
    const dueAt = at('2026-03-19', '09:00');
    const moved = extendDueAtForPause(rules, dueAt, at('2026-03-16', '09:00'), at('2026-03-18', '09:00'));
    expect(formatDateTimeVN(moved)).toBe('23/03/2026 09:00');
  });

  it('waiting only outside working hours changes nothing', () => {
    const dueAt = at('2026-03-19', '09:00');
    expect(extendDueAtForPause(rules, dueAt, at('2026-03-13', '17:05'), at('2026-03-16', '07:00'))).toEqual(dueAt);
  });

  it('a wait across Tết counts only the working time', () => {
    expect(workingMinutesBetween(rules, at('2026-02-13', '09:00'), at('2026-02-23', '09:00'))).toBe(450);
    const moved = extendDueAtForPause(rules, at('2026-02-26', '17:00'), at('2026-02-13', '09:00'), at('2026-02-23', '09:00'));
    expect(formatDateTimeVN(moved)).toBe('27/02/2026 17:00');
  });

  it('measures working minutes, negative when reversed', () => {
    expect(workingMinutesBetween(rules, at('2026-03-16', '09:00'), at('2026-03-16', '14:00'))).toBe(180);
    expect(workingMinutesBetween(rules, at('2026-03-16', '14:00'), at('2026-03-16', '09:00'))).toBe(-180);
    expect(() => extendDueAtForPause(rules, at('2026-03-19', '09:00'), at('2026-03-18', '09:00'), at('2026-03-16', '09:00'))).toThrow(RangeError);
  });
});
