import { randomBytes } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { checkCitizenId, CITIZEN_ID_MESSAGES_VI } from '../../../shared/citizen-id.js';
import type { ReceiveDossierBody } from '../../../shared/schemas/dossiers.js';
import type { DossierStatus, DossiersTable } from '../../db/schema.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { loadCenterCalendarRules } from '../calendar/center-calendar.js';
import { computeDueAt, formatDateTimeVN, toVietnamDate } from '../calendar/working-calendar.js';
import type { Derived } from '../catalog/catalog-file.js';
import { DVCQG_STATUS } from './status.js';
import { recordDossierEvent } from './dossier-events.js';
import { notifyApplicant } from './notify-applicant.js';

/** `{agency code}-{YYMMDD}-{NNNN}`: TT 03/2025 Art. 13 / the Thanh Hóa system (REFERENCE §c); at least 4 digits. */
export function formatDossierCode(agencyCode: string, receiptDay: string, n: number): string {
  return `${agencyCode}-${receiptDay.slice(2, 4)}${receiptDay.slice(5, 7)}${receiptDay.slice(8, 10)}-${String(n).padStart(4, '0')}`;
}

/** The limit the deadline counts: explicit input, the center's local value, or the catalog's derived one. */
export function deadlineOf(derived: Derived, localWorkingDays: number | null, override: number | undefined): { workingDays: number; lateCutoffRule: boolean } | null {
  const lateCutoffRule = derived.processing.after15hNextWorkingDay === true;
  if (override !== undefined) return { workingDays: override, lateCutoffRule };
  if (localWorkingDays !== null) return { workingDays: localWorkingDays, lateCutoffRule };
  // "1" with the same-day rule means: result the day of receipt (next working day after 15:00).
  if (derived.processing.sameDay) return { workingDays: 0, lateCutoffRule: true };
  if (derived.processing.workingDays !== null) return { workingDays: derived.processing.workingDays, lateCutoffRule };
  return null;
}

export function copyTypeOf(text: string): 'original' | 'certified_copy' | 'copy' {
  const t = text.toLowerCase();
  if (t.includes('chứng thực')) return 'certified_copy';
  if (t.includes('sao') || t.includes('photo')) return 'copy';
  return 'original';
}

/** The receipt's sequence number of the day, incremented in the dossier's transaction (unique and consecutive). */
async function nextDossierNumber(trx: Executor, centerId: string, day: string): Promise<number> {
  const r = await sql<{ last_number: number }>`
    INSERT INTO dossier_sequences (center_id, receipt_day, last_number) VALUES (${centerId}, ${day}, 1)
    ON CONFLICT (center_id, receipt_day) DO UPDATE SET last_number = dossier_sequences.last_number + 1
    RETURNING last_number`.execute(trx);
  return Number(r.rows[0]?.last_number);
}

/** What accepting a dossier needs, read before its transaction: the procedure, its limit and the due date counted from `now`. */
export interface ReceptionTerms {
  procedure: { code: string; name: string };
  derived: Derived;
  deadline: { workingDays: number; lateCutoffRule: boolean };
  due: ReturnType<typeof computeDueAt>;
  agencyCode: string;
  /** The receipt day (Asia/Ho_Chi_Minh) that numbers the official code. */
  day: string;
  now: Date;
}

/** The procedure, its deadline and the due date from the center's working calendar, for a dossier accepted at `now`. */
export async function receptionTermsOf(db: Executor, centerId: string, procedureCode: string, workingDaysOverride: number | undefined, now: Date): Promise<ReceptionTerms> {
  const procedure = await db.selectFrom('procedures').select(['code', 'name', 'derived']).where('code', '=', procedureCode).executeTakeFirst();
  if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND');
  const derived = procedure.derived as Derived;
  const local = await db.selectFrom('center_procedures').select(['local_working_days']).where('center_id', '=', centerId).where('procedure_code', '=', procedureCode).executeTakeFirst();
  const deadline = deadlineOf(derived, local?.local_working_days === undefined || local.local_working_days === null ? null : Number(local.local_working_days), workingDaysOverride);
  if (!deadline) throw new AppError('DOSSIER_DEADLINE_UNKNOWN');
  const rules = await loadCenterCalendarRules(db, centerId);
  const due = computeDueAt(rules, { receivedAt: now, workingDays: deadline.workingDays, lateCutoffRule: deadline.lateCutoffRule });
  const center = await db.selectFrom('centers').select('agency_code').where('id', '=', centerId).executeTakeFirstOrThrow();
  return { procedure: { code: procedure.code, name: procedure.name }, derived, deadline, due, agencyCode: center.agency_code, day: toVietnamDate(now), now };
}

/** The columns acceptance sets on a dossier. */
export type AcceptedColumns = Pick<
  Insertable<DossiersTable>,
  'code' | 'status' | 'dvcqg_status' | 'received_at' | 'received_by' | 'working_days' | 'late_cutoff_rule' | 'due_at' | 'original_due_at'
>;

/**
 * The one acceptance step, shared by reception at the counter and the review of an online
 * submission: inside the caller's transaction it numbers the dossier (official code, consecutive
 * per center and day), lets `write` insert or update the dossier with the accepted columns
 * (receipt time, due date), and records the 'receive' event and the audit row.
 */
export async function acceptDossier<T extends { id: string }>(
  trx: Executor,
  ctx: AuditContext & { centerId: string; actorId: string },
  terms: ReceptionTerms,
  from: DossierStatus | null,
  write: (columns: AcceptedColumns) => Promise<T>,
): Promise<T & { code: string }> {
  const code = formatDossierCode(terms.agencyCode, terms.day, await nextDossierNumber(trx, ctx.centerId, terms.day));
  const dossier = await write({
    code,
    status: 'received',
    dvcqg_status: DVCQG_STATUS.received,
    received_at: terms.now,
    received_by: ctx.actorId,
    working_days: terms.deadline.workingDays,
    late_cutoff_rule: terms.deadline.lateCutoffRule,
    due_at: terms.due.dueAt,
    original_due_at: terms.due.dueAt,
  });
  await recordDossierEvent(trx, ctx, { dossierId: dossier.id, at: terms.now, action: 'receive', from, to: 'received', data: { dueAt: terms.due.dueAt.toISOString(), explanation: terms.due.explanation } });
  await recordAudit(trx, ctx, { action: 'dossier.receive', targetType: 'dossier', targetId: dossier.id, ...(from ? { before: { status: from } } : {}), after: { code, procedure: terms.procedure.code, dueAt: terms.due.dueAt.toISOString() } });
  return { ...dossier, code };
}

export interface ChecklistRow {
  position: number;
  name: string;
  condition: string | null;
  copyType: 'original' | 'certified_copy' | 'copy';
  copiesRequired: number;
  copiesReceived: number;
  status: ReceiveDossierBody['documents'][number]['status'];
  note: string | null;
}

/** The procedure's documents (positions from 1) with what was handed in; unmentioned ones are missing. */
export function checklistOf(derived: Derived, handedIn: ReceiveDossierBody['documents']): ChecklistRow[] {
  const required = derived.documents.filter((d) => d.kind === 'document');
  const byPosition = new Map(handedIn.map((d) => [d.position, d]));
  return required.map((d, i) => {
    const handed = byPosition.get(i + 1);
    const status = handed?.status ?? 'missing';
    return { position: i + 1, name: d.name, condition: d.condition, copyType: copyTypeOf(d.copyType), copiesRequired: Math.max(1, d.copies), copiesReceived: handed?.copiesReceived ?? (status === 'received' ? Math.max(1, d.copies) : 0), status, note: handed?.note ?? null };
  });
}

/** Required (unconditional) documents missing or not valid. */
export function missingOf(rows: readonly ChecklistRow[]): ChecklistRow[] {
  return rows.filter((r) => (r.status === 'missing' || r.status === 'invalid') && r.condition === null);
}

/** The applicant, representative, ticket and a new public token of a dossier handed in at the counter. */
export function applicantColumns(input: Pick<ReceiveDossierBody, 'applicant' | 'representative' | 'ticketId'>) {
  return {
    applicant_name: input.applicant.name.trim().normalize('NFC'),
    applicant_id_number: input.applicant.idNumber,
    applicant_birth_date: input.applicant.birthDate ?? null,
    applicant_phone: input.applicant.phone ?? null,
    applicant_address: input.applicant.address.trim().normalize('NFC'),
    applicant_email: input.applicant.email ?? null,
    representative: input.representative ? JSON.stringify(input.representative) : null,
    ticket_id: input.ticketId ?? null,
    public_token: randomBytes(12).toString('base64url'),
  };
}

export function documentValues(centerId: string, dossierId: string, rows: readonly ChecklistRow[]) {
  return rows.map((r) => ({ center_id: centerId, dossier_id: dossierId, position: r.position, name: r.name, condition: r.condition, copy_type: r.copyType, copies_required: r.copiesRequired, copies_received: r.copiesReceived, status: r.status, note: r.note }));
}

/**
 * Accepts a complete dossier at the counter: checks the applicant and the documents against the
 * procedure, gives it its official code and its due date from the center's working calendar,
 * and records the reception — dossier, documents, first event and audit row in one transaction.
 * A required document missing or invalid refuses acceptance (DOSSIER_INCOMPLETE, with the list).
 */
export async function receiveDossier(db: Db, ctx: AuditContext & { centerId: string; actorId: string }, input: ReceiveDossierBody, now = new Date()) {
  const idProblem = checkCitizenId(input.applicant.idNumber, input.applicant.birthDate);
  if (idProblem) throw new AppError('CITIZEN_ID_INVALID', { detail: CITIZEN_ID_MESSAGES_VI[idProblem], errors: [{ path: 'body/applicant/idNumber', message: CITIZEN_ID_MESSAGES_VI[idProblem] }] });
  const terms = await receptionTermsOf(db, ctx.centerId, input.procedureCode, input.workingDays, now);

  const rows = checklistOf(terms.derived, input.documents);
  const missing = missingOf(rows);
  if (missing.length > 0) {
    throw new AppError('DOSSIER_INCOMPLETE', { errors: missing.map((m) => ({ path: `body/documents/${m.position}`, message: `Thiếu hoặc chưa hợp lệ: ${m.name}` })) });
  }
  if (input.ticketId) {
    const t = await db.selectFrom('tickets').select('id').where('center_id', '=', ctx.centerId).where('id', '=', input.ticketId).executeTakeFirst();
    if (!t) throw new AppError('TICKET_NOT_FOUND');
  }

  return db.transaction().execute(async (trx) => {
    const fee = input.feeVnd ?? 0;
    const dossier = await acceptDossier(trx, ctx, terms, null, (accepted) =>
      trx
        .insertInto('dossiers')
        .values({
          ...accepted,
          center_id: ctx.centerId,
          procedure_code: terms.procedure.code,
          procedure_name: terms.procedure.name,
          channel: input.channel ?? 'counter',
          ...applicantColumns(input),
          fee_vnd: fee,
          payment_status: fee > 0 ? 'unpaid' : 'not_required',
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    await trx
      .insertInto('dossier_documents')
      .values(documentValues(ctx.centerId, dossier.id, rows))
      .execute();
    await notifyApplicant(trx, ctx.centerId, dossier, `receive:${dossier.id}`, `Hồ sơ ${dossier.code} (${terms.procedure.name}) đã được tiếp nhận, hẹn trả kết quả ${formatDateTimeVN(terms.due.dueAt)}.`);
    return { dossier, explanation: terms.due.explanation };
  });
}
