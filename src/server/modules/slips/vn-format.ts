/**
 * Dates, times and small phrases as Vietnamese official documents print them, in Vietnam time
 * (Asia/Ho_Chi_Minh) through the calendar module's conversions.
 */
import { formatDateTimeVN, formatDateVN, toVietnamDateTime } from '../calendar/working-calendar.js';
import type { Handover, Person } from './slip-data.js';

export { formatDateTimeVN, formatDateVN };

const pad2 = (n: number): string => String(n).padStart(2, '0');

function parts(instant: Date): { day: number; month: number; year: number; hour: number; minute: number } {
  const { date, minutes } = toVietnamDateTime(instant);
  const whole = Math.floor(minutes);
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
    hour: Math.floor(whole / 60),
    minute: whole % 60,
  };
}

/** "ngày 04 tháng 12 năm 2026" (two-digit day and month, as the slips' time lines print them). */
export function datePhrase(instant: Date): string {
  const p = parts(instant);
  return `ngày ${pad2(p.day)} tháng ${pad2(p.month)} năm ${p.year}`;
}

/** "09 giờ 30 phút, ngày 27 tháng 11 năm 2026". */
export function dateTimePhrase(instant: Date): string {
  const p = parts(instant);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ${datePhrase(instant)}`;
}

/**
 * The place-and-date line: "Hòa Hưng, ngày 27 tháng 11 năm 2026". Nghị định 30/2020/NĐ-CP
 * (Phụ lục I) writes a leading 0 only on days below 10 and on months 1 and 2: "ngày 05 tháng 3".
 */
export function placeDateLine(place: string, instant: Date): string {
  const p = parts(instant);
  const month = p.month <= 2 ? pad2(p.month) : String(p.month);
  return `${place}, ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

/** "27/11/2026" and "09:30" on two lines, for narrow table cells. */
export function dateTimeCell(instant: Date | undefined): string {
  if (instant === undefined) return '';
  const [date = '', time = ''] = formatDateTimeVN(instant).split(' ');
  return `${date}\n${time}`;
}

/** "01", "02" … as forms count sets ("Số lượng hồ sơ: 01 bộ"). */
export function twoDigits(n: number): string {
  return pad2(n);
}

/** How a form addresses the person: "Ông", "Bà", or "Ông/Bà" when unknown. */
export function honorific(person: Person): string {
  return person.honorific ?? 'Ông/Bà';
}

const TIMELINESS: Record<NonNullable<Handover['timeliness']>, string> = {
  early: 'Trước hạn',
  'on-time': 'Đúng hạn',
  late: 'Quá hạn',
};

export function timelinessLabel(timeliness: Handover['timeliness']): string | undefined {
  return timeliness === undefined ? undefined : TIMELINESS[timeliness];
}

/** The text with a final full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?;:…]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Placeholder dots for a value the clerk fills by hand. */
export const BLANK = '……………';
