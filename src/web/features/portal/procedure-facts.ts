import type { TFunction } from 'i18next';
import { formatNumber, formatVnd } from '../../lib/format.js';

/** Processing time as a person reads it: "3 ngày làm việc", or the published text when not in working days. */
export function processingLabel(
  t: TFunction,
  language: string,
  p: { workingDays: number | null; text: string; sameDay?: boolean; calendarDays?: number | null; hours?: number | null },
): string {
  if (p.workingDays !== null) return t('procedure.workingDays', { count: p.workingDays, days: formatNumber(p.workingDays, language) });
  if (p.sameDay) return t('procedure.sameDay');
  if (p.calendarDays !== undefined && p.calendarDays !== null) {
    return t('procedure.calendarDays', { count: p.calendarDays, days: formatNumber(p.calendarDays, language) });
  }
  if (p.hours !== undefined && p.hours !== null) return t('procedure.hours', { count: p.hours, hours: formatNumber(p.hours, language) });
  return p.text.trim() || t('procedure.notStated');
}

/** "Miễn phí", "50.000 đ", "8.000 đ / 50.000 đ", or a pointer to the published fee text. */
export function feeLabel(t: TFunction, free: boolean | null, amounts: readonly number[] | null): string {
  if (free === true) return t('procedure.free');
  const distinct = [...new Set(amounts ?? [])].sort((a, b) => a - b);
  if (distinct.length > 0) return distinct.map(formatVnd).join(' / ');
  return free === false ? t('procedure.feeSeeText') : t('procedure.feeNotStated');
}

const CHANNEL_KEYS = {
  'truc-tiep': 'procedure.channel.direct',
  'truc-tuyen': 'procedure.channel.online',
  'buu-chinh': 'procedure.channel.post',
  'Trực tiếp': 'procedure.channel.direct',
  'Trực tuyến': 'procedure.channel.online',
  'Dịch vụ bưu chính': 'procedure.channel.post',
} as const;

/** Channels (codes such as 'truc-tiep' or the published Vietnamese words) in the person's language; anything else as published. */
export function channelLabel(t: TFunction, channel: string): string {
  const key = (CHANNEL_KEYS as Record<string, (typeof CHANNEL_KEYS)[keyof typeof CHANNEL_KEYS] | undefined>)[channel.normalize('NFC').trim()];
  return key ? t(key) : channel;
}
