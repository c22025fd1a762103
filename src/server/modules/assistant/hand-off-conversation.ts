import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { HandoffResult } from '../../../shared/schemas/assistant.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';

/**
 * "Talk to a person": the citizen hands the conversation to the center's staff, who see it with
 * its history in their list. Asking again is harmless (the first hand-off time is kept).
 */
export async function handOffConversation(db: Db, ctx: AuditContext, sessionId: string, now = new Date()): Promise<HandoffResult> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('assistant_conversations').selectAll().where('session_id', '=', sessionId).forUpdate().executeTakeFirst();
    if (!c) throw new AppError('ASSISTANT_SESSION_NOT_FOUND');
    if (!c.center_id) throw new AppError('ASSISTANT_HANDOFF_NO_CENTER');
    if (c.status === 'handed_off' && c.handed_off_at) return { sessionId, status: 'handed_off', handedOffAt: new Date(c.handed_off_at).toISOString() };
    const updated = await trx
      .updateTable('assistant_conversations')
      .set({ status: 'handed_off', handed_off_at: now, closed_at: null, closed_by: null, updated_at: now })
      .where('id', '=', c.id)
      .where('status', 'in', ['open', 'closed'])
      .returning(['handed_off_at'])
      .executeTakeFirst();
    if (!updated?.handed_off_at) throw new AppError('ASSISTANT_CONVERSATION_STATE_CONFLICT');
    await recordAudit(trx, { ...ctx, centerId: c.center_id }, {
      action: 'assistant.handoff',
      targetType: 'assistant_conversation',
      targetId: c.id,
      before: { status: c.status },
      after: { status: 'handed_off' },
    });
    return { sessionId, status: 'handed_off', handedOffAt: new Date(updated.handed_off_at).toISOString() };
  });
}
