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

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const CounterStatus = Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]);

export const KioskOptions = Type.Object({
  centerName: Type.String(),
  centerSlug: Type.String(),
  fields: Type.Array(Type.Object({ id: Uuid, name: Type.String(), nameEn: Nullable(Type.String()), prefix: Type.String(), counters: Type.Array(Type.Integer()) })),
  priorityGroups: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()) })),
});
export type KioskOptions = Static<typeof KioskOptions>;

export const BoardView = Type.Object({
  centerName: Type.String(),
  now: IsoDateTime,
  counters: Type.Array(Type.Object({ number: Type.Integer(), name: Type.String(), status: CounterStatus, ticket: Nullable(Type.String()) })),
  calls: Type.Array(Type.Object({ id: Type.Integer(), ticket: Type.String(), counter: Type.Integer(), at: IsoDateTime, recall: Type.Boolean() })),
  fields: Type.Array(Type.Object({ name: Type.String(), prefix: Type.String(), waiting: Type.Integer() })),
});
export type BoardView = Static<typeof BoardView>;

/** What a citizen's live ticket page may show: nothing personal about anyone. */
export const PublicTicket = Type.Object({
  number: Type.String(),
  centerName: Type.String(),
  fieldName: Type.String(),
  status: TicketStatus,
  issuedAt: IsoDateTime,
  servingNow: Type.Array(Type.String()),
  peopleAhead: Type.Integer(),
  estimatedWaitMinutes: Nullable(Type.Integer()),
  counter: Nullable(Type.Integer()),
});
export type PublicTicket = Static<typeof PublicTicket>;

export const PendingRating = Type.Object({
  pending: Nullable(Type.Object({ ticketId: Uuid, number: Type.String(), fieldName: Type.String(), staffName: Nullable(Type.String()), counter: Type.Integer() })),
});
export type PendingRating = Static<typeof PendingRating>;

export const QueueOverview = Type.Object({
  day: Type.String(),
  alertThresholdMinutes: Type.Integer(),
  fields: Type.Array(
    Type.Object({
      fieldId: Uuid,
      name: Type.String(),
      prefix: Type.String(),
      waiting: Type.Integer(),
      longestWaitMinutes: Type.Integer(),
      averageWaitMinutes: Nullable(Type.Number()),
      served: Type.Integer(),
      alert: Type.Boolean(),
    }),
  ),
  counters: Type.Array(
    Type.Object({ id: Uuid, number: Type.Integer(), status: CounterStatus, staffName: Nullable(Type.String()), pauseReason: Nullable(Type.String()), ticket: Nullable(Type.String()) }),
  ),
  today: Type.Object({
    issued: Type.Integer(),
    served: Type.Integer(),
    averageWaitMinutes: Nullable(Type.Number()),
    averageServiceMinutes: Nullable(Type.Number()),
    ratings: Type.Object({ verySatisfied: Type.Integer(), satisfied: Type.Integer(), unsatisfied: Type.Integer() }),
    satisfiedShare: Nullable(Type.Number({ description: 'percent of ratings that are satisfied or very satisfied' })),
  }),
});
export type QueueOverview = Static<typeof QueueOverview>;
