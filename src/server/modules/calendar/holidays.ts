/**
 * Public holidays built into the product (Bộ luật Lao động 2019, Art. 111–112) and the
 * official yearly schedules that refine them (seed/calendar/official-schedules.json).
 *
 * Built in, for every year (Art. 112(1)):
 *   - Tết Dương lịch 01/01; Ngày Chiến thắng 30/04; Quốc tế Lao động 01/05;
 *   - Giỗ Tổ Hùng Vương, 10/3 âm lịch;
 *   - Tết Âm lịch, 5 days; Quốc khánh 02/09 + one adjacent day. Art. 112(3) leaves the exact
 *     days of these two to the Prime Minister each year, so the product only has a default:
 *       · Tết: the last day of the lunar year + mùng 1 … mùng 4;
 *       · Quốc khánh: 02/09 + 01/09, except 02/09 + 03/09 when 02/09 is a Monday, Thursday or
 *         Sunday (the adjacent day that joins the break to a weekend; this reproduces the
 *         official choices of 2021, 2024, 2025 and 2026).
 *   - Art. 111(3): a holiday falling on the weekly rest day (Saturday/Sunday for public
 *     servants, QĐ 188/1999/QĐ-TTg) gives a compensatory day off on the next working day
 *     (the next Mon–Fri that is not itself a holiday or another holiday's compensatory day).
 *
 * Official schedules (data) win for their year: when a year's schedule has entries tagged
 * `holiday: 'tet'` (or `'national_day'`) — or any official day off near that holiday, see
 * `decidedHolidays` — those entries ARE that year's Tết (Quốc khánh) and the default above,
 * including its compensatory days, is not applied: the Prime Minister's decision already places
 * the days on weekdays. Swaps (day off + make-up working Saturday) and
 * extra or uncertain days (e.g. Ngày Văn hóa Việt Nam 24/11, `enabledByDefault: false`) are
 * plain entries. See docs/calendar.md.
 */
import { readFileSync } from 'node:fs';
import { addCalendarDays, isCivilDate, isoWeekday, makeCivilDate, type CivilDate } from './civil-date.js';
import { formatLunarVN, hungKingsDay, lunarNewYearsEve, solarToLunar } from './lunar.js';

/** The holidays of Labor Code 2019 Art. 112(1). */
export type HolidayKey = 'new_year' | 'tet' | 'hung_kings' | 'victory_day' | 'labour_day' | 'national_day';
/** Holidays whose exact days the Prime Minister decides each year (Art. 112(3)). */
export type DecidedHolidayKey = 'tet' | 'national_day';

export interface BuiltInHoliday {
  date: CivilDate;
  key: HolidayKey;
  /** Vietnamese name, e.g. 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)' or 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 Âm lịch)'. */
  name: string;
  /** True for a compensatory day off under Art. 111(3). */
  compensatory: boolean;
}

export type OverrideKind = 'day_off' | 'working_day';

/** One entry of an official yearly schedule, as stored in seed/calendar/official-schedules.json. */
export interface OfficialEntry {
  date: CivilDate;
  kind: OverrideKind;
  /** Vietnamese name shown to staff and citizens. */
  name: string;
  /** Where the entry comes from (document number, date, or the page that reported it). */
  source: string;
  /** Marks the day as part of Tết / Quốc khánh for that year (replaces the computed default). */
  holiday?: DecidedHolidayKey;
  /** The entry could not be confirmed against an official text. */
  uncertain?: boolean;
  /** False for days an administrator must switch on (legal status unclear). Default true. */
  enabledByDefault?: boolean;
  note?: string;
}

export interface OfficialYearSchedule {
  year: number;
  entries: readonly OfficialEntry[];
}

/** Years for which holidays can be computed (lunar library range; Vietnam on UTC+7). */
export const HOLIDAY_YEAR_RANGE = { min: 1976, max: 2198 } as const;

const FIXED: readonly { month: number; day: number; key: HolidayKey; name: string }[] = [
  { month: 1, day: 1, key: 'new_year', name: 'Tết Dương lịch' },
  { month: 4, day: 30, key: 'victory_day', name: 'Ngày Chiến thắng (30/4)' },
  { month: 5, day: 1, key: 'labour_day', name: 'Ngày Quốc tế Lao động (1/5)' },
];

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < HOLIDAY_YEAR_RANGE.min || year > HOLIDAY_YEAR_RANGE.max) {
    throw new RangeError(`Holidays are computed for ${HOLIDAY_YEAR_RANGE.min}–${HOLIDAY_YEAR_RANGE.max}, not ${year}`);
  }
}

/** Default Tết days of `year` (no official schedule): last day of the lunar year + mùng 1–4. */
export function defaultTetDays(year: number): CivilDate[] {
  checkYear(year);
  const eve = lunarNewYearsEve(year);
  return [0, 1, 2, 3, 4].map((i) => addCalendarDays(eve, i));
}

/** Default Quốc khánh days of `year` (no official schedule), in date order. */
export function defaultNationalDayDays(year: number): CivilDate[] {
  checkYear(year);
  const sep2 = makeCivilDate(year, 9, 2);
  const wd = isoWeekday(sep2);
  const after = wd === 1 || wd === 4 || wd === 7;
  return after ? [sep2, makeCivilDate(year, 9, 3)] : [makeCivilDate(year, 9, 1), sep2];
}

/**
 * Which of Tết / Quốc khánh an official year's entries decide: those tagged with `holiday`, and
 * also any holiday with an official day off in its window (Tết: 7 days before to 10 days after
 * the default's first day; Quốc khánh: 25/08–07/09). The window makes schedules stored without
 * the tag (e.g. in a database table) behave the same as the seed file.
 */
export function decidedHolidays(
  year: number,
  entries: readonly { date: CivilDate; kind: OverrideKind; holiday?: DecidedHolidayKey }[],
): Set<DecidedHolidayKey> {
  checkYear(year);
  const decided = new Set<DecidedHolidayKey>();
  const eve = lunarNewYearsEve(year);
  const tetFrom = addCalendarDays(eve, -7);
  const tetTo = addCalendarDays(eve, 10);
  for (const e of entries) {
    if (!e.date.startsWith(`${year}-`)) continue;
    if (e.holiday) decided.add(e.holiday);
    if (e.kind !== 'day_off') continue;
    if (e.date >= tetFrom && e.date <= tetTo) decided.add('tet');
    if (e.date >= `${year}-08-25` && e.date <= `${year}-09-07`) decided.add('national_day');
  }
  return decided;
}

export interface BuiltInHolidayOptions {
  /** Holidays this year's official schedule decides; their defaults are left out. */
  decidedOfficially?: ReadonlySet<DecidedHolidayKey>;
  /**
   * Official days off of the year. Not used to place compensatory days: official notices list
   * the compensatory day itself (Monday 27/04/2026 for Giỗ Tổ on Sunday 26/04), so an official
   * day off on the next weekday is that same day, not a reason to move it one day further.
   * Accepted so callers can pass the whole schedule.
   */
  officialDaysOff?: ReadonlySet<CivilDate>;
}

/**
 * The built-in holidays of `year` (Art. 112) with Art. 111(3) compensatory days, sorted by date.
 * A date appears once (if two holidays coincide, the names are joined; no extra day is given).
 */
export function builtInHolidays(year: number, options: BuiltInHolidayOptions = {}): BuiltInHoliday[] {
  checkYear(year);
  const decided = options.decidedOfficially ?? new Set<DecidedHolidayKey>();
  const byDate = new Map<CivilDate, BuiltInHoliday>();
  const add = (date: CivilDate, key: HolidayKey, name: string): void => {
    const existing = byDate.get(date);
    if (existing) existing.name = `${existing.name}; ${name}`;
    else byDate.set(date, { date, key, name, compensatory: false });
  };
  for (const f of FIXED) add(makeCivilDate(year, f.month, f.day), f.key, f.name);
  add(hungKingsDay(year), 'hung_kings', 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)');
  if (!decided.has('tet')) {
    for (const d of defaultTetDays(year)) add(d, 'tet', `Tết Âm lịch (${formatLunarVN(solarToLunar(d))})`);
  }
  if (!decided.has('national_day')) {
    for (const d of defaultNationalDayDays(year)) {
      add(d, 'national_day', d.endsWith('-09-02') ? 'Quốc khánh (2/9)' : 'Quốc khánh (ngày liền kề 2/9)');
    }
  }
  const holidays = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const taken = new Set<CivilDate>(byDate.keys());
  const result = [...holidays];
  for (const h of holidays) {
    if (isoWeekday(h.date) < 6) continue;
    let d = addCalendarDays(h.date, 1);
    while (isoWeekday(d) >= 6 || taken.has(d)) d = addCalendarDays(d, 1);
    taken.add(d);
    result.push({ date: d, key: h.key, name: `Nghỉ bù ${h.name}`, compensatory: true });
  }
  return result.sort((a, b) => (a.date < b.date ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Official schedules (data file)

/** Where the official schedules live in the repository (same relative path from src/ and dist/). */
export const DEFAULT_OFFICIAL_SCHEDULES_URL = new URL('../../../../seed/calendar/official-schedules.json', import.meta.url);

function fail(path: string, message: string): never {
  throw new Error(`official schedules: ${path}: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalBoolean(o: Record<string, unknown>, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') fail(path, `'${key}' must be true or false`);
  return v;
}

function requiredString(o: Record<string, unknown>, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') fail(path, `'${key}' must be a non-empty string`);
  return v;
}

const ENTRY_KEYS = new Set(['date', 'kind', 'name', 'source', 'holiday', 'uncertain', 'enabledByDefault', 'note']);

function parseEntry(raw: unknown, year: number, path: string): OfficialEntry {
  if (!isRecord(raw)) fail(path, 'must be an object');
  for (const k of Object.keys(raw)) if (!ENTRY_KEYS.has(k)) fail(path, `unknown field '${k}'`);
  const date = requiredString(raw, 'date', path);
  if (!isCivilDate(date)) fail(path, `'date' must be a real 'YYYY-MM-DD' date, got ${JSON.stringify(date)}`);
  if (!date.startsWith(`${year}-`)) fail(path, `date ${date} is not in year ${year}`);
  const kind = raw['kind'];
  if (kind !== 'day_off' && kind !== 'working_day') fail(path, `'kind' must be 'day_off' or 'working_day'`);
  const entry: OfficialEntry = {
    date,
    kind,
    name: requiredString(raw, 'name', path),
    source: requiredString(raw, 'source', path),
  };
  const holiday = raw['holiday'];
  if (holiday !== undefined) {
    if (holiday !== 'tet' && holiday !== 'national_day') fail(path, `'holiday' must be 'tet' or 'national_day'`);
    if (kind !== 'day_off') fail(path, `'holiday' is only allowed on a day_off`);
    entry.holiday = holiday;
  }
  const uncertain = optionalBoolean(raw, 'uncertain', path);
  if (uncertain !== undefined) entry.uncertain = uncertain;
  const enabledByDefault = optionalBoolean(raw, 'enabledByDefault', path);
  if (enabledByDefault !== undefined) entry.enabledByDefault = enabledByDefault;
  const note = raw['note'];
  if (note !== undefined) {
    if (typeof note !== 'string') fail(path, `'note' must be a string`);
    entry.note = note;
  }
  return entry;
}

/**
 * Validates the content of official-schedules.json (`{ "years": [ { "year", "entries": [...] } ] }`)
 * and returns it typed. Throws an Error naming the offending entry.
 */
export function parseOfficialSchedules(json: unknown): OfficialYearSchedule[] {
  if (!isRecord(json)) fail('$', 'must be an object');
  const years = json['years'];
  if (!Array.isArray(years)) fail('$', `'years' must be an array`);
  const seenYears = new Set<number>();
  return years.map((rawYear: unknown, i): OfficialYearSchedule => {
    const path = `years[${i}]`;
    if (!isRecord(rawYear)) fail(path, 'must be an object');
    const year = rawYear['year'];
    if (typeof year !== 'number' || !Number.isInteger(year)) fail(path, `'year' must be an integer`);
    if (seenYears.has(year)) fail(path, `year ${year} appears twice`);
    seenYears.add(year);
    const rawEntries = rawYear['entries'];
    if (!Array.isArray(rawEntries)) fail(path, `'entries' must be an array`);
    const seenDates = new Set<CivilDate>();
    const entries = rawEntries.map((e: unknown, j) => {
      const entry = parseEntry(e, year, `${path}.entries[${j}]`);
      if (seenDates.has(entry.date)) fail(`${path}.entries[${j}]`, `date ${entry.date} appears twice`);
      seenDates.add(entry.date);
      return entry;
    });
    return { year, entries };
  });
}

/** Reads and validates the official schedules file (I/O; everything else in this module is pure). */
export function readOfficialSchedulesFile(file: string | URL = DEFAULT_OFFICIAL_SCHEDULES_URL): OfficialYearSchedule[] {
  return parseOfficialSchedules(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}
