/**
 * Processing time of a procedure, derived from the portal's verbatim time column
 * ("Trực tuyến: 3 Ngày làm việc; Trực tiếp: 3 Ngày làm việc"), the record's steps and, where the
 * portal gives nothing usable, the law (see processing-interpretations.ts).
 */
import { foldVietnamese } from '../../../shared/text.js';
import type { ProcedureRecord } from './catalog-file.js';
import type { ChannelCode, DerivedProcessing, ProcessingBasis, ProcessingRow, TimeUnit } from './derived-schema.js';
import { CIVIL_STATUS_ARTICLES, CIVIL_STATUS_GENERAL, PROCESSING_INTERPRETATIONS } from './processing-interpretations.js';

/** ASCII code of a submission channel as the portal names it, or null if unknown. */
export function channelCode(channel: string): ChannelCode | null {
  const folded = foldVietnamese(channel);
  if (folded === 'truc tiep') return 'truc-tiep';
  if (folded === 'truc tuyen') return 'truc-tuyen';
  if (folded.includes('buu chinh')) return 'buu-chinh';
  return null;
}

const UNITS: Readonly<Record<string, TimeUnit>> = {
  'ngay lam viec': 'working-days',
  ngay: 'calendar-days',
  gio: 'hours',
};

/** Parses "Trực tuyến: 1; Trực tiếp: 3 Ngày làm việc" into rows (units as published; none = null). */
export function parseProcessingRows(text: string): ProcessingRow[] {
  const rows: ProcessingRow[] = [];
  for (const part of text.split(';')) {
    const match = /^\s*([^:]+?)\s*:\s*(.*?)\s*$/su.exec(part);
    if (match === null) continue;
    const channel = match[1] ?? '';
    const value = match[2] ?? '';
    const num = /^(\d+(?:[.,]\d+)?)(?:\s+(.+))?$/u.exec(value);
    const amount = num === null ? null : Number((num[1] ?? '').replace(',', '.'));
    const unitText = num?.[2];
    const unit = unitText === undefined ? null : (UNITS[foldVietnamese(unitText)] ?? null);
    rows.push({ channel, channelCode: channelCode(channel), valueAsPublished: value, amount, unit });
  }
  return rows;
}

function stepsMentioning(record: ProcedureRecord, pattern: RegExp): string[] {
  return (record.processingTime.timeStatementsInSteps ?? []).filter((s) => pattern.test(s));
}

/** Whether the record's own text (fee descriptions, steps) states "N ngày làm việc". */
function statesWorkingDays(record: ProcedureRecord, amount: number): string | null {
  const pattern = new RegExp(`(?:^|\\D)0*${amount}\\s+ngày làm việc`, 'iu');
  const texts = [...record.fee.text, ...(record.processingTime.timeStatementsInSteps ?? [])];
  return texts.find((t) => pattern.test(t)) ?? null;
}

function variesOf(rows: readonly ProcessingRow[]): DerivedProcessing['varies'] {
  const stated = rows.filter((r) => r.amount !== null);
  const key = (r: ProcessingRow) => `${r.amount ?? ''}|${r.unit ?? ''}`;
  const byChannel = new Map<string, Set<string>>();
  for (const r of stated) {
    const set = byChannel.get(r.channel) ?? new Set<string>();
    set.add(key(r));
    byChannel.set(r.channel, set);
  }
  if ([...byChannel.values()].some((s) => s.size > 1)) return 'by-case';
  return new Set(stated.map(key)).size > 1 ? 'by-channel' : 'no';
}

type Draft = Omit<DerivedProcessing, 'workingDays' | 'calendarDays' | 'hours'>;

function finish(draft: Draft): DerivedProcessing {
  const { limit } = draft;
  // Explicit key order (the schema's), so the shipped JSON reads top-down.
  return {
    textAsPublished: draft.textAsPublished,
    rows: draft.rows,
    basis: draft.basis,
    varies: draft.varies,
    limit,
    workingDays: limit?.unit === 'working-days' ? limit.amount : null,
    calendarDays: limit?.unit === 'calendar-days' ? limit.amount : null,
    hours: limit?.unit === 'hours' ? limit.amount : null,
    sameDay: draft.sameDay,
    after15hNextWorkingDay: draft.after15hNextWorkingDay,
    after15hSource: draft.after15hSource,
    method: draft.method,
    note: draft.note,
    citations: draft.citations,
  };
}

/** Derives the processing time of one record; `fieldCode` selects the hộ tịch reading of unit-less values. */
export function deriveProcessing(record: ProcedureRecord, fieldCode: string): DerivedProcessing {
  const pt = record.processingTime;
  const rows = parseProcessingRows(pt.text);
  const interpretation = PROCESSING_INTERPRETATIONS[record.code];
  const after15h = pt.after15hNextWorkingDay;
  const fifteen = stepsMentioning(record, /15 giờ/u).map((s) => `Trình tự thực hiện (bản ghi): "${s}"`);
  const base = {
    textAsPublished: pt.text,
    after15hNextWorkingDay: after15h ?? (interpretation?.after15hByLaw === true ? true : null),
    after15hSource: after15h !== null ? ('record' as const) : interpretation?.after15hByLaw === true ? ('law' as const) : null,
  };
  const stated = rows.filter((r) => r.amount !== null);
  const unitless = stated.filter((r) => r.unit === null);

  // 1. Portal value missing or unit-less, and a reviewed interpretation exists (law or steps).
  const fill = interpretation?.workingDays ?? interpretation?.calendarDays;
  if (
    interpretation !== undefined &&
    fill !== undefined &&
    (stated.length === 0 || unitless.length > 0 || interpretation.overridesStated === true)
  ) {
    const unit: TimeUnit = interpretation.workingDays !== undefined ? 'working-days' : 'calendar-days';
    const basis: ProcessingBasis = interpretation.basis ?? 'legal-default';
    return finish({
      ...base,
      rows,
      basis,
      varies: basis === 'case-dependent' ? 'by-case' : variesOf(rows),
      limit: { amount: fill, unit },
      sameDay: interpretation.sameDay === true,
      method:
        stated.length === 0
          ? 'interpretation-portal-empty'
          : unitless.length > 0
            ? 'interpretation-portal-unitless'
            : 'interpretation-case-from-description',
      note: interpretation.note,
      citations: [...interpretation.citations, ...fifteen],
    });
  }

  // 2. Nothing stated at all.
  if (stated.length === 0) {
    if (after15h === true) {
      return finish({
        ...base,
        rows,
        basis: 'same-day-rule',
        varies: 'no',
        limit: { amount: 1, unit: 'working-days' },
        sameDay: true,
        method: 'same-day-rule-from-steps',
        note: 'Cổng không ghi thời hạn; trình tự thực hiện ghi trả kết quả trong ngày, sau 15 giờ thì trong ngày làm việc tiếp theo.',
        citations: [...fifteen, CIVIL_STATUS_GENERAL],
      });
    }
    return finish({
      ...base,
      rows,
      basis: 'not-stated',
      varies: 'no',
      limit: null,
      sameDay: false,
      method: 'not-stated',
      note: 'Cổng không ghi thời hạn và chưa có căn cứ pháp lý đã kiểm tra; để trống.',
      citations: [],
    });
  }

  // 3. Unit-less values: hộ tịch reads them as working days; elsewhere they stay unknown.
  if (unitless.length > 0) {
    if (fieldCode !== 'ho-tich') {
      return finish({
        ...base,
        rows,
        basis: 'unitless-unknown',
        varies: variesOf(rows),
        limit: null,
        sameDay: false,
        method: 'unitless-not-interpreted',
        note: `Cổng ghi "${pt.text}" không có đơn vị và trình tự không xác nhận; để trống.`,
        citations: [],
      });
    }
    const interpreted = rows.map((r) => (r.amount !== null && r.unit === null ? { ...r, unit: 'working-days' as const } : r));
    const max = Math.max(...interpreted.flatMap((r) => (r.amount === null ? [] : [r.amount])));
    const article = CIVIL_STATUS_ARTICLES[record.code];
    return finish({
      ...base,
      rows: interpreted,
      basis: 'unitless-civil-status',
      varies: variesOf(interpreted),
      limit: { amount: max, unit: 'working-days' },
      sameDay: max === 1,
      method: 'unitless-civil-status-as-working-days',
      note:
        `Cổng ghi "${pt.text}" không có đơn vị; thời hạn hộ tịch được luật quy định bằng ngày làm việc nên đọc là ${max} ngày làm việc` +
        (max === 1 ? ' (trả trong ngày; sau 15 giờ thì ngày làm việc tiếp theo).' : '.') +
        (record.code === '1.004859' ? ' Lưu ý: Điều 28 Luật Hộ tịch ghi 03 ngày làm việc cho thay đổi, cải chính; giữ giá trị của cổng.' : ''),
      citations: [...(article === undefined ? [] : [article]), CIVIL_STATUS_GENERAL, ...fifteen],
    });
  }

  // 4. Stated units. "Ngày" that the record's own text calls working days becomes working days.
  const notes: string[] = [];
  const citations: string[] = [...fifteen];
  const resolved = rows.map((r) => {
    if (r.unit !== 'calendar-days' || r.amount === null) return r;
    const quote = statesWorkingDays(record, r.amount);
    if (quote === null) return r;
    if (!citations.some((c) => c.includes(quote))) citations.push(`Mô tả trong bản ghi: "${quote}"`);
    return { ...r, unit: 'working-days' as const };
  });
  if (resolved.some((r, i) => r.unit !== rows[i]?.unit)) notes.push('Đơn vị "Ngày" nhưng mô tả trong bản ghi ghi rõ là ngày làm việc.');
  const units = new Set(resolved.flatMap((r) => (r.unit === null ? [] : [r.unit])));
  const varies = variesOf(resolved);
  const unit = units.size === 1 ? [...units][0] : undefined;
  const limit =
    unit === undefined ? null : { amount: Math.max(...resolved.flatMap((r) => (r.amount === null ? [] : [r.amount]))), unit };
  if (unit === undefined) notes.push('Các dòng dùng đơn vị khác nhau; để trống.');
  if (varies === 'by-channel') notes.push('Thời hạn khác nhau theo cách nộp: dùng rows theo kênh; limit là thời hạn dài nhất.');
  if (varies === 'by-case') notes.push('Nhiều thời hạn cho cùng một kênh (theo trường hợp, xem mô tả trong fee.text); limit là thời hạn dài nhất.');
  if (unit === 'calendar-days') notes.push('Đơn vị "Ngày" không ghi là ngày làm việc nên tính là ngày theo lịch.');
  const basis: ProcessingBasis =
    varies === 'by-case' ? 'case-dependent' : unit === 'hours' ? 'hours' : unit === 'calendar-days' ? 'calendar-days' : 'stated-working-days';
  const annotate = interpretation !== undefined && fill === undefined ? interpretation : undefined;
  if (annotate !== undefined) {
    notes.push(annotate.note);
    citations.unshift(...annotate.citations);
  }
  return finish({
    ...base,
    rows: resolved,
    basis,
    varies,
    limit,
    sameDay: annotate?.sameDay === true,
    method: resolved.some((r, i) => r.unit !== rows[i]?.unit) ? 'stated-unit-corrected-by-description' : 'stated',
    note: notes.join(' '),
    citations,
  });
}
