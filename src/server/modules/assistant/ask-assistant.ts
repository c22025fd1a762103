import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { AskBody, AskResult } from '../../../shared/schemas/assistant.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { answerQuestion } from './answer-question.js';
import { findConversation, lastTurn, resolveCenter } from './conversations.js';
import type { LlmClient } from './llm/llm-client.js';
import { phraseEngineAnswer } from './llm/phrase-answer.js';

/**
 * A citizen's question (portal, kiosk, volunteer's tablet): answered from the catalog, and kept
 * as one turn of the conversation so that it can be continued ("cái thứ 2", "còn lệ phí?") and
 * handed to staff with its history. Only the question and the answer are stored.
 */
export async function askAssistant(db: Db, ctx: AuditContext, input: AskBody, now = new Date(), llm: LlmClient | null = null): Promise<AskResult> {
  const existing = input.sessionId ? await findConversation(db, input.sessionId) : undefined;
  const named = await resolveCenter(db, input.centerId);
  const center = existing?.center_id ? await resolveCenter(db, existing.center_id) : named;
  const previous = existing ? await lastTurn(db, existing.id) : null;
  const composed = await answerQuestion(db, { question: input.question, center, previous, now });
  // The optional LLM phrasing (llm/phrase-answer.ts): in-scope answers only, checked, else the composed one.
  const answer = llm ? await phraseEngineAnswer(db, composed, { question: input.question, centerSlug: center?.slug }, llm) : composed;
  const sessionId = input.sessionId ?? randomUUID();
  await db.transaction().execute(async (trx) => {
    let conversationId = existing?.id;
    if (!conversationId) {
      const created = await trx
        .insertInto('assistant_conversations')
        .values({ session_id: sessionId, center_id: center?.id ?? null })
        .onConflict((oc) => oc.column('session_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      conversationId = created?.id ?? (await findConversation(trx, sessionId))?.id;
      if (created) {
        await recordAudit(trx, { ...ctx, centerId: center?.id ?? null }, { action: 'assistant.conversation.start', targetType: 'assistant_conversation', targetId: created.id });
      }
    }
    if (!conversationId) return;
    await trx
      .insertInto('assistant_turns')
      .values({
        conversation_id: conversationId,
        at: now,
        question: input.question.normalize('NFC'),
        answer: answer.answer,
        procedure_codes: answer.procedures.map((p) => p.code),
        aspect: answer.aspect ?? null,
        out_of_scope: answer.outOfScope,
        clarifying: answer.clarifyingQuestion !== undefined,
      })
      .execute();
    await trx.updateTable('assistant_conversations').set({ updated_at: now }).where('id', '=', conversationId).execute();
  });
  return { ...answer, sessionId };
}
