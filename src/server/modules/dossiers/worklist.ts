import type { Executor } from '../../db/database.js';
import { foldVietnamese } from '../../../shared/text.js';
import { STATUS_LABEL_VI } from './status.js';
import { timelinessOf } from './dossier-views.js';

export type WorklistView = 'all' | 'mine' | 'due_soon' | 'overdue' | 'awaiting_approval' | 'result_ready' | 'online_review';

/** Worklists of specialists and leaders: mine, due within 2 days, overdue, waiting for approval, results to hand over. */
export async function listDossiers(db: Executor, centerId: string, actorId: string, query: { view?: WorklistView; q?: string; page?: number; pageSize?: number }, now = new Date()) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  let q = db.selectFrom('dossiers').where('center_id', '=', centerId);
  const active = ['received', 'processing', 'awaiting_approval'] as const;
  switch (query.view ?? 'all') {
    case 'mine':
      q = q.where('assignee_id', '=', actorId).where('status', 'in', [...active, 'supplement_requested']);
      break;
    case 'due_soon':
      q = q.where('status', 'in', active).where('due_at', '>=', now).where('due_at', '<', new Date(now.getTime() + 2 * 86_400_000));
      break;
    case 'overdue':
      q = q.where('status', 'in', active).where('due_at', '<', now);
      break;
    case 'awaiting_approval':
      q = q.where('status', '=', 'awaiting_approval');
      break;
    case 'result_ready':
      q = q.where('status', '=', 'result_ready');
      break;
    case 'online_review': // online submissions waiting for the receptionist's review, oldest first
      q = q.where('status', '=', 'submitted').where('channel', '=', 'online');
      break;
    case 'all':
      break;
  }
  const rows = await q.selectAll().orderBy('due_at', (o) => o.asc().nullsLast()).orderBy('created_at').execute();
  const needle = foldVietnamese(query.q ?? '');
  const filtered = needle
    ? rows.filter((d) => foldVietnamese(`${d.code ?? ''} ${d.applicant_name} ${d.procedure_name} ${d.applicant_id_number}`).includes(needle))
    : rows;
  return {
    total: filtered.length,
    items: filtered.slice((page - 1) * pageSize, page * pageSize).map((d) => ({
      id: d.id,
      code: d.code,
      procedureName: d.procedure_name,
      applicantName: d.applicant_name,
      status: d.status,
      statusLabel: STATUS_LABEL_VI[d.status],
      dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
      newDueAt: d.new_due_at ? new Date(d.new_due_at).toISOString() : null,
      timeliness: timelinessOf(d, now),
      assigneeId: d.assignee_id,
      reference: d.submission_reference,
      submittedAt: d.submitted_at ? new Date(d.submitted_at).toISOString() : null,
    })),
  };
}
