/**
 * Working days of a ward/commune Public Administrative Service Center: the `CalendarRules`
 * value and the day-level functions over it (pure: no I/O, no clock). Import the public API
 * from './working-calendar.js'. Rules and conventions: docs/calendar.md.
 *
 * Precedence when describing a day: the center's own enabled override > an enabled official
 * schedule entry > a built-in holiday (Labor Code 2019 Art. 111–112, holidays.ts) > the
 * center's weekly pattern.
 */
import {
  addCalendarDays,
  fromDayNumber,
  isoWeekday,
  parseClock,
  parseCivilDate,
  toDayNumber,
  type CivilDate,
  type IsoWeekday,
} from './civil-date.js';
import {
  builtInHolidays,
  decidedHolidays,
  type BuiltInHoliday,
  type DecidedHolidayKey,
  type OfficialYearSchedule,
  type OverrideKind,
} from './holidays.js';

/** A period the center is open, wall-clock 'HH:mm' in Vietnam, `start` < `end`. */
export interface Session {
  start: string;
  end: string;
}

/** ISO weekday (1 = Monday … 7 = Sunday) → the day's sessions, in order; empty = closed. */
export type WorkingWeek = Readonly<Record<IsoWeekday, readonly Session[]>>;

export type OverrideOrigin = 'official' | 'center';

/** A dated exception: an official schedule entry or one of the center's own. */
export interface DateOverride {
  date: CivilDate;
  kind: OverrideKind;
  name: string;
  origin: OverrideOrigin;
  /** Disabled overrides are kept (so an admin can switch them on) but ignored. */
  enabled: boolean;
  /** Official entries only: this day belongs to that year's Tết / Quốc khánh (replaces the default). */
  holiday?: DecidedHolidayKey;
  source?: string;
  uncertain?: boolean;
}

export interface CalendarRules {
  /** Always Asia/Ho_Chi_Minh (UTC+7, no DST since 1975). */
  timeZone: 'Asia/Ho_Chi_Minh';
  workingWeek: WorkingWeek;
  /** Receipts after this time count from the next working day, for procedures with the 15:00 rule. */
  lateReceiptCutoff: string;
  overrides: readonly DateOverride[];
}

export type DayReason =
  | 'normal'
  | 'weekend'
  | 'holiday'
  | 'compensatory_day_off'
  | 'official_day_off'
  | 'make_up_working_day'
  | 'center_day_off'
  | 'center_working_day';

export interface DayDescription {
  date: CivilDate;
  working: boolean;
  reason: DayReason;
  /** Vietnamese name of the holiday / override, if any. */
  name?: string;
  /** The sessions the center is open that day (empty if not working). */
  sessions: readonly Session[];
}

const MORNING: Session = { start: '07:30', end: '11:30' };
const AFTERNOON: Session = { start: '13:30', end: '17:00' };

/** Mon–Fri 07:30–11:30 and 13:30–17:00 (QĐ 188/1999 five-day week; same as the centers module); weekend closed. */
export const DEFAULT_WORKING_WEEK: WorkingWeek = {
  1: [MORNING, AFTERNOON],
  2: [MORNING, AFTERNOON],
  3: [MORNING, AFTERNOON],
  4: [MORNING, AFTERNOON],
  5: [MORNING, AFTERNOON],
  6: [],
  7: [],
};

export const DEFAULT_LATE_RECEIPT_CUTOFF = '15:00';

export interface CenterOverrideInput {
  date: CivilDate;
  kind: OverrideKind;
  name: string;
  enabled?: boolean;
}

export interface CalendarRulesOptions {
  /** Days given here replace the default's (e.g. `{ 6: [{ start: '07:30', end: '11:30' }] }` opens Saturday mornings). */
  workingWeek?: Partial<Record<IsoWeekday, readonly Session[]>>;
  lateReceiptCutoff?: string;
  /** Usually `readOfficialSchedulesFile()`. */
  officialSchedules?: readonly OfficialYearSchedule[];
  centerOverrides?: readonly CenterOverrideInput[];
}

const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

function mapWeek(f: (wd: IsoWeekday) => readonly Session[]): WorkingWeek {
  return { 1: f(1), 2: f(2), 3: f(3), 4: f(4), 5: f(5), 6: f(6), 7: f(7) };
}

/** Builds validated, frozen rules. Official entries keep their `enabledByDefault` (default true). */
export function createCalendarRules(options: CalendarRulesOptions = {}): CalendarRules {
  const given = options.workingWeek ?? {};
  const week = mapWeek((wd) => given[wd] ?? DEFAULT_WORKING_WEEK[wd]);
  const overrides: DateOverride[] = [];
  for (const schedule of options.officialSchedules ?? []) {
    for (const e of schedule.entries) {
      const o: DateOverride = { date: e.date, kind: e.kind, name: e.name, origin: 'official', enabled: e.enabledByDefault ?? true, source: e.source };
      if (e.holiday) o.holiday = e.holiday;
      if (e.uncertain) o.uncertain = true;
      overrides.push(o);
    }
  }
  for (const c of options.centerOverrides ?? []) {
    overrides.push({ date: c.date, kind: c.kind, name: c.name, origin: 'center', enabled: c.enabled ?? true });
  }
  return freezeRules({
    timeZone: 'Asia/Ho_Chi_Minh',
    workingWeek: week,
    lateReceiptCutoff: options.lateReceiptCutoff ?? DEFAULT_LATE_RECEIPT_CUTOFF,
    overrides,
  });
}

/** Throws an Error describing the first problem found in `rules`. */
export function validateCalendarRules(rules: CalendarRules): void {
  if (rules.timeZone !== 'Asia/Ho_Chi_Minh') throw new Error(`timeZone must be 'Asia/Ho_Chi_Minh'`);
  parseClock(rules.lateReceiptCutoff);
  for (const wd of WEEKDAYS) {
    const sessions: unknown = rules.workingWeek[wd];
    if (!Array.isArray(sessions)) throw new Error(`weekday ${wd}: sessions must be a list`);
    let previousEnd = -1;
    for (const s of rules.workingWeek[wd]) {
      const start = parseClock(s.start);
      const end = parseClock(s.end);
      if (start >= end) throw new Error(`weekday ${wd}: session ${s.start}–${s.end} ends before it starts`);
      if (start < previousEnd) throw new Error(`weekday ${wd}: sessions overlap or are out of order at ${s.start}`);
      previousEnd = end;
    }
  }
  if (![1, 2, 3, 4, 5].some((wd) => rules.workingWeek[wd as IsoWeekday].length > 0)) {
    throw new Error('the working week needs at least one weekday (Mon–Fri) with sessions');
  }
  const seen = new Set<string>();
  for (const o of rules.overrides) {
    parseCivilDate(o.date);
    const key = `${o.origin} ${o.date}`;
    if (seen.has(key)) throw new Error(`two ${o.origin} overrides for ${o.date}`);
    seen.add(key);
  }
}

function freezeRules(rules: CalendarRules): CalendarRules {
  validateCalendarRules(rules);
  const week = mapWeek((wd) => Object.freeze(rules.workingWeek[wd].map((s) => Object.freeze({ start: s.start, end: s.end }))));
  return Object.freeze({
    ...rules,
    workingWeek: Object.freeze(week),
    overrides: Object.freeze(rules.overrides.map((o) => Object.freeze({ ...o }))),
  });
}

/** New rules with the override of `origin` on `date` switched on/off (e.g. enabling 24/11/2026). */
export function setOverrideEnabled(rules: CalendarRules, date: CivilDate, origin: OverrideOrigin, enabled: boolean): CalendarRules {
  if (!rules.overrides.some((o) => o.date === date && o.origin === origin)) {
    throw new Error(`no ${origin} override on ${date}`);
  }
  return freezeRules({
    ...rules,
    overrides: rules.overrides.map((o) => (o.date === date && o.origin === origin ? { ...o, enabled } : o)),
  });
}

// ---------------------------------------------------------------------------------------------
// Day lookup

interface RulesIndex {
  center: Map<CivilDate, DateOverride>;
  official: Map<CivilDate, DateOverride>;
  holidays: Map<number, Map<CivilDate, BuiltInHoliday>>;
  days: Map<CivilDate, DayDescription>;
}

const indexes = new WeakMap<CalendarRules, RulesIndex>();

function indexOf(rules: CalendarRules): RulesIndex {
  let idx = indexes.get(rules);
  if (!idx) {
    idx = { center: new Map(), official: new Map(), holidays: new Map(), days: new Map() };
    for (const o of rules.overrides) {
      if (o.enabled) (o.origin === 'center' ? idx.center : idx.official).set(o.date, o);
    }
    indexes.set(rules, idx);
  }
  return idx;
}

function holidaysOfYear(rules: CalendarRules, idx: RulesIndex, year: number): Map<CivilDate, BuiltInHoliday> {
  let map = idx.holidays.get(year);
  if (!map) {
    const official = rules.overrides.filter((o) => o.origin === 'official' && o.date.startsWith(`${year}-`));
    const decided = decidedHolidays(year, official);
    map = new Map(builtInHolidays(year, { decidedOfficially: decided }).map((h) => [h.date, h]));
    idx.holidays.set(year, map);
  }
  return map;
}

/** The sessions of an ordinary weekday: those of the first Mon–Fri day that has any. */
export function standardDaySessions(rules: CalendarRules): readonly Session[] {
  for (const d of [1, 2, 3, 4, 5] as const) if (rules.workingWeek[d].length > 0) return rules.workingWeek[d];
  return [];
}

/** Sessions used on a working_day override: the day's own if it is a Mon–Fri working day, else the standard weekday's. */
function workingDaySessions(rules: CalendarRules, date: CivilDate): readonly Session[] {
  const wd = isoWeekday(date);
  const own = rules.workingWeek[wd];
  return wd <= 5 && own.length > 0 ? own : standardDaySessions(rules);
}

/** Whether the center works on `date`, why, and its sessions (a frozen, cached object). */
export function describeDay(rules: CalendarRules, date: CivilDate): DayDescription {
  const idx = indexOf(rules);
  let day = idx.days.get(date);
  if (!day) {
    day = Object.freeze(computeDay(rules, idx, date));
    idx.days.set(date, day);
  }
  return day;
}

function computeDay(rules: CalendarRules, idx: RulesIndex, date: CivilDate): DayDescription {
  const { year } = parseCivilDate(date);
  const closed = (reason: DayReason, name?: string): DayDescription =>
    name === undefined ? { date, working: false, reason, sessions: [] } : { date, working: false, reason, name, sessions: [] };
  const override = idx.center.get(date) ?? idx.official.get(date);
  if (override) {
    const center = override.origin === 'center';
    if (override.kind === 'day_off') return closed(center ? 'center_day_off' : 'official_day_off', override.name);
    const reason = center ? 'center_working_day' : 'make_up_working_day';
    return { date, working: true, reason, name: override.name, sessions: workingDaySessions(rules, date) };
  }
  const holiday = holidaysOfYear(rules, idx, year).get(date);
  if (holiday) return closed(holiday.compensatory ? 'compensatory_day_off' : 'holiday', holiday.name);
  const sessions = rules.workingWeek[isoWeekday(date)];
  if (sessions.length === 0) return closed('weekend');
  return { date, working: true, reason: 'normal', sessions };
}

export function isWorkingDay(rules: CalendarRules, date: CivilDate): boolean {
  return describeDay(rules, date).working;
}

/** `describeDay` for every date from `from` to `to` inclusive (e.g. to show a year's schedule). */
export function describeDays(rules: CalendarRules, from: CivilDate, to: CivilDate): DayDescription[] {
  const out: DayDescription[] = [];
  for (let n = toDayNumber(from); n <= toDayNumber(to); n++) out.push(describeDay(rules, fromDayNumber(n)));
  return out;
}

const SEARCH_LIMIT_DAYS = 3660;

function stepToWorkingDay(rules: CalendarRules, date: CivilDate, step: 1 | -1): CivilDate {
  let d = date;
  for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
    d = addCalendarDays(d, step);
    if (isWorkingDay(rules, d)) return d;
  }
  throw new Error(`no working day within ${SEARCH_LIMIT_DAYS} days of ${date}`);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(rules: CalendarRules, date: CivilDate): CivilDate {
  return stepToWorkingDay(rules, date, 1);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(rules: CalendarRules, date: CivilDate): CivilDate {
  return stepToWorkingDay(rules, date, -1);
}

/**
 * Rolls `date` forward to a working day (itself if working), then moves `n` working days on.
 * `n = 0` → the date itself if working, else the next working day. E.g. Friday + 1 → Monday;
 * Saturday + 0 → Monday; Saturday + 1 → Tuesday.
 */
export function addWorkingDays(rules: CalendarRules, date: CivilDate, n: number): CivilDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  let d = isWorkingDay(rules, date) ? date : nextWorkingDay(rules, date);
  for (let i = 0; i < n; i++) d = nextWorkingDay(rules, d);
  return d;
}

/**
 * Number of working days d with `from` < d ≤ `to` (negative if `to` is before `from`).
 * For a working day `from`: countWorkingDaysBetween(r, from, addWorkingDays(r, from, n)) === n.
 */
export function countWorkingDaysBetween(rules: CalendarRules, from: CivilDate, to: CivilDate): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (b < a) return -countWorkingDaysBetween(rules, to, from);
  let count = 0;
  for (let n = a + 1; n <= b; n++) if (isWorkingDay(rules, fromDayNumber(n))) count++;
  return count;
}
