import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, Text, Uuid } from './common.js';

/**
 * The citizen assistant's API (issue #5): a question in the citizen's own words, answered from
 * the procedure catalog only. Shared by the server (validation, OpenAPI) and the web chat.
 */

/** A conversation id chosen by the client (or issued by the server): unguessable, URL-safe. */
export const AssistantSessionId = Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description: 'conversation id (a UUID or 16–64 URL-safe characters)' });

export const AskBody = Type.Object(
  {
    question: Text(1000),
    sessionId: Type.Optional(AssistantSessionId),
    centerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "the center's id or slug" })),
  },
  { additionalProperties: false },
);
export type AskBody = Static<typeof AskBody>;

export const AssistantProcedure = Type.Object({ code: Type.String(), name: Type.String(), score: Type.Number() });
export type AssistantProcedure = Static<typeof AssistantProcedure>;

export const AssistantCitation = Type.Object({
  code: Type.String({ description: 'national procedure code' }),
  field: Type.String({ description: 'the procedure field (lĩnh vực)' }),
  url: Type.Optional(Type.String({ description: "the procedure's page in the portal" })),
});
export type AssistantCitation = Static<typeof AssistantCitation>;

export const AssistantNextStep = Type.Union([
  Type.Object({ kind: Type.Literal('ticket'), fieldId: Type.Union([Uuid, Type.Null()]), fieldName: Type.String(), label: Type.String() }),
  Type.Object({ kind: Type.Literal('online'), procedureCode: Type.String(), label: Type.String() }),
  Type.Object({ kind: Type.Literal('human'), label: Type.String() }),
  Type.Object({ kind: Type.Literal('lookup'), dossierCode: Type.String(), label: Type.String() }),
]);
export type AssistantNextStep = Static<typeof AssistantNextStep>;

export const AssistantAspect = Type.Union(
  ['documents', 'fee', 'time', 'where', 'how', 'conditions', 'result', 'general', 'status'].map((a) => Type.Literal(a)),
);

export const AskResult = Type.Object({
  answer: Type.String(),
  /** Best first; empty when out of scope. */
  procedures: Type.Array(AssistantProcedure),
  citations: Type.Array(AssistantCitation),
  confidence: Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]),
  outOfScope: Type.Boolean(),
  clarifyingQuestion: Type.Optional(Type.String()),
  needsHuman: Type.Boolean(),
  nextSteps: Type.Optional(Type.Array(AssistantNextStep)),
  /** The conversation this turn belongs to (send it back to continue or to hand it to staff). */
  sessionId: Type.Optional(AssistantSessionId),
  aspect: Type.Optional(Type.String({ description: 'what the question asked about (documents, fee, time, …)' })),
  language: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
  /** Present when an LLM is configured: 'llm' when its phrasing passed the fact check, else 'catalog' (docs/assistant.md). */
  phrasedBy: Type.Optional(Type.Union([Type.Literal('catalog'), Type.Literal('llm')])),
});
export type AskResult = Static<typeof AskResult>;

export const SessionParams = Type.Object({ id: AssistantSessionId }, { additionalProperties: false });

export const HandoffResult = Type.Object({ sessionId: AssistantSessionId, status: Type.Literal('handed_off'), handedOffAt: IsoDateTime });
export type HandoffResult = Static<typeof HandoffResult>;

export const AssistantTurn = Type.Object({
  at: IsoDateTime,
  question: Type.String(),
  answer: Type.String(),
  procedureCodes: Type.Array(Type.String()),
  outOfScope: Type.Boolean(),
});
export type AssistantTurn = Static<typeof AssistantTurn>;

export const HandedOffConversation = Type.Object({
  sessionId: Type.String(),
  status: Type.Union([Type.Literal('handed_off'), Type.Literal('closed')]),
  startedAt: IsoDateTime,
  handedOffAt: Type.Union([IsoDateTime, Type.Null()]),
  turns: Type.Array(AssistantTurn),
});
export type HandedOffConversation = Static<typeof HandedOffConversation>;

export const HandoffListQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('handed_off'), Type.Literal('closed')])) },
  { additionalProperties: false },
);
export type HandoffListQuery = Static<typeof HandoffListQuery>;
