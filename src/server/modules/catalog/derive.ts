/**
 * Derives clean values from a verbatim procedure record, keeping the verbatim text beside each
 * derived value and saying how it was obtained. Pure: the build script (scripts/build-catalog.ts)
 * reads the files and passes the hand-written aliases in.
 */
import { foldVietnamese, toNFC } from '../../../shared/text.js';
import type { ProcedureRecord } from './catalog-file.js';
import { deriveDocuments } from './derive-documents.js';
import { channelCode, deriveProcessing } from './derive-processing.js';
import type { Derived, DerivedFee, DerivedFeeChannel } from './derived-schema.js';

export { deriveDocument, deriveDocuments, splitFormFile } from './derive-documents.js';
export { channelCode, deriveProcessing, parseProcessingRows } from './derive-processing.js';

/** Stable ASCII codes for the fields (lĩnh vực) published in the catalog. */
export const FIELD_CODES: Readonly<Record<string, string>> = {
  'Hộ tịch': 'ho-tich',
  'Chứng thực': 'chung-thuc',
  'Nuôi con nuôi': 'nuoi-con-nuoi',
  'Đăng ký, quản lý cư trú': 'cu-tru',
  'Cấp, quản lý căn cước': 'can-cuoc',
  'Định danh và xác thực điện tử': 'dinh-danh-dien-tu',
  'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)': 'ho-kinh-doanh',
  'Đất đai': 'dat-dai',
  'Hoạt động xây dựng': 'xay-dung',
  'Hạ tầng kỹ thuật': 'ha-tang-ky-thuat',
  'Quy hoạch đô thị và nông thôn': 'quy-hoach',
  'Giảm nghèo': 'giam-ngheo',
  'Nhà ở và công sở': 'nha-o',
  'Hòa giải ở cơ sở': 'hoa-giai-co-so',
};

/** The field's ASCII code: from FIELD_CODES, or a slug of the folded name for a field not listed. */
export function deriveField(fieldAsPublished: string): Derived['field'] {
  const name = toNFC(fieldAsPublished.trim());
  const known = FIELD_CODES[name];
  if (known !== undefined) return { code: known, nameAsPublished: fieldAsPublished, method: 'field-code-table' };
  const slug = foldVietnamese(name).replace(/ /g, '-') || 'khac';
  return { code: slug, nameAsPublished: fieldAsPublished, method: 'field-code-slug-of-name' };
}

const DEFERRED_TO_RULES = /Hội đồng nhân dân(?:\s+cấp)?\s+tỉnh|HĐND(?:\s+cấp)?\s+tỉnh|Luật phí và lệ phí|Mức lệ phí \(nếu có\)/iu;
const PROVINCIAL = /Hội đồng nhân dân(?:\s+cấp)?\s+tỉnh|HĐND(?:\s+cấp)?\s+tỉnh/iu;
const AMOUNT = /^(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(Việt Nam Đồng|VNĐ|VND|đồng|USD)(?:\s*\((\/[^)]*)\))?/iu;

function feeRow(row: string): DerivedFeeChannel {
  const colon = row.indexOf(':');
  const channel = colon > 0 ? row.slice(0, colon).trim() : '';
  const rest = colon > 0 ? row.slice(colon + 1).trim() : row.trim();
  const amount = AMOUNT.exec(rest);
  const isVnd = amount !== null && !/USD/iu.test(amount[2] ?? '');
  return {
    channel,
    channelCode: channel === '' ? null : channelCode(channel),
    textAsPublished: row,
    amountVND: amount !== null && isVnd ? Number((amount[1] ?? '').replace(/[.,]/g, '')) : null,
    perUnit: amount?.[3]?.trim() ?? null,
    freeAsPublished: /^Miễn phí/iu.test(rest),
  };
}

/** Fee: free or not (null when it depends on provincial rules or is not stated), amounts, per channel. */
export function deriveFee(record: ProcedureRecord): DerivedFee {
  const text = record.fee.text;
  const byChannel = text.map(feeRow);
  const joined = text.join('\n');
  const setByProvince = PROVINCIAL.test(joined);
  const deferred = DEFERRED_TO_RULES.test(joined);
  const amounts = record.fee.amountsVND;
  const anyAmount = (amounts !== null && amounts.some((a) => a > 0)) || byChannel.some((c) => (c.amountVND ?? 0) > 0);
  const allFree = byChannel.length > 0 && byChannel.every((c) => c.freeAsPublished);
  const exemptions = /Miễn lệ phí|không phải nộp phí/iu.test(joined);
  let free: boolean | null;
  let note: string;
  if (anyAmount) {
    free = false;
    note = 'Có mức thu bằng tiền trong bản ghi.' + (exemptions ? ' Một số đối tượng được miễn (xem văn bản).' : '');
  } else if (allFree && !deferred) {
    free = true;
    note = 'Mọi kênh đều ghi "Miễn phí".';
  } else if (allFree) {
    free = null;
    note = 'Cổng ghi "Miễn phí" nhưng mức thu do HĐND tỉnh hoặc pháp luật về phí, lệ phí quy định (xem văn bản); cần đối chiếu nghị quyết của tỉnh.';
  } else {
    free = null;
    note = 'Cổng không ghi mức phí, lệ phí.';
  }
  if (text.some((t) => t.length >= 700)) note += ' Văn bản đã bị cắt ở 700 ký tự khi thu thập.';
  if (byChannel.some((c) => /USD/iu.test(c.textAsPublished))) note += ' Có mức thu bằng USD tại cơ quan đại diện ở nước ngoài (không tính vào amountsVND).';
  return {
    textAsPublished: text,
    free,
    amountsVND: amounts,
    setByProvince,
    byChannel,
    method: 'fee-from-text; amountsVND copied from the record (all VND amounts found in its text)',
    note,
  };
}

/** Alias phrases cleaned for storage: NFC, single spaces, no duplicates after folding. */
export function normalizeAliases(phrases: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const phrase of phrases) {
    const clean = toNFC(phrase).replace(/\s+/gu, ' ').trim();
    const key = foldVietnamese(clean);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}

export interface DeriveOptions {
  /** Citizen phrasings for this procedure (seed/catalog/aliases.json). */
  aliases: readonly string[];
}

function nfcDeep(value: unknown): unknown {
  if (typeof value === 'string') return toNFC(value);
  if (Array.isArray(value)) return value.map(nfcDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [toNFC(key), nfcDeep(v)]));
  }
  return value;
}

/** A deep copy with every string (and key) in NFC; key order is kept. */
export function toNFCDeep<T>(value: T): T {
  return nfcDeep(value) as T;
}

/**
 * All derived values of one verbatim record. The record may hold decomposed (NFD) text, as the
 * crawl does in places; everything derived is NFC.
 */
export function deriveProcedure(record: ProcedureRecord, options: DeriveOptions): Derived {
  const nfc = toNFCDeep(record);
  const field = deriveField(nfc.field);
  return {
    field,
    processing: deriveProcessing(nfc, field.code),
    fee: deriveFee(nfc),
    documents: deriveDocuments(
      nfc.documents,
      record.documents.map((d) => d.name.length),
    ),
    aliases: { phrases: normalizeAliases(options.aliases), method: 'hand-written in seed/catalog/aliases.json' },
  };
}
