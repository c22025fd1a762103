import type { Executor } from '../../db/database.js';

/** Conversations are kept this long after their last turn (docs/assistant.md, retention). */
export const CONVERSATION_RETENTION_DAYS = 90;

/**
 * Deletes assistant conversations (and their turns) untouched for the retention period, except
 * those handed to staff and not yet closed: a citizen waiting for an answer keeps their history.
 * Scheduled once a day across processes (main.ts, job_runs); returns how many were deleted.
 */
export async function purgeOldConversations(db: Executor, now = new Date()): Promise<{ deleted: number }> {
  const before = new Date(now.getTime() - CONVERSATION_RETENTION_DAYS * 86_400_000);
  const rows = await db.deleteFrom('assistant_conversations').where('updated_at', '<', before).where('status', '<>', 'handed_off').returning('id').execute();
  return { deleted: rows.length };
}
