import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, Text, Uuid } from './common.js';

export const TicketStatus = Type.Union(
  ['waiting', 'called', 'serving', 'done', 'no_show', 'closed'].map((s) => Type.Literal(s)),
);
export const Outcome = Type.Union([
  Type.Literal('dossier_received'),
  Type.Literal('information_only'),
  Type.Literal('referred'),
]);

export const IssueTicketBody = Type.Object(
  {
    fieldId: Type.Optional(Uuid),
    procedureCode: Type.Optional(Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' })),
    priorityGroupId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$' }), Type.Null()])),
    /** A key the client generates once per ticket request: a double tap or a retry returns the same ticket. */
    idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export type IssueTicketBody = Static<typeof IssueTicketBody>;

export const IssuedTicket = Type.Object({
  id: Uuid,
  number: Type.String({ description: 'e.g. B012' }),
  fieldId: Uuid,
  fieldName: Type.String(),
  centerName: Type.String(),
  counters: Type.Array(Type.Integer()),
  priorityGroup: Type.Union([Type.String(), Type.Null()]),
  peopleAhead: Type.Integer(),
  /** null when no counter serving this field is open now. */
  estimatedWaitMinutes: Type.Union([Type.Integer(), Type.Null()]),
  issuedAt: IsoDateTime,
  publicToken: Type.String(),
  liveUrl: Type.String({ description: 'path of the live ticket page (QR code target)' }),
});
export type IssuedTicket = Static<typeof IssuedTicket>;

export const CounterParams = Type.Object({ counterId: Uuid }, { additionalProperties: false });
export const PauseBody = Type.Object({ reason: Text(200) }, { additionalProperties: false });
export const CallTicketBody = Type.Object({ ticketId: Uuid }, { additionalProperties: false });
export const TransferBody = Type.Object(
  { fieldId: Type.Optional(Uuid), counterId: Type.Optional(Uuid) },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
);
export const FinishBody = Type.Object({ outcome: Outcome }, { additionalProperties: false });

export const ConsoleTicket = Type.Object({
  id: Uuid,
  number: Type.String(),
  fieldId: Uuid,
  fieldName: Type.String(),
  status: TicketStatus,
  issuedAt: IsoDateTime,
  calledAt: Type.Union([IsoDateTime, Type.Null()]),
  servingStartedAt: Type.Union([IsoDateTime, Type.Null()]),
  priorityGroup: Type.Union([Type.String(), Type.Null()]),
  procedureCode: Type.Union([Type.String(), Type.Null()]),
  callCount: Type.Integer(),
  transferredHere: Type.Boolean(),
  waitedMinutes: Type.Integer(),
});
export type ConsoleTicket = Static<typeof ConsoleTicket>;

export const NextExplanation = Type.Object({
  reason: Type.Union([Type.Literal('order'), Type.Literal('priority'), Type.Literal('transferred')]),
  overtakes: Type.Integer(),
  text: Type.String({ description: 'Vietnamese explanation shown on the console' }),
});

export const CounterConsole = Type.Object({
  counter: Type.Object({ id: Uuid, number: Type.Integer(), name: Type.String(), fieldIds: Type.Array(Uuid) }),
  state: Type.Object({
    status: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]),
    staffName: Type.Union([Type.String(), Type.Null()]),
    mine: Type.Boolean(),
    pauseReason: Type.Union([Type.String(), Type.Null()]),
    since: Type.Union([IsoDateTime, Type.Null()]),
  }),
  current: Type.Union([ConsoleTicket, Type.Null()]),
  waiting: Type.Array(ConsoleTicket),
  next: Type.Union([Type.Object({ ticketId: Uuid, explanation: NextExplanation }), Type.Null()]),
  noShows: Type.Array(ConsoleTicket),
  myDay: Type.Object({ served: Type.Integer(), averageServiceMinutes: Type.Union([Type.Number(), Type.Null()]) }),
});
export type CounterConsole = Static<typeof CounterConsole>;

export const CallResult = Type.Object({ ticket: Type.Union([ConsoleTicket, Type.Null()]), explanation: Type.Union([NextExplanation, Type.Null()]) });

export const RatingLevel = Type.Union([Type.Literal('very_satisfied'), Type.Literal('satisfied'), Type.Literal('unsatisfied')]);
export const RATING_REASONS = ['thai-do', 'thoi-gian-cho', 'huong-dan', 'thu-tuc', 'co-so-vat-chat', 'khac'] as const;
export const RateBody = Type.Object(
  {
    ticketId: Uuid,
    level: RatingLevel,
    reasons: Type.Optional(Type.Array(Type.Union(RATING_REASONS.map((r) => Type.Literal(r))), { maxItems: 6, uniqueItems: true })),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type RateBody = Static<typeof RateBody>;
