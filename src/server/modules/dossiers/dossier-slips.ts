import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DossierEventsTable, DossiersTable } from '../../db/schema.js';
import { AppError } from '../../http/app-error.js';
import { toVietnamDate } from '../calendar/working-calendar.js';
import { renderRegisterSheet, renderSlip, slipFileName, type SlipData } from '../slips/render-slip.js';
import type { Agency, DocumentItem, Handover, Person, RegisterData, RegisterEntry } from '../slips/slip-data.js';
import { STATUS_LABEL_VI } from './status.js';
import { timelinessOf } from './dossier-views.js';

/** The slips of one dossier that can be printed from its records (Mẫu 01–06). */
export const DOSSIER_SLIP_KINDS = ['receipt', 'supplement-request', 'refusal', 'apology', 'stop-notice', 'process-control'] as const;
export type DossierSlipKind = (typeof DOSSIER_SLIP_KINDS)[number];

type DossierRow = Selectable<DossiersTable>;
type EventRow = Selectable<DossierEventsTable>;

/**
 * Actions whose event carries the supplementation request (items + reason in the comment): during
 * processing (`request_supplement`), or before acceptance at the counter / in the online review
 * (`request_more`).
 */
const SUPPLEMENT_ACTIONS = ['request_supplement', 'request_more'];
const REFUSAL_ACTIONS = ['refuse'];
const STOP_ACTIONS = ['stop', 'withdraw'];

/** The issuing body as printed top left, from the center's record. */
export function agencyOf(center: { name: string; phone: string | null }): Agency {
  const place = center.name.replace(/^Trung tâm Phục vụ hành chính công\s+(phường|xã|đặc khu)\s+/iu, '');
  const wardWord = /\bxã\b/iu.test(center.name) ? 'XÃ' : 'PHƯỜNG';
  return { superior: `UBND ${wardWord} ${place.toLocaleUpperCase('vi')}`, name: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', fullName: center.name, place, ...(center.phone ? { phone: center.phone } : {}) };
}

function applicantOf(d: DossierRow): Person {
  return {
    name: d.applicant_name,
    idNumber: d.applicant_id_number,
    ...(d.applicant_address ? { address: d.applicant_address } : {}),
    ...(d.applicant_phone ? { phone: d.applicant_phone } : {}),
    ...(d.applicant_email ? { email: d.applicant_email } : {}),
  };
}

function processingTimeText(workingDays: string | number | null): string {
  if (workingDays === null) return 'Theo quy định của thủ tục';
  return Number(workingDays) === 0 ? 'Trong ngày (nhận sau 15 giờ: ngày làm việc tiếp theo)' : `${String(workingDays).padStart(2, '0')} ngày làm việc`;
}

function dataOf(e: EventRow): Record<string, unknown> {
  const raw: unknown = typeof e.data === 'string' ? JSON.parse(e.data) : e.data;
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

interface DocumentCopies {
  position: number;
  copy_type: 'original' | 'certified_copy' | 'copy';
  copies_required: number;
  copies_received: number;
}

/** The copies still to bring of a document of the dossier, in the slip's three columns. */
function copiesToBring(doc: DocumentCopies): Pick<DocumentItem, 'originals' | 'certifiedCopies' | 'photocopies'> {
  const n = Math.max(1, doc.copies_required - doc.copies_received);
  return { originals: doc.copy_type === 'original' ? n : 0, certifiedCopies: doc.copy_type === 'certified_copy' ? n : 0, photocopies: doc.copy_type === 'copy' ? n : 0 };
}

/**
 * Items of a supplementation request as the slip's table rows; plain strings name a document.
 * An item that is one of the dossier's documents (`position`) gets the copies still to bring.
 */
export function supplementItems(data: Record<string, unknown>, documents: readonly DocumentCopies[] = []): DocumentItem[] {
  const items = Array.isArray(data.items) ? (data.items as unknown[]) : [];
  const out: DocumentItem[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item.trim() !== '') {
      out.push({ name: item.trim(), originals: 0, certifiedCopies: 0, photocopies: 0 });
    } else if (item !== null && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      if (typeof o.name !== 'string' || o.name.trim() === '') continue;
      const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? Math.min(v, 999) : 0);
      const doc = typeof o.position === 'number' ? documents.find((d) => d.position === o.position) : undefined;
      out.push({
        name: o.name.trim(),
        ...(doc ? copiesToBring(doc) : { originals: count(o.originals), certifiedCopies: count(o.certifiedCopies), photocopies: count(o.photocopies) }),
        ...(typeof o.note === 'string' && o.note.trim() !== '' ? { note: o.note.trim() } : {}),
      });
    }
  }
  return out;
}

function reasonsOf(e: EventRow): string[] {
  const data = dataOf(e);
  const listed = Array.isArray(data.reasons) ? (data.reasons as unknown[]).filter((r): r is string => typeof r === 'string' && r.trim() !== '') : [];
  if (listed.length > 0) return listed.map((r) => r.trim());
  return e.comment ? [e.comment] : [];
}

const PARTY: Record<string, string> = {
  receptionist: 'Bộ phận một cửa',
  admin: 'Bộ phận một cửa',
  specialist: 'Chuyên viên xử lý',
  leader: 'Lãnh đạo',
};

/** What each step hands over to whom, for the process-control slip. */
const STEP: Record<string, { to: string; result: string }> = {
  receive: { to: 'Bộ phận một cửa', result: 'Đã tiếp nhận hồ sơ' },
  assign: { to: 'Chuyên viên xử lý', result: 'Đã chuyển xử lý' },
  request_supplement: { to: 'Công dân', result: 'Yêu cầu bổ sung hồ sơ' },
  supplement_received: { to: 'Chuyên viên xử lý', result: 'Đã nhận hồ sơ bổ sung' },
  submit: { to: 'Lãnh đạo', result: 'Đã thẩm định, trình phê duyệt' },
  send_back: { to: 'Chuyên viên xử lý', result: 'Trả lại để xử lý tiếp' },
  approve: { to: 'Bộ phận một cửa', result: 'Đã phê duyệt, có kết quả' },
  return: { to: 'Công dân', result: 'Đã trả kết quả' },
  apologize: { to: 'Công dân', result: 'Văn bản xin lỗi, hẹn lại ngày trả' },
  withdraw: { to: 'Công dân', result: 'Công dân rút hồ sơ' },
  stop: { to: 'Công dân', result: 'Dừng xử lý theo yêu cầu' },
};

/** One row per hand-over of the dossier, from its events; the receiver of a step is who acted next. */
export function handoversOf(d: DossierRow, events: readonly EventRow[]): Handover[] {
  const steps = events.filter((e) => STEP[e.action] !== undefined);
  return steps.map((e, i) => {
    const step = STEP[e.action] ?? { to: '', result: e.action };
    const data = dataOf(e);
    const next = steps[i + 1];
    const receiver = typeof data.to === 'string' ? data.to : step.to === 'Công dân' ? d.applicant_name : (next?.actor_name ?? undefined);
    const at = new Date(e.at);
    const timeliness = e.action === 'approve' && d.due_at ? (toVietnamDate(at) < toVietnamDate(new Date(d.due_at)) ? 'early' : toVietnamDate(at) === toVietnamDate(new Date(d.due_at)) ? 'on-time' : 'late') : undefined;
    return {
      from: (e.actor_role && PARTY[e.actor_role]) ?? 'Bộ phận một cửa',
      to: step.to,
      at,
      ...(e.actor_name ? { giver: e.actor_name } : {}),
      ...(receiver ? { receiver } : {}),
      ...(timeliness ? { timeliness } : {}),
      result: step.result,
      ...(e.comment ? { note: e.comment.slice(0, 500) } : {}),
    } satisfies Handover;
  });
}

function lastOf(events: readonly EventRow[], actions: readonly string[]): EventRow {
  const e = [...events].reverse().find((x) => actions.includes(x.action));
  if (!e) throw new AppError('SLIP_NOT_AVAILABLE');
  return e;
}

/** "Nơi nhận" and the signer of the letters (Mẫu 04, 05): the ward's People's Committee is informed. */
function letterOf(agency: Agency) {
  const unit = /^UBND XÃ/u.test(agency.superior) ? 'xã' : 'phường';
  return { recipients: ['Như trên;', `UBND ${unit} ${agency.place} (để báo cáo);`, 'Lưu: VT.'], signer: { title: 'Giám đốc' } };
}

/**
 * Builds the data of one slip of a dossier from its rows and events, or refuses with
 * SLIP_NOT_AVAILABLE when the dossier's history has nothing for it (no refusal → no refusal slip).
 */
export async function dossierSlipData(db: Executor, centerId: string, dossierId: string, kind: DossierSlipKind, origin: string, now = new Date()): Promise<SlipData> {
  const d = await db.selectFrom('dossiers').selectAll().where('center_id', '=', centerId).where('id', '=', dossierId).executeTakeFirst();
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  const [center, events, docs] = await Promise.all([
    db.selectFrom('centers').select(['name', 'address', 'phone']).where('id', '=', centerId).executeTakeFirstOrThrow(),
    db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute(),
    db.selectFrom('dossier_documents').selectAll().where('dossier_id', '=', dossierId).orderBy('position').execute(),
  ]);
  const agency = agencyOf(center);
  const lookupUrl = d.code ? `${origin}/tra-cuu/${encodeURIComponent(d.code)}` : `${origin}/thu-tuc/${encodeURIComponent(d.procedure_code)}`;
  // Before acceptance an online submission is known by its reference (TT-…), which the citizen has.
  const head = { agency, dossierCode: d.code ?? d.submission_reference ?? undefined, lookupUrl, procedure: { name: d.procedure_name, code: d.procedure_code } };
  const applicant = applicantOf(d);
  const firstAt = new Date(d.received_at ?? events[0]?.at ?? d.created_at);
  const resultPlace = `${center.name}${center.address ? `, ${center.address}` : ''}`;
  const handed = docs.filter((x) => x.status === 'received').map((x) => ({
    name: x.name,
    originals: x.copy_type === 'original' ? x.copies_received : 0,
    certifiedCopies: x.copy_type === 'certified_copy' ? x.copies_received : 0,
    photocopies: x.copy_type === 'copy' ? x.copies_received : 0,
  }));
  const coded = (): { dossierCode: string } => {
    if (!d.code) throw new AppError('SLIP_NOT_AVAILABLE', { detail: 'Hồ sơ chưa được tiếp nhận nên chưa có mã hồ sơ để in phiếu này.' });
    return { dossierCode: d.code };
  };

  switch (kind) {
    case 'receipt': {
      if (!d.received_at || !d.due_at) throw new AppError('SLIP_NOT_AVAILABLE', { detail: 'Hồ sơ chưa được tiếp nhận.' });
      const receiver = d.received_by ? await db.selectFrom('users').select('full_name').where('id', '=', d.received_by).executeTakeFirst() : undefined;
      return {
        kind: 'receipt',
        ...head,
        ...coded(),
        issuedAt: new Date(d.received_at),
        applicant,
        documents: handed,
        setCount: 1,
        processingTime: processingTimeText(d.working_days),
        receivedAt: new Date(d.received_at),
        appointmentAt: new Date(d.due_at),
        resultPlace,
        fee: d.fee_vnd > 0 ? `${d.fee_vnd.toLocaleString('vi-VN')} đồng` : 'Miễn lệ phí',
        receiver: { ...(receiver ? { name: receiver.full_name } : {}) },
      };
    }
    case 'supplement-request': {
      const e = lastOf(events, SUPPLEMENT_ACTIONS);
      const items = supplementItems(dataOf(e), docs);
      if (items.length === 0) throw new AppError('SLIP_NOT_AVAILABLE');
      const guide = e.actor_name ?? undefined;
      return {
        kind: 'supplement-request',
        ...head,
        issuedAt: new Date(e.at),
        applicant,
        receivedAt: firstAt,
        items,
        reason: e.comment ?? 'Hồ sơ chưa đầy đủ, hợp lệ.',
        contact: { name: guide ?? 'Bộ phận một cửa', phone: center.phone ?? 'liên hệ trực tiếp tại trung tâm' },
        guide: { ...(guide ? { name: guide } : {}) },
      };
    }
    case 'refusal': {
      const e = lastOf(events, REFUSAL_ACTIONS);
      const reasons = reasonsOf(e);
      if (reasons.length === 0) throw new AppError('SLIP_NOT_AVAILABLE');
      return {
        kind: 'refusal',
        ...head,
        issuedAt: new Date(e.at),
        applicant,
        receivedAt: firstAt,
        reasons,
        ...(center.phone && e.actor_name ? { contact: { name: e.actor_name, phone: center.phone } } : {}),
        receiver: { ...(e.actor_name ? { name: e.actor_name } : {}) },
      };
    }
    case 'apology': {
      const e = lastOf(events, ['apologize']);
      if (!d.new_due_at || !d.original_due_at) throw new AppError('SLIP_NOT_AVAILABLE');
      return {
        kind: 'apology',
        ...head,
        ...coded(),
        ...letterOf(agency),
        issuedAt: new Date(e.at),
        applicant,
        receivedAt: firstAt,
        processingTime: processingTimeText(d.working_days),
        appointmentAt: new Date(d.original_due_at),
        processingBody: center.name,
        reason: e.comment ?? 'Hồ sơ chưa giải quyết xong đúng hẹn.',
        newAppointmentAt: new Date(d.new_due_at),
        resultPlace,
      };
    }
    case 'stop-notice': {
      const e = lastOf(events, STOP_ACTIONS);
      const paid = await db.selectFrom('dossier_payments').select((eb) => eb.fn.sum<string>('amount_vnd').as('total')).where('dossier_id', '=', dossierId).executeTakeFirst();
      const paidVnd = Number(paid?.total ?? 0);
      return {
        kind: 'stop-notice',
        ...head,
        ...coded(),
        ...letterOf(agency),
        issuedAt: new Date(e.at),
        applicant,
        receivedAt: firstAt,
        requestedAt: new Date(e.at),
        ...(e.comment ? { requestReason: e.comment } : {}),
        stoppedAt: new Date(e.at),
        returnedDocuments: handed,
        feeNote:
          paidVnd > 0
            ? `Ông/Bà đã nộp ${paidVnd.toLocaleString('vi-VN')} đồng phí, lệ phí; việc hoàn trả thực hiện theo quy định.`
            : d.fee_vnd > 0
              ? 'Ông/Bà chưa nộp phí, lệ phí; không có khoản phải hoàn trả.'
              : 'Thủ tục được miễn phí, lệ phí; không có khoản phải hoàn trả.',
      };
    }
    case 'process-control': {
      if (!d.received_at || !d.due_at) throw new AppError('SLIP_NOT_AVAILABLE', { detail: 'Hồ sơ chưa được tiếp nhận.' });
      return {
        kind: 'process-control',
        ...head,
        ...coded(),
        issuedAt: now,
        applicant,
        receivedAt: new Date(d.received_at),
        appointmentAt: new Date(d.new_due_at ?? d.due_at),
        leadBody: center.name,
        cooperatingBodies: [],
        handovers: handoversOf(d, events),
      };
    }
  }
}

/** One slip of a dossier as a PDF with its file name. */
export async function renderDossierSlip(db: Executor, centerId: string, dossierId: string, kind: DossierSlipKind, origin: string): Promise<{ pdf: Buffer; fileName: string }> {
  const data = await dossierSlipData(db, centerId, dossierId, kind, origin);
  return { pdf: await renderSlip(data), fileName: slipFileName(data) };
}

/**
 * The dossier register (sổ theo dõi hồ sơ, Mẫu 07) of the dossiers received between two dates
 * (Vietnam calendar days, inclusive), in receipt order.
 */
export async function registerData(db: Executor, centerId: string, from: string, to: string, now = new Date()): Promise<RegisterData> {
  if (from > to) throw new AppError('VALIDATION_FAILED', { detail: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.' });
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const [center, rows] = await Promise.all([
    db.selectFrom('centers').select(['name', 'phone']).where('id', '=', centerId).executeTakeFirstOrThrow(),
    db
      .selectFrom('dossiers')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('code', 'is not', null)
      .where('received_at', '>=', start)
      .where('received_at', '<', end)
      .orderBy('received_at')
      .orderBy('code')
      .limit(20_000)
      .execute(),
  ]);
  const ids = rows.map((r) => r.id);
  const assigned = ids.length
    ? await db.selectFrom('dossier_events').select(['dossier_id', (eb) => eb.fn.min('at').as('at')]).where('dossier_id', 'in', ids).where('action', '=', 'assign').groupBy('dossier_id').execute()
    : [];
  const transferred = new Map(assigned.map((a) => [a.dossier_id, new Date(a.at as Date | string)]));
  const entries: RegisterEntry[] = [];
  for (const d of rows) {
    if (!d.code || !d.received_at || !d.due_at) continue;
    const timeliness = timelinessOf(d, now);
    const note = ['refused', 'withdrawn', 'stopped'].includes(d.status) ? STATUS_LABEL_VI[d.status] : timeliness === 'late' || timeliness === 'overdue' ? 'Quá hạn' : undefined;
    const movedAt = transferred.get(d.id);
    entries.push({
      dossierCode: d.code,
      procedureName: d.procedure_name,
      setCount: 1,
      applicantName: d.applicant_name,
      ...(d.applicant_address ? { address: d.applicant_address } : {}),
      ...(d.applicant_phone ? { phone: d.applicant_phone } : {}),
      receivedAt: new Date(d.received_at),
      appointmentAt: new Date(d.new_due_at ?? d.due_at),
      ...(movedAt ? { transferredAt: movedAt } : {}),
      ...(d.result_ready_at ? { resultReceivedAt: new Date(d.result_ready_at) } : {}),
      ...(d.returned_at ? { returnedAt: new Date(d.returned_at) } : {}),
      ...(note ? { note } : {}),
    });
  }
  return { kind: 'register', agency: agencyOf(center), issuedAt: now, from: start, to: new Date(end.getTime() - 1), entries };
}

export async function renderRegister(db: Executor, centerId: string, from: string, to: string, format: 'pdf' | 'csv' | 'xlsx'): Promise<{ body: Buffer; fileName: string }> {
  const data = await registerData(db, centerId, from, to);
  const body = format === 'pdf' ? await renderSlip(data) : await renderRegisterSheet(data, format);
  return { body, fileName: slipFileName(data, format) };
}
