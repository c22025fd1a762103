import { Type } from '@sinclair/typebox';
import { Text } from '../../../shared/schemas/common.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { auditContextOf, staffOf } from '../../http/access-control.js';
import { PROBLEMS } from '../../http/responses.js';
import { AskBody, AskResult, HandedOffConversation, HandoffListQuery, HandoffResult, SessionParams } from '../../../shared/schemas/assistant.js';
import type { AuditContext } from '../audit/record-audit.js';
import { askAssistant } from './ask-assistant.js';
import { answerQuestion } from './answer-question.js';
import type { LlmClient } from './llm/llm-client.js';
import { handOffConversation } from './hand-off-conversation.js';
import { closeHandoff, listHandoffs } from './list-handoffs.js';

/**
 * A citizen is anonymous: the audit names the request, not the person (no IP address is kept
 * for the assistant — docs/assistant.md).
 */
function publicContext(request: FastifyRequest): AuditContext {
  return { actorType: 'public', actorId: null, actorName: null, actorRole: null, centerId: null, ip: null, requestId: String(request.id) };
}

const SuggestBody = Type.Object({ question: Text(1000) }, { additionalProperties: false });

export async function assistantRoutes(fastify: FastifyInstance, opts: { database: Database; llm?: LlmClient | null }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = opts.database;

  app.post(
    '/assistant/ask',
    {
      config: { access: 'public' },
      schema: {
        tags: ['assistant'],
        summary: 'Ask the citizen assistant (answers from the procedure catalog only; offline)',
        body: AskBody,
        response: { 200: AskResult, ...PROBLEMS },
      },
    },
    async (request) => askAssistant(db, publicContext(request), request.body, new Date(), opts.llm ?? null),
  );

  app.post(
    '/copilot/suggest-procedures',
    {
      config: { access: 'dossiers.receive' },
      schema: {
        tags: ['copilot'],
        summary: "The citizen's words → the closest procedures at my center (the same engine, nothing stored)",
        body: SuggestBody,
        response: { 200: AskResult, ...PROBLEMS },
      },
    },
    async (request) => {
      const s = staffOf(request);
      const center = await db.selectFrom('centers').select(['id', 'slug']).where('id', '=', s.centerId).executeTakeFirstOrThrow();
      // An official's lookup is not a citizen's conversation: answered, not kept (no turn, no audit row).
      return answerQuestion(db, { question: request.body.question, center });
    },
  );

  app.post(
    '/assistant/sessions/:id/handoff',
    {
      config: { access: 'public' },
      schema: {
        tags: ['assistant'],
        summary: "Hand a conversation to the center's staff, with its history",
        params: SessionParams,
        response: { 200: HandoffResult, ...PROBLEMS },
      },
    },
    async (request) => handOffConversation(db, publicContext(request), request.params.id),
  );

  app.get(
    '/assistant/handoffs',
    {
      config: { access: 'assistant.handoffs.read' },
      schema: {
        tags: ['assistant'],
        summary: 'Conversations citizens handed to my center, with their history (newest first)',
        querystring: HandoffListQuery,
        response: { 200: Type.Array(HandedOffConversation), ...PROBLEMS },
      },
    },
    async (request) => listHandoffs(db, staffOf(request).centerId, request.query),
  );

  app.post(
    '/assistant/handoffs/:id/close',
    {
      config: { access: 'assistant.handoffs.close' },
      schema: { tags: ['assistant'], summary: 'Mark a handed-off conversation as dealt with', params: SessionParams, response: { 204: Type.Null(), ...PROBLEMS } },
    },
    async (request, reply) => {
      await closeHandoff(db, auditContextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
