import { randomBytes } from 'node:crypto';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Db, Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { checkCitizenId, CITIZEN_ID_MESSAGES_VI } from '../../../shared/citizen-id.js';
import { OnlineSubmissionData, type OnlineSubmissionReceipt } from '../../../shared/schemas/online.js';
import { recordAudit } from '../audit/record-audit.js';
import { toVietnamDate } from '../calendar/working-calendar.js';
import type { Derived } from '../catalog/catalog-file.js';
import type { FileStore } from '../files/file-store.js';
import type { ReceivedFile } from '../files/receive-upload.js';
import { citizenContext, hashStatusToken, messageApplicant, newStatusToken, newSubmissionReference, positionOfField } from './online-common.js';
import { copyTypeOf } from './receive-dossier.js';
import { DVCQG_STATUS } from './status.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validateData = addFormats(new Ajv({ allErrors: true, strict: false })).compile<OnlineSubmissionData>(OnlineSubmissionData);

export interface RequestInfo {
  ip: string | null;
  requestId: string | null;
}

/** A submission whose data part has been checked against the center and the procedure. */
export interface PreparedSubmission {
  data: OnlineSubmissionData;
  center: { id: string; name: string };
  procedure: { code: string; name: string };
  /** The procedure's documents, position = index + 1. */
  documents: Array<{ position: number; name: string; condition: string | null; copyType: 'original' | 'certified_copy' | 'copy'; copiesRequired: number }>;
}

function invalid(errors: Array<{ path: string; message: string }>, detail?: string): AppError {
  return new AppError('ONLINE_SUBMISSION_INVALID', { errors, ...(detail ? { detail } : {}) });
}

/**
 * Checks the `data` part of an online submission — sent before the files, so a refusal here
 * stores nothing: the JSON against its schema, the personal identification number, and that
 * the procedure is available online and enabled at the center (a center without a setting for
 * it has it enabled). Every required document must be among the ones provided.
 */
export async function prepareOnlineSubmission(db: Executor, text: string): Promise<PreparedSubmission> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid([{ path: 'data', message: 'Không phải JSON hợp lệ.' }]);
  }
  if (!validateData(parsed)) {
    throw invalid((validateData.errors ?? []).slice(0, 20).map((e) => ({ path: `data${e.instancePath}`, message: e.message ?? 'không hợp lệ' })));
  }
  const data = parsed;
  const idProblem = checkCitizenId(data.applicant.idNumber, data.applicant.birthDate);
  if (idProblem) throw new AppError('CITIZEN_ID_INVALID', { detail: CITIZEN_ID_MESSAGES_VI[idProblem], errors: [{ path: 'data/applicant/idNumber', message: CITIZEN_ID_MESSAGES_VI[idProblem] }] });
  const center = await db.selectFrom('centers').select(['id', 'name']).where('slug', '=', data.center).executeTakeFirst();
  if (!center) throw new AppError('CENTER_NOT_FOUND');
  const procedure = await db
    .selectFrom('procedures as p')
    .leftJoin('center_procedures as cp', (j) => j.onRef('cp.procedure_code', '=', 'p.code').on('cp.center_id', '=', center.id))
    .select(['p.code', 'p.name', 'p.derived', 'p.online', 'cp.enabled'])
    .where('p.code', '=', data.procedureCode)
    .executeTakeFirst();
  if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND');
  if (!procedure.online || procedure.enabled === false) throw new AppError('ONLINE_NOT_AVAILABLE', { internal: `${procedure.code} online=${String(procedure.online)} enabled=${String(procedure.enabled)}` });
  const documents = (procedure.derived as Derived).documents
    .filter((d) => d.kind === 'document')
    .map((d, i) => ({ position: i + 1, name: d.name, condition: d.condition, copyType: copyTypeOf(d.copyType), copiesRequired: Math.max(1, d.copies) }));
  const provided = new Set(data.documents.map((d) => d.position));
  const unknown = [...provided].filter((p) => p > documents.length);
  if (unknown.length > 0) throw invalid(unknown.map((p) => ({ path: `data/documents/${p}`, message: 'Thủ tục không có giấy tờ ở vị trí này.' })));
  const missing = documents.filter((d) => d.condition === null && !provided.has(d.position));
  if (missing.length > 0) throw new AppError('ONLINE_DOCUMENTS_MISSING', { errors: missing.map((d) => ({ path: `doc-${d.position}`, message: `Chưa đính kèm: ${d.name}` })) });
  return { data, center, procedure: { code: procedure.code, name: procedure.name }, documents };
}

/** The uploaded files by document position; a file under another field name, or for a document not provided, refuses the request. */
export function filesByPosition(files: readonly ReceivedFile[], allowed: ReadonlySet<number>): Map<number, ReceivedFile[]> {
  const byPosition = new Map<number, ReceivedFile[]>();
  const wrong: Array<{ path: string; message: string }> = [];
  for (const f of files) {
    const position = positionOfField(f.fieldName);
    if (position === null || !allowed.has(position)) {
      wrong.push({ path: f.fieldName, message: 'Tệp không gắn với giấy tờ nào của hồ sơ.' });
      continue;
    }
    byPosition.set(position, [...(byPosition.get(position) ?? []), f]);
  }
  if (wrong.length > 0) throw invalid(wrong);
  return byPosition;
}

/**
 * Files are in the store before the rows that reference them commit (docs/files.md). Right
 * before the commit each is checked to be there, so that even a garbage collection racing an
 * upload of the same bytes cannot leave a committed row without its file.
 */
export async function insertDossierFiles(
  trx: Executor,
  store: FileStore,
  target: { centerId: string; dossierId: string; uploadedBy: string | null; now: Date },
  byPosition: ReadonlyMap<number, readonly ReceivedFile[]>,
): Promise<number> {
  const rows = [...byPosition].flatMap(([position, files]) =>
    files.map((f) => ({ center_id: target.centerId, dossier_id: target.dossierId, document_position: position, original_name: f.originalName, sha256: f.sha256, size: f.size, mime: f.mime, kind: 'scan' as const, uploaded_by: target.uploadedBy, uploaded_at: target.now })),
  );
  if (rows.length === 0) return 0;
  await trx.insertInto('dossier_files').values(rows).execute();
  for (const r of rows) {
    if (!(await store.exists(r.sha256))) throw new AppError('UPLOAD_INTERRUPTED', { internal: `stored file ${r.sha256} vanished before commit` });
  }
  return rows.length;
}

/**
 * Records an online submission (status 'submitted', DVCQG 1, no official code yet): the dossier,
 * its documents, the scans (already in the store), the first event, the audit row and the
 * message to the applicant in one transaction. Returns the reference and the private status
 * token, which is stored only as its hash.
 */
export async function submitOnlineDossier(db: Db, store: FileStore, prepared: PreparedSubmission, files: readonly ReceivedFile[], request: RequestInfo, now = new Date()): Promise<OnlineSubmissionReceipt> {
  const provided = new Set(prepared.data.documents.map((d) => d.position));
  const byPosition = filesByPosition(files, provided);
  const empty = [...provided].filter((p) => !byPosition.has(p));
  if (empty.length > 0) {
    throw new AppError('ONLINE_DOCUMENTS_MISSING', { errors: empty.map((p) => ({ path: `doc-${p}`, message: `Chưa đính kèm: ${prepared.documents[p - 1]?.name ?? p}` })) });
  }
  const token = newStatusToken();
  const reference = newSubmissionReference(toVietnamDate(now));
  const { data, center } = prepared;
  const ctx = citizenContext(center.id, request);
  await db.transaction().execute(async (trx) => {
    const dossier = await trx
      .insertInto('dossiers')
      .values({
        center_id: center.id,
        code: null,
        procedure_code: prepared.procedure.code,
        procedure_name: prepared.procedure.name,
        channel: 'online',
        status: 'submitted',
        dvcqg_status: DVCQG_STATUS.submitted,
        applicant_name: data.applicant.name.trim().normalize('NFC'),
        applicant_id_number: data.applicant.idNumber,
        applicant_birth_date: data.applicant.birthDate ?? null,
        applicant_phone: data.applicant.phone ?? null,
        applicant_address: data.applicant.address.trim().normalize('NFC'),
        applicant_email: data.applicant.email ?? null,
        representative: data.representative ? JSON.stringify(data.representative) : null,
        public_token: randomBytes(12).toString('base64url'),
        submission_reference: reference,
        submission_token_hash: hashStatusToken(token),
        submitted_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'center_id', 'applicant_phone'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('dossier_documents')
      .values(
        prepared.documents.map((d) => ({
          center_id: center.id,
          dossier_id: dossier.id,
          position: d.position,
          name: d.name,
          condition: d.condition,
          copy_type: d.copyType,
          copies_required: d.copiesRequired,
          copies_received: provided.has(d.position) ? 1 : 0,
          status: provided.has(d.position) ? ('received' as const) : ('not_applicable' as const),
        })),
      )
      .execute();
    const fileCount = await insertDossierFiles(trx, store, { centerId: center.id, dossierId: dossier.id, uploadedBy: null, now }, byPosition);
    await trx
      .insertInto('dossier_events')
      .values({ center_id: center.id, dossier_id: dossier.id, at: now, action: 'submit_online', from_status: null, to_status: 'submitted', actor_name: data.applicant.name, actor_role: 'citizen', data: JSON.stringify({ reference, files: fileCount }) })
      .execute();
    await recordAudit(trx, ctx, { action: 'dossier.submit_online', targetType: 'dossier', targetId: dossier.id, after: { reference, procedure: prepared.procedure.code, files: fileCount } });
    await messageApplicant(trx, dossier, `online_submit:${dossier.id}`, `Đã nhận hồ sơ nộp trực tuyến ${reference} (${prepared.procedure.name}). Trung tâm sẽ kiểm tra và báo kết quả tiếp nhận.`);
  });
  return { reference, statusToken: token, statusPath: `/nop-truc-tuyen/trang-thai/${token}`, submittedAt: now.toISOString(), procedureName: prepared.procedure.name };
}

/** The dossier of a status token (any status), for the citizen's pages. */
export async function findSubmission(db: Executor, token: string) {
  const d = await db.selectFrom('dossiers').selectAll().where('submission_token_hash', '=', hashStatusToken(token)).executeTakeFirst();
  if (!d) throw new AppError('SUBMISSION_NOT_FOUND');
  return d;
}

/** Refuses early (before any file is read) when the submission cannot take documents now. */
export async function checkResubmission(db: Executor, token: string): Promise<void> {
  const d = await findSubmission(db, token);
  if (d.status !== 'incomplete') throw new AppError('DOSSIER_STATE_CONFLICT', { detail: 'Hồ sơ không ở trạng thái chờ bổ sung.' });
}

/**
 * The citizen sends the documents the receptionist asked for, from the status page: the files
 * are attached to their documents, every document asked for must get one, and the dossier goes
 * back to 'submitted' for review — guarded on 'incomplete' in the transaction, with event,
 * audit row and message.
 */
export async function resubmitOnlineDocuments(db: Db, store: FileStore, token: string, files: readonly ReceivedFile[], request: RequestInfo, now = new Date()): Promise<void> {
  const found = await findSubmission(db, token);
  await db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('dossiers').selectAll().where('id', '=', found.id).forUpdate().executeTakeFirstOrThrow();
    if (d.status !== 'incomplete') throw new AppError('DOSSIER_STATE_CONFLICT', { detail: 'Hồ sơ không ở trạng thái chờ bổ sung.' });
    const docs = await trx.selectFrom('dossier_documents').select(['position', 'name', 'status']).where('dossier_id', '=', d.id).execute();
    const byPosition = filesByPosition(files, new Set(docs.map((x) => x.position)));
    const asked = docs.filter((x) => x.status === 'missing' || x.status === 'invalid');
    const still = asked.filter((x) => !byPosition.has(x.position));
    if (still.length > 0) throw new AppError('ONLINE_DOCUMENTS_MISSING', { errors: still.map((x) => ({ path: `doc-${x.position}`, message: `Chưa đính kèm: ${x.name}` })) });
    const count = await insertDossierFiles(trx, store, { centerId: d.center_id, dossierId: d.id, uploadedBy: null, now }, byPosition);
    await trx
      .updateTable('dossier_documents')
      .set({ status: 'received', note: null, copies_received: 1 })
      .where('dossier_id', '=', d.id)
      .where('position', 'in', [...byPosition.keys()])
      .execute();
    const changed = await trx
      .updateTable('dossiers')
      .set({ status: 'submitted', dvcqg_status: DVCQG_STATUS.submitted, updated_at: now })
      .where('id', '=', d.id)
      .where('status', '=', 'incomplete')
      .returning('id')
      .executeTakeFirst();
    if (!changed) throw new AppError('DOSSIER_STATE_CONFLICT');
    const round = await trx.selectFrom('dossier_events').select((eb) => eb.fn.countAll<number>().as('n')).where('dossier_id', '=', d.id).where('action', '=', 'resubmit_online').executeTakeFirstOrThrow();
    await trx
      .insertInto('dossier_events')
      .values({ center_id: d.center_id, dossier_id: d.id, at: now, action: 'resubmit_online', from_status: 'incomplete', to_status: 'submitted', actor_name: d.applicant_name, actor_role: 'citizen', data: JSON.stringify({ files: count, positions: [...byPosition.keys()] }) })
      .execute();
    await recordAudit(trx, citizenContext(d.center_id, request), { action: 'dossier.resubmit_online', targetType: 'dossier', targetId: d.id, before: { status: 'incomplete' }, after: { status: 'submitted', files: count } });
    await messageApplicant(trx, d, `online_resubmit:${d.id}:${Number(round.n) + 1}`, `Đã nhận giấy tờ bổ sung cho hồ sơ ${d.submission_reference ?? ''}. Trung tâm sẽ kiểm tra lại.`);
  });
}
