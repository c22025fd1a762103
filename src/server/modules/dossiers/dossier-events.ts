import type { Executor } from '../../db/database.js';
import type { DossierStatus } from '../../db/schema.js';
import type { AuditContext } from '../audit/record-audit.js';

export interface DossierEventInput {
  dossierId: string;
  action: string;
  from: DossierStatus | null;
  to: DossierStatus;
  comment?: string | null;
  data?: Record<string, unknown>;
  at?: Date;
}

/**
 * One step of a dossier's history (the public timeline, the process-control slip and the
 * leader's summary read these), written in the caller's transaction with who did it.
 */
export async function recordDossierEvent(trx: Executor, ctx: AuditContext & { centerId: string }, e: DossierEventInput): Promise<void> {
  await trx
    .insertInto('dossier_events')
    .values({
      center_id: ctx.centerId,
      dossier_id: e.dossierId,
      ...(e.at ? { at: e.at } : {}),
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_id: ctx.actorId,
      actor_name: ctx.actorName,
      actor_role: ctx.actorRole,
      comment: e.comment ?? null,
      data: JSON.stringify(e.data ?? {}),
    })
    .execute();
}
