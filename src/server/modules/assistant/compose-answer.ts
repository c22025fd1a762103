import type { ProcedureDetail } from '../../../shared/schemas/catalog.js';
import type { Aspect } from './understand.js';

/**
 * The answer text, composed from one catalog record's fields and nothing else: every document,
 * fee, duration and legal text below is copied from the record (or from its derived reading,
 * which cites the record). Labels are in the citizen's language; catalog facts stay Vietnamese.
 */

type Lang = 'vi' | 'en';

const L = {
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  code: { vi: 'mã', en: 'code' },
  field: { vi: 'lĩnh vực', en: 'field' },
  documents: { vi: 'Giấy tờ cần nộp/xuất trình', en: 'Documents (as listed in the Vietnamese catalog)' },
  conditional: { vi: 'Chỉ trong trường hợp riêng', en: 'Only in particular cases' },
  noDocuments: { vi: 'Danh mục không ghi thành phần hồ sơ cho thủ tục này; vui lòng hỏi cán bộ.', en: 'The catalog lists no documents for this procedure; please ask an official.' },
  fee: { vi: 'Lệ phí', en: 'Fee' },
  free: { vi: 'Miễn phí', en: 'Free of charge' },
  noFee: { vi: 'Danh mục không ghi lệ phí; vui lòng hỏi cán bộ.', en: 'The catalog states no fee; please ask an official.' },
  localFee: { vi: 'Tại trung tâm', en: 'At this center' },
  time: { vi: 'Thời hạn giải quyết', en: 'Processing time' },
  workingDays: { vi: 'ngày làm việc', en: 'working day(s)' },
  days: { vi: 'ngày', en: 'day(s)' },
  hours: { vi: 'giờ', en: 'hour(s)' },
  sameDay: { vi: 'trả kết quả ngay trong ngày làm việc', en: 'result the same working day' },
  after15h: { vi: 'hồ sơ nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo', en: 'if received after 15:00, the next working day' },
  published: { vi: 'Cổng Dịch vụ công ghi', en: 'the portal states' },
  noTime: { vi: 'Danh mục không ghi thời hạn; vui lòng hỏi cán bộ.', en: 'The catalog states no processing time; please ask an official.' },
  where: { vi: 'Nơi nộp', en: 'Where' },
  oneStop: { vi: 'Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) cấp xã', en: 'the commune/ward one-stop center' },
  counters: { vi: 'quầy', en: 'counter(s)' },
  authority: { vi: 'Cơ quan thực hiện', en: 'Authority' },
  how: { vi: 'Cách nộp', en: 'How to submit' },
  online: { vi: 'Có thể nộp trực tuyến trên Cổng Dịch vụ công.', en: 'It can be submitted online on the Public Service Portal.' },
  notOnline: { vi: 'Danh mục không ghi nộp trực tuyến cho thủ tục này; vui lòng nộp trực tiếp.', en: 'The catalog does not list online submission; please submit in person.' },
  conditions: { vi: 'Điều kiện', en: 'Conditions' },
  noConditions: { vi: 'Danh mục không ghi điều kiện riêng cho thủ tục này. Các trường hợp riêng được nêu trong thành phần hồ sơ', en: 'The catalog lists no separate conditions. Particular cases named in the documents' },
  noConditionsAtAll: { vi: 'Danh mục không ghi điều kiện riêng cho thủ tục này.', en: 'The catalog lists no separate conditions for this procedure.' },
  askOfficial: { vi: 'Nếu trường hợp của bạn đặc biệt, vui lòng hỏi cán bộ tại quầy.', en: 'If your case is unusual, please ask an official at the counter.' },
  result: { vi: 'Kết quả nhận được', en: 'Result' },
  legal: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  notes: { vi: 'Ghi chú của trung tâm', en: 'Center note' },
} as const;

function t(key: keyof typeof L, lang: Lang): string {
  return L[key][lang];
}

function documentLine(d: ProcedureDetail['documents'][number]): string {
  const copies = d.copies !== null && d.copyType ? ` (${d.copies} ${d.copyType})` : d.copyType ? ` (${d.copyType})` : '';
  return `- ${d.name}${copies}`;
}

export function documentsSection(p: ProcedureDetail, lang: Lang): string {
  if (p.documents.length === 0) return t('noDocuments', lang);
  const always = p.documents.filter((d) => !d.condition);
  const special = p.documents.filter((d) => d.condition);
  const lines = [`${t('documents', lang)}:`, ...always.map(documentLine)];
  if (special.length > 0) {
    lines.push(`${t('conditional', lang)}:`);
    for (const d of special) lines.push(`${documentLine(d)} — ${d.condition ?? ''}`);
  }
  return lines.join('\n');
}

export function feeSection(p: ProcedureDetail, lang: Lang): string {
  const local = p.center?.settings.localFeeText ? ` ${t('localFee', lang)}: ${p.center.settings.localFeeText}.` : '';
  if (p.fee.text.length === 0) return `${t('fee', lang)}: ${t('noFee', lang)}${local}`;
  const head = p.fee.free === true ? `${t('free', lang)} — ` : '';
  return `${t('fee', lang)}: ${head}${p.fee.text.join('; ')}.${local}`;
}

export function timeSection(p: ProcedureDetail, lang: Lang): string {
  const pr = p.processing;
  const local = p.center?.settings.localWorkingDays;
  let main: string | null = null;
  if (local !== undefined && local !== null) main = `${local} ${t('workingDays', lang)} (${t('localFee', lang).toLowerCase()})`;
  else if (pr.sameDay) main = `${t('sameDay', lang)}${pr.after15hNextWorkingDay ? `; ${t('after15h', lang)}` : ''}`;
  else if (pr.workingDays !== null) main = `${pr.workingDays} ${t('workingDays', lang)}`;
  else if (pr.calendarDays !== null) main = `${pr.calendarDays} ${t('days', lang)}`;
  else if (pr.hours !== null) main = `${pr.hours} ${t('hours', lang)}`;
  const published = pr.text && !/^không có thông tin$/i.test(pr.text.trim()) ? pr.text : null;
  if (main === null && published === null) return `${t('time', lang)}: ${t('noTime', lang)}`;
  if (main === null) return `${t('time', lang)}: ${t('published', lang)} "${published ?? ''}".`;
  return `${t('time', lang)}: ${main}${published ? ` (${t('published', lang)}: "${published}")` : ''}.`;
}

export function whereSection(p: ProcedureDetail, lang: Lang): string {
  const field = p.center?.fieldName ?? p.fieldName;
  const place = p.center ? p.center.name : t('oneStop', lang);
  const counters = p.center && p.center.counters.length > 0 ? `; ${t('counters', lang)}: ${p.center.counters.map((c) => c.name).join(', ')}` : '';
  const authority = p.authority ? `\n${t('authority', lang)}: ${p.authority}.` : '';
  return `${t('where', lang)}: ${place}, ${t('field', lang)} ${field}${counters}.${authority}`;
}

export function howSection(p: ProcedureDetail, lang: Lang): string {
  const channels = p.channels.length > 0 ? `${t('how', lang)}: ${p.channels.join(', ')}. ` : '';
  return `${channels}${p.online ? t('online', lang) : t('notOnline', lang)}`;
}

export function conditionsSection(p: ProcedureDetail, lang: Lang): string {
  const special = p.documents.filter((d) => d.condition).map((d) => `- ${d.condition ?? ''}`);
  const unique = [...new Set(special)];
  const body = unique.length > 0 ? `${t('noConditions', lang)}:\n${unique.join('\n')}` : t('noConditionsAtAll', lang);
  return `${t('conditions', lang)}: ${body}\n${t('askOfficial', lang)}`;
}

export function resultSection(p: ProcedureDetail, lang: Lang): string {
  return `${t('result', lang)}: ${p.results.length > 0 ? p.results.join('; ') : '—'}.`;
}

function legalSection(p: ProcedureDetail, lang: Lang): string | null {
  if (p.legalBasis.length === 0) return null;
  const shown = p.legalBasis.slice(0, 3).join('; ');
  return `${t('legal', lang)}: ${shown}${p.legalBasis.length > 3 ? '; …' : ''}.`;
}

const SECTIONS: Record<Exclude<Aspect, 'status' | 'general'>, (p: ProcedureDetail, lang: Lang) => string> = {
  documents: documentsSection,
  fee: feeSection,
  time: timeSection,
  where: whereSection,
  how: howSection,
  conditions: conditionsSection,
  result: resultSection,
};

/** The answer for the aspects asked; 'general' gives a short overview of the procedure. */
export function composeProcedureAnswer(p: ProcedureDetail, aspects: Aspect[], lang: Lang): string {
  const head = `${t('procedure', lang)}: ${p.name} (${t('code', lang)} ${p.code}, ${t('field', lang)} ${p.fieldName}).`;
  const asked = aspects.filter((a): a is keyof typeof SECTIONS => a in SECTIONS);
  const overview = [documentsSection, feeSection, timeSection, whereSection, howSection];
  // "Can I …?" has no answer of its own in the catalog: the cases it lists come with the overview.
  const sections = asked.length === 0 ? overview : asked.includes('conditions') ? [...new Set([...asked.map((a) => SECTIONS[a]), ...overview])] : asked.map((a) => SECTIONS[a]);
  const parts = sections.map((section) => section(p, lang));
  const notes = p.center?.settings.localNotes ? [`${t('notes', lang)}: ${p.center.settings.localNotes}`] : [];
  const legal = legalSection(p, lang);
  return [head, ...parts, ...notes, ...(legal ? [legal] : [])].join('\n');
}
