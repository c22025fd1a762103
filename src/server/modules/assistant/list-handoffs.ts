import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { HandedOffConversation, HandoffListQuery } from '../../../shared/schemas/assistant.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';

const LIMIT = 100;

/** The conversations citizens handed to this center's staff (newest first), each with its turns. */
export async function listHandoffs(db: Db, centerId: string, query: HandoffListQuery): Promise<HandedOffConversation[]> {
  const status = query.status ?? 'handed_off';
  const conversations = await db
    .selectFrom('assistant_conversations')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('status', '=', status)
    .orderBy('handed_off_at', 'desc')
    .limit(LIMIT)
    .execute();
  if (conversations.length === 0) return [];
  const turns = await db
    .selectFrom('assistant_turns')
    .selectAll()
    .where(
      'conversation_id',
      'in',
      conversations.map((c) => c.id),
    )
    .orderBy('id')
    .execute();
  return conversations.map((c) => ({
    sessionId: c.session_id,
    status,
    startedAt: new Date(c.created_at).toISOString(),
    handedOffAt: c.handed_off_at ? new Date(c.handed_off_at).toISOString() : null,
    turns: turns
      .filter((t) => t.conversation_id === c.id)
      .map((t) => ({ at: new Date(t.at).toISOString(), question: t.question, answer: t.answer, procedureCodes: t.procedure_codes, outOfScope: t.out_of_scope })),
  }));
}

/** An official has dealt with a handed-off conversation: it leaves the list (guard + change + audit). */
export async function closeHandoff(db: Db, ctx: AuditContext & { centerId: string; actorId: string }, sessionId: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('assistant_conversations').select(['id', 'status']).where('session_id', '=', sessionId).where('center_id', '=', ctx.centerId).executeTakeFirst();
    if (!c) throw new AppError('ASSISTANT_SESSION_NOT_FOUND');
    const updated = await trx
      .updateTable('assistant_conversations')
      .set({ status: 'closed', closed_at: now, closed_by: ctx.actorId, updated_at: now })
      .where('id', '=', c.id)
      .where('status', '=', 'handed_off')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('ASSISTANT_CONVERSATION_STATE_CONFLICT');
    await recordAudit(trx, ctx, { action: 'assistant.handoff.close', targetType: 'assistant_conversation', targetId: c.id, before: { status: 'handed_off' }, after: { status: 'closed' } });
  });
}
