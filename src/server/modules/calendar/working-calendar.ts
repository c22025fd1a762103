/**
 * Public API of the working-day calendar (pure logic; the only I/O is
 * `readOfficialSchedulesFile`/`loadCalendarRules`, which read seed/calendar/official-schedules.json).
 *
 *   const rules = loadCalendarRules({ workingWeek: { 6: [{ start: '07:30', end: '11:30' }] } });
 *   isWorkingDay(rules, '2026-02-17');                          // false (Tết)
 *   computeDueAt(rules, { receivedAt, workingDays: 3, lateCutoffRule: false }).dueAt;
 *
 * Rules, legal sources and conventions: docs/calendar.md.
 */
import { readOfficialSchedulesFile } from './holidays.js';
import { createCalendarRules, type CalendarRules, type CalendarRulesOptions } from './working-days.js';

export type { CivilDate, IsoWeekday } from './civil-date.js';
export {
  VN_TIME_ZONE,
  formatDateTimeVN,
  formatDateVN,
  formatTimeVN,
  isCivilDate,
  parseClock,
  toVietnamDate,
  toVietnamDateTime,
  vietnamInstant,
  weekdayNameVN,
} from './civil-date.js';
export type {
  CalendarRules,
  CalendarRulesOptions,
  CenterOverrideInput,
  DateOverride,
  DayDescription,
  DayReason,
  OverrideOrigin,
  Session,
  WorkingWeek,
} from './working-days.js';
export {
  DEFAULT_LATE_RECEIPT_CUTOFF,
  DEFAULT_WORKING_WEEK,
  addWorkingDays,
  countWorkingDaysBetween,
  createCalendarRules,
  describeDay,
  describeDays,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  setOverrideEnabled,
  standardDaySessions,
  validateCalendarRules,
} from './working-days.js';
export type { DueAtInput, DueAtResult } from './due-date.js';
export { addWorkingMinutes, computeDueAt, extendDueAtForPause, workingMinutesBetween } from './due-date.js';
export type {
  BuiltInHoliday,
  DecidedHolidayKey,
  HolidayKey,
  OfficialEntry,
  OfficialYearSchedule,
  OverrideKind,
} from './holidays.js';
export {
  builtInHolidays,
  decidedHolidays,
  defaultNationalDayDays,
  defaultTetDays,
  parseOfficialSchedules,
  readOfficialSchedulesFile,
} from './holidays.js';
export type { LunarDateVN } from './lunar.js';
export { formatLunarVN, hungKingsDay, lunarNewYearsEve, lunarToSolar, solarToLunar, tetDate } from './lunar.js';

/**
 * Rules with the official schedules of the repository's seed file plus `options`
 * (`options.officialSchedules`, if given, replaces the file).
 */
export function loadCalendarRules(options: CalendarRulesOptions = {}): CalendarRules {
  return createCalendarRules({ officialSchedules: readOfficialSchedulesFile(), ...options });
}
