import type { Executor } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { PreviousTurn } from './answer-question.js';

/** Repository of assistant conversations; takes the executor (or transaction) from its caller. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A center named by id or slug; with none named, the only center of a single-center install. */
export async function resolveCenter(db: Executor, idOrSlug: string | undefined): Promise<{ id: string; slug: string } | null> {
  if (idOrSlug) {
    let q = db.selectFrom('centers').select(['id', 'slug']);
    q = UUID.test(idOrSlug) ? q.where('id', '=', idOrSlug) : q.where('slug', '=', idOrSlug);
    const center = await q.executeTakeFirst();
    if (!center) throw new AppError('CENTER_NOT_FOUND');
    return center;
  }
  const centers = await db.selectFrom('centers').select(['id', 'slug']).limit(2).execute();
  return centers.length === 1 ? (centers[0] ?? null) : null;
}

export async function findConversation(db: Executor, sessionId: string) {
  return db.selectFrom('assistant_conversations').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}

export async function lastTurn(db: Executor, conversationId: string): Promise<PreviousTurn | null> {
  const t = await db
    .selectFrom('assistant_turns')
    .select(['question', 'procedure_codes', 'clarifying', 'out_of_scope'])
    .where('conversation_id', '=', conversationId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return t ? { question: t.question, procedureCodes: t.procedure_codes, clarifying: t.clarifying, outOfScope: t.out_of_scope } : null;
}
