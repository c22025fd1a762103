/**
 * Civil dates ('YYYY-MM-DD'), wall-clock times ('HH:mm') and instants in Vietnam.
 *
 * Vietnam has used UTC+7 without daylight saving since 13/06/1975 (the IANA zone
 * `Asia/Ho_Chi_Minh`). Conversions both ways use the fixed +07:00 offset (valid for every date
 * from 1975-06-13 on, which is all this product handles); `toVietnamDateTimeIntl` does the same
 * through `Intl.DateTimeFormat` and the time-zone database, and the tests check they agree. Civil dates are plain strings so that they compare with `<`/`>` and serialise
 * as-is.
 */

/** A civil (calendar) date in the Gregorian calendar, written 'YYYY-MM-DD'. */
export type CivilDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** UTC offset of Vietnam in minutes (UTC+7, no DST since 1975). */
export const VN_UTC_OFFSET_MINUTES = 7 * 60;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Splits a civil date into numbers; throws a RangeError if it is not a real 'YYYY-MM-DD' date. */
export function parseCivilDate(date: CivilDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (m === null) throw new RangeError(`Not a 'YYYY-MM-DD' date: ${JSON.stringify(date)}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`No such calendar date: ${date}`);
  }
  return { year, month, day };
}

/** True if the string is a real calendar date written 'YYYY-MM-DD'. */
export function isCivilDate(value: unknown): value is CivilDate {
  if (typeof value !== 'string') return false;
  try {
    parseCivilDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Builds 'YYYY-MM-DD' from numbers (month 1–12); throws on an impossible date. */
export function makeCivilDate(year: number, month: number, day: number): CivilDate {
  const s = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  parseCivilDate(s);
  return s;
}

/** Days since 1970-01-01 (day 0). */
export function toDayNumber(date: CivilDate): number {
  const { year, month, day } = parseCivilDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): CivilDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** The civil date `days` calendar days after (or before, if negative) `date`. */
export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function isoWeekday(date: CivilDate): IsoWeekday {
  const dow = new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay(); // 0 = Sunday
  return (dow === 0 ? 7 : dow) as IsoWeekday;
}

/** Minutes after midnight for a 'HH:mm' wall-clock time (00:00–23:59); throws otherwise. */
export function parseClock(time: string): number {
  const m = CLOCK.exec(time);
  if (m === null) throw new RangeError(`Not a 'HH:mm' time: ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 'HH:mm' for minutes after midnight (0–1440; 1440 is written '24:00'). */
export function formatClock(minutes: number): string {
  const whole = Math.round(minutes);
  return `${pad2(Math.floor(whole / 60))}:${pad2(whole % 60)}`;
}

/** The instant at which the Vietnamese wall clock shows `minutesOfDay` on `date` (minutes may be fractional). */
export function vietnamInstant(date: CivilDate, minutesOfDay: number): Date {
  const ms = toDayNumber(date) * MS_PER_DAY + (minutesOfDay - VN_UTC_OFFSET_MINUTES) * MS_PER_MINUTE;
  return new Date(Math.round(ms));
}

/**
 * The Vietnamese civil date and wall-clock time of an instant. `minutes` includes seconds as a
 * fraction. Computed with the fixed +07:00 offset (fast; instants before 1975-06-13 are not
 * supported); `toVietnamDateTimeIntl` is the time-zone-database version the tests compare with.
 */
export function toVietnamDateTime(instant: Date): { date: CivilDate; minutes: number } {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid Date');
  const local = t + VN_UTC_OFFSET_MINUTES * MS_PER_MINUTE;
  const dayNumber = Math.floor(local / MS_PER_DAY);
  return { date: fromDayNumber(dayNumber), minutes: (local - dayNumber * MS_PER_DAY) / MS_PER_MINUTE };
}

const vnParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Same as `toVietnamDateTime`, through `Intl.DateTimeFormat` and the IANA zone Asia/Ho_Chi_Minh. */
export function toVietnamDateTimeIntl(instant: Date): { date: CivilDate; minutes: number } {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid Date');
  const parts: Record<string, number> = {};
  for (const p of vnParts.formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const get = (k: string): number => {
    const v = parts[k];
    if (v === undefined) throw new Error(`Intl did not return '${k}'`);
    return v;
  };
  const ms = ((t % 1000) + 1000) % 1000;
  return {
    date: makeCivilDate(get('year'), get('month'), get('day')),
    minutes: get('hour') * 60 + get('minute') + (get('second') + ms / 1000) / 60,
  };
}

/** The civil date in Vietnam (Asia/Ho_Chi_Minh) at a given instant. */
export function toVietnamDate(instant: Date): CivilDate {
  return toVietnamDateTime(instant).date;
}

/** 'dd/mm/yyyy' — a civil date, or the Vietnamese date of an instant. */
export function formatDateVN(value: CivilDate | Date): string {
  const date = value instanceof Date ? toVietnamDate(value) : value;
  const { year, month, day } = parseCivilDate(date);
  return `${pad2(day)}/${pad2(month)}/${String(year).padStart(4, '0')}`;
}

/** 'HH:mm' — the Vietnamese wall-clock time of an instant (seconds are dropped, not rounded). */
export function formatTimeVN(instant: Date): string {
  return formatClock(Math.floor(toVietnamDateTime(instant).minutes));
}

/** 'dd/mm/yyyy HH:mm' in Vietnam time. */
export function formatDateTimeVN(instant: Date): string {
  return `${formatDateVN(instant)} ${formatTimeVN(instant)}`;
}

const WEEKDAY_NAMES_VN: Record<IsoWeekday, string> = {
  1: 'Thứ Hai',
  2: 'Thứ Ba',
  3: 'Thứ Tư',
  4: 'Thứ Năm',
  5: 'Thứ Sáu',
  6: 'Thứ Bảy',
  7: 'Chủ nhật',
};

/** 'Thứ Hai' … 'Chủ nhật'. */
export function weekdayNameVN(date: CivilDate): string {
  return WEEKDAY_NAMES_VN[isoWeekday(date)];
}
