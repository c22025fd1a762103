import type { Executor } from '../../db/database.js';
import type { DossierStatus } from '../../db/schema.js';
import { AppError } from '../../http/app-error.js';
import type { DossierView, PublicDossier } from '../../../shared/schemas/dossiers.js';
import { formatDateTimeVN, toVietnamDate } from '../calendar/working-calendar.js';
import { STATUS_LABEL_VI } from './status.js';

type Timeliness = DossierView['timeliness'];

/**
 * Early / on time / late as the official statistics define them (QĐ 766 indicator 5; the
 * Thanh Hóa implementation compares dates, not times — REFERENCE §d.3): a finished dossier
 * against its due date; one still being processed is "in time" until its due date has passed.
 */
export function timelinessOf(d: { status: DossierStatus; due_at: Date | string | null; result_ready_at: Date | string | null }, now = new Date()): Timeliness {
  if (!d.due_at) return 'none';
  const due = toVietnamDate(new Date(d.due_at));
  if (d.result_ready_at) {
    const done = toVietnamDate(new Date(d.result_ready_at));
    return done < due ? 'early' : done === due ? 'on_time' : 'late';
  }
  if (['refused', 'withdrawn', 'stopped', 'incomplete', 'submitted'].includes(d.status)) return 'none';
  return toVietnamDate(now) <= due ? 'in_time' : 'overdue';
}

export async function getDossier(db: Executor, centerId: string, id: string, now = new Date()): Promise<DossierView> {
  const d = await db.selectFrom('dossiers').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  const [docs, events, files] = await Promise.all([
    db.selectFrom('dossier_documents').selectAll().where('dossier_id', '=', id).orderBy('position').execute(),
    db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('id').execute(),
    db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', id).orderBy('document_position').orderBy('uploaded_at').execute(),
  ]);
  return {
    id: d.id,
    code: d.code,
    procedureCode: d.procedure_code,
    procedureName: d.procedure_name,
    status: d.status,
    statusLabel: STATUS_LABEL_VI[d.status],
    dvcqgStatus: d.dvcqg_status,
    channel: d.channel,
    applicant: { name: d.applicant_name, idNumber: d.applicant_id_number, phone: d.applicant_phone, address: d.applicant_address },
    receivedAt: d.received_at ? new Date(d.received_at).toISOString() : null,
    dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
    dueAtText: d.due_at ? formatDateTimeVN(new Date(d.due_at)) : null,
    workingDays: d.working_days === null ? null : Number(d.working_days),
    timeliness: timelinessOf(d, now),
    documents: docs.map((x) => ({ position: x.position, name: x.name, copyType: x.copy_type, copiesRequired: x.copies_required, copiesReceived: x.copies_received, status: x.status, note: x.note })),
    online: d.submission_reference && d.submitted_at ? { reference: d.submission_reference, submittedAt: new Date(d.submitted_at).toISOString() } : null,
    files: files.map((f) => ({ id: f.id, documentPosition: f.document_position, originalName: f.original_name, size: Number(f.size), mime: f.mime, kind: f.kind, uploadedAt: new Date(f.uploaded_at).toISOString() })),
    feeVnd: d.fee_vnd,
    paymentStatus: d.payment_status,
    publicToken: d.public_token,
    assigneeId: d.assignee_id,
    newDueAt: d.new_due_at ? new Date(d.new_due_at).toISOString() : null,
    supplementCount: d.supplement_count,
    events: events.map((e) => ({ at: new Date(e.at).toISOString(), action: e.action, fromStatus: e.from_status, toStatus: e.to_status, actorName: e.actor_name, comment: e.comment })),
  };
}

/** "Nguyễn Thị Hồng Nhung" → "Nguyễn T. H. N.": the family name and initials, nothing more. */
export function maskName(name: string): string {
  const parts = name.trim().split(/\s+/u);
  const [first, ...rest] = parts;
  return [first ?? '', ...rest.map((p) => `${[...p][0] ?? ''}.`)].join(' ').trim();
}

/**
 * The public lookup (portal, kiosk, QR on the slip): status timeline, due date and on-time
 * state, with the applicant's name masked; the last 4 digits of the phone given at receipt
 * unmask the name. Nothing else personal is ever returned.
 */
export async function lookupDossier(db: Executor, code: string, phoneDigits: string | undefined, now = new Date()): Promise<PublicDossier> {
  const d = await db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  const events = await db.selectFrom('dossier_events').select(['at', 'to_status']).where('dossier_id', '=', d.id).orderBy('id').execute();
  const verified = phoneDigits !== undefined && d.applicant_phone !== null && d.applicant_phone.endsWith(phoneDigits);
  return {
    code,
    procedureName: d.procedure_name,
    applicant: verified ? d.applicant_name : maskName(d.applicant_name),
    status: d.status,
    statusLabel: STATUS_LABEL_VI[d.status],
    receivedAt: d.received_at ? new Date(d.received_at).toISOString() : null,
    dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
    timeliness: timelinessOf(d, now),
    timeline: events.map((e) => ({ at: new Date(e.at).toISOString(), status: e.to_status, label: STATUS_LABEL_VI[e.to_status as DossierStatus] ?? e.to_status })),
    verified,
  };
}
