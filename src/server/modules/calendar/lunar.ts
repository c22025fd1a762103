/**
 * Vietnamese lunar calendar (âm lịch), wrapped so the rest of the code only sees civil
 * dates ('YYYY-MM-DD').
 *
 * The Vietnamese lunar calendar is the Chinese-style lunisolar calendar computed for the
 * meridian of UTC+7 (official since 1968). Because new moons close to midnight fall on
 * different days at UTC+7 and UTC+8/+9, Vietnamese dates sometimes differ from Chinese or
 * Korean ones — e.g. Tết 2030 is 02/02/2030 in Vietnam but 03/02/2030 in China, and
 * Tết 2027 is 06/02/2027 in Vietnam but 07/02/2027 (Seollal) in Korea. Never use a Chinese
 * or Korean calendar library (or `Intl`'s 'chinese' calendar) for Vietnamese holidays.
 *
 * Backed by `@dqcai/vn-lunar` (tables derived from Hồ Ngọc Đức's algorithm at UTC+7). Its
 * functions silently roll invalid lunar dates over (e.g. "30 tháng Chạp" of a 29-day month
 * becomes mùng 1 Tết) and return zeros outside 1200–2199, so every conversion here is
 * checked by converting back.
 */
import { getLunarDate, getSolarDate } from '@dqcai/vn-lunar';
import { addCalendarDays, makeCivilDate, parseCivilDate, type CivilDate } from './civil-date.js';

/** A date of the Vietnamese lunar calendar. `year` is the Gregorian number of the lunar year (Bính Ngọ = 2026). */
export interface LunarDateVN {
  day: number;
  month: number;
  year: number;
  /** True for the intercalary (nhuận) month. */
  leap: boolean;
}

/** Lunar years this module converts. The library covers 1200–2199; the first lunar year needs the previous one. */
export const LUNAR_YEAR_RANGE = { min: 1201, max: 2198 } as const;

function checkLunarYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_YEAR_RANGE.min || year > LUNAR_YEAR_RANGE.max) {
    throw new RangeError(
      `Lunar year ${year} is outside the supported range ${LUNAR_YEAR_RANGE.min}–${LUNAR_YEAR_RANGE.max}`,
    );
  }
}

/** The lunar date of a civil date (Vietnam, UTC+7). */
export function solarToLunar(date: CivilDate): LunarDateVN {
  const { year, month, day } = parseCivilDate(date);
  checkLunarYear(year);
  const l = getLunarDate(day, month, year);
  if (l.day <= 0 || l.month <= 0 || l.year <= 0) {
    throw new RangeError(`Cannot convert ${date} to the lunar calendar`);
  }
  return { day: l.day, month: l.month, year: l.year, leap: l.leap };
}

/**
 * The civil date of a lunar date. Throws a RangeError if the lunar date does not exist
 * (day 30 of a 29-day month, a leap month the year does not have, month 13, …).
 */
export function lunarToSolar(lunar: LunarDateVN): CivilDate {
  const { day, month, year, leap } = lunar;
  checkLunarYear(year);
  if (!Number.isInteger(day) || day < 1 || day > 30 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`No such lunar date: ${day}/${month}/${year}${leap ? ' (nhuận)' : ''}`);
  }
  const s = getSolarDate(day, month, year, leap);
  if (s.year <= 0) throw new RangeError(`Cannot convert lunar ${day}/${month}/${year}`);
  const date = makeCivilDate(s.year, s.month, s.day);
  const back = solarToLunar(date);
  if (back.day !== day || back.month !== month || back.year !== year || back.leap !== leap) {
    throw new RangeError(`No such lunar date: ${day}/${month}/${year}${leap ? ' (nhuận)' : ''}`);
  }
  return date;
}

/** Mùng 1 Tết — the first day of the lunar year that begins in Gregorian `year`. */
export function tetDate(year: number): CivilDate {
  return lunarToSolar({ day: 1, month: 1, year, leap: false });
}

/**
 * The last day of the lunar year that ends in Gregorian `year` (the day before mùng 1 Tết,
 * "30 Tết" — which is 29 tháng Chạp when the twelfth month has 29 days, as in 2026).
 */
export function lunarNewYearsEve(year: number): CivilDate {
  return addCalendarDays(tetDate(year), -1);
}

/**
 * Giỗ Tổ Hùng Vương — 10 tháng 3 âm lịch of Gregorian `year` (Labor Code 2019 Art. 112(1)(đ)).
 * In a year with a leap third month the holiday is in the ordinary (first) third month.
 */
export function hungKingsDay(year: number): CivilDate {
  return lunarToSolar({ day: 10, month: 3, year, leap: false });
}

const LUNAR_MONTH_NAMES: Record<number, string> = { 1: 'Giêng', 12: 'Chạp' };

/**
 * A short Vietnamese label: 'mùng 1 tháng Giêng', '29 tháng Chạp', '10 tháng 3', '15 tháng 4 nhuận'.
 */
export function formatLunarVN(lunar: LunarDateVN): string {
  const day = lunar.day <= 10 ? `mùng ${lunar.day}` : String(lunar.day);
  const month = LUNAR_MONTH_NAMES[lunar.month] ?? String(lunar.month);
  return `${day} tháng ${month}${lunar.leap ? ' nhuận' : ''}`;
}
