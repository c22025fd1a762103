import type { Executor } from '../../db/database.js';
import type { DossierStatus } from '../../db/schema.js';
import type { OnlineStatus } from '../../../shared/schemas/online.js';
import { renderDossierSlip, type DossierSlipKind } from './dossier-slips.js';
import { maskName } from './dossier-views.js';
import { findSubmission } from './online-submission.js';
import type { RequestedItem } from './review-dossier.js';
import { STATUS_LABEL_VI } from './status.js';

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * The citizen's private status page (opened with the token given at submission): status, the
 * official code once accepted, each document with the files sent, what the receptionist asked
 * for or why the dossier was refused. Personal data: the masked name only.
 */
export async function getOnlineStatus(db: Executor, token: string): Promise<OnlineStatus> {
  const d = await findSubmission(db, token);
  const [center, docs, files, events] = await Promise.all([
    db.selectFrom('centers').select('name').where('id', '=', d.center_id).executeTakeFirstOrThrow(),
    db.selectFrom('dossier_documents').select(['position', 'name', 'condition', 'status', 'note']).where('dossier_id', '=', d.id).orderBy('position').execute(),
    db.selectFrom('dossier_files').select(['document_position', 'original_name', 'size', 'uploaded_at']).where('dossier_id', '=', d.id).where('kind', '=', 'scan').orderBy('uploaded_at').execute(),
    db.selectFrom('dossier_events').select(['at', 'action', 'to_status', 'data']).where('dossier_id', '=', d.id).orderBy('id').execute(),
  ]);
  const lastRequest = events.filter((e) => e.action === 'request_more').at(-1);
  const lastRefusal = events.filter((e) => e.action === 'refuse').at(-1);
  const requestData = lastRequest?.data as { items?: RequestedItem[]; reason?: string } | undefined;
  const refusalData = lastRefusal?.data as { reasons?: string[] } | undefined;
  return {
    reference: d.submission_reference ?? '',
    procedureCode: d.procedure_code,
    procedureName: d.procedure_name,
    centerName: center.name,
    applicant: maskName(d.applicant_name),
    status: d.status,
    statusLabel: STATUS_LABEL_VI[d.status],
    code: d.code,
    submittedAt: iso(d.submitted_at ?? d.created_at),
    receivedAt: d.received_at ? iso(d.received_at) : null,
    dueAt: d.due_at ? iso(d.due_at) : null,
    documents: docs.map((x) => ({
      position: x.position,
      name: x.name,
      required: x.condition === null,
      status: x.status,
      note: x.note,
      files: files.filter((f) => f.document_position === x.position).map((f) => ({ name: f.original_name, size: Number(f.size), uploadedAt: iso(f.uploaded_at) })),
    })),
    request: d.status === 'incomplete' && lastRequest ? { at: iso(lastRequest.at), reason: requestData?.reason ?? null, items: requestData?.items ?? [] } : null,
    refusal: d.status === 'refused' && lastRefusal ? { at: iso(lastRefusal.at), reasons: refusalData?.reasons ?? [] } : null,
    canResubmit: d.status === 'incomplete',
    slip: citizenSlipOf(d),
    timeline: events.map((e) => ({ at: iso(e.at), status: e.to_status, label: STATUS_LABEL_VI[e.to_status as DossierStatus] ?? e.to_status })),
  };
}

/** The slip the citizen can download now: the receipt once accepted, else the review decision's slip. */
function citizenSlipOf(d: { status: DossierStatus; code: string | null }): OnlineStatus['slip'] {
  if (d.status === 'incomplete') return 'supplement';
  if (d.status === 'refused' && d.code === null) return 'refusal';
  return d.code ? 'receipt' : null;
}

const SLIP_KIND: Record<NonNullable<OnlineStatus['slip']>, DossierSlipKind> = { receipt: 'receipt', supplement: 'supplement-request', refusal: 'refusal' };

/** The citizen's slip as PDF (the dossier module's official slips, built from the dossier's records). */
export async function renderCitizenSlip(db: Executor, token: string, origin: string): Promise<{ pdf: Buffer; fileName: string }> {
  const d = await findSubmission(db, token);
  const slip = citizenSlipOf(d);
  return renderDossierSlip(db, d.center_id, d.id, slip ? SLIP_KIND[slip] : 'receipt', origin);
}
