/**
 * Dates, times and money as a Vietnamese office writes them, whatever the browser's own time
 * zone or locale: dd/mm/yyyy and HH:mm in Asia/Ho_Chi_Minh, amounts as "50.000 đ".
 */

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function partsOf(value: Date | string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of dateTimeParts.formatToParts(date)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  return out;
}

/** "2026-02-16T01:30:00Z" → "16/02/2026" (the day in Viet Nam). */
export function formatDate(value: Date | string): string {
  const p = partsOf(value);
  return p ? `${p.day}/${p.month}/${p.year}` : '';
}

/** "2026-02-16T01:30:00Z" → "08:30". */
export function formatTime(value: Date | string): string {
  const p = partsOf(value);
  return p ? `${p.hour}:${p.minute}` : '';
}

/** "2026-02-16T01:30:00Z" → "16/02/2026 08:30". */
export function formatDateTime(value: Date | string): string {
  const p = partsOf(value);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : '';
}

/** A civil date without time zone, "2026-02-16" → "16/02/2026". */
export function formatCivilDate(civil: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(civil);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : civil;
}

export const ISO_WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/** ISO weekday ('1' = Monday … '7' = Sunday) of a civil date "YYYY-MM-DD", as the WorkingWeek keys spell it. */
export function isoWeekdayOf(civil: string): IsoWeekday {
  const js = new Date(`${civil}T00:00:00Z`).getUTCDay();
  return ISO_WEEKDAYS[(js + 6) % 7] ?? '1';
}

/** Today's civil date in Viet Nam, "YYYY-MM-DD". */
export function todayCivil(now: Date = new Date()): string {
  const p = partsOf(now);
  return p ? `${p.year}-${p.month}-${p.day}` : '';
}

const vnd = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 50000 → "50.000 đ". */
export function formatVnd(amount: number): string {
  return `${vnd.format(amount)} đ`;
}

/** A number in the person's language: 0.5 → "0,5" (vi) / "0.5" (en). */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(value);
}
