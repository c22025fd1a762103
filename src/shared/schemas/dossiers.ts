import { Type, type Static } from '@sinclair/typebox';
import { CivilDate, IsoDateTime, Text, Uuid } from './common.js';

export const Applicant = Type.Object(
  {
    name: Text(200, 2),
    idNumber: Type.String({ pattern: '^[0-9]{12}$', description: 'số định danh cá nhân (12 digits)' }),
    birthDate: Type.Optional(CivilDate),
    phone: Type.Optional(Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$' })),
    address: Text(300, 0),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const Representative = Type.Object(
  {
    name: Text(200, 2),
    idNumber: Type.String({ pattern: '^[0-9]{12}$' }),
    relation: Text(100),
    authorization: Type.Optional(Text(300)),
  },
  { additionalProperties: false },
);

export const HandedDocument = Type.Object(
  {
    /** Position of the document in the procedure's list (GET /api/procedures/:code → documents, from 1). */
    position: Type.Integer({ minimum: 1, maximum: 200 }),
    status: Type.Union([Type.Literal('received'), Type.Literal('missing'), Type.Literal('invalid'), Type.Literal('not_applicable')]),
    copiesReceived: Type.Optional(Type.Integer({ minimum: 0, maximum: 99 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const ReceiveDossierBody = Type.Object(
  {
    procedureCode: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' }),
    applicant: Applicant,
    representative: Type.Optional(Representative),
    documents: Type.Array(HandedDocument, { maxItems: 200 }),
    ticketId: Type.Optional(Uuid),
    channel: Type.Optional(Type.Union([Type.Literal('counter'), Type.Literal('post')])),
    /** Only when the catalog gives no limit in working days for this procedure. */
    workingDays: Type.Optional(Type.Number({ minimum: 0, maximum: 365, multipleOf: 0.25 })),
    feeVnd: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
  },
  { additionalProperties: false },
);
export type ReceiveDossierBody = Static<typeof ReceiveDossierBody>;

/**
 * A dossier handed in at the counter that is not accepted: `request_more` (what to bring; the
 * items default to the required documents missing from the checklist) or `refuse` (reasons).
 */
export const DeclineAtCounterBody = Type.Object(
  {
    procedureCode: ReceiveDossierBody.properties.procedureCode,
    applicant: Applicant,
    representative: Type.Optional(Representative),
    documents: Type.Array(HandedDocument, { maxItems: 200 }),
    ticketId: Type.Optional(Uuid),
    decision: Type.Union([Type.Literal('request_more'), Type.Literal('refuse')]),
    items: Type.Optional(
      Type.Array(
        Type.Object(
          { position: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), name: Type.Optional(Text(500)), note: Type.Optional(Text(1000)) },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    reason: Type.Optional(Text(2000)),
    reasons: Type.Optional(Type.Array(Text(2000), { minItems: 1, maxItems: 30 })),
  },
  { additionalProperties: false },
);
export type DeclineAtCounterBody = Static<typeof DeclineAtCounterBody>;

export const Timeliness = Type.Union([
  Type.Literal('early'),
  Type.Literal('on_time'),
  Type.Literal('late'),
  Type.Literal('in_time'),
  Type.Literal('overdue'),
  Type.Literal('none'),
]);

/** A file of a dossier (a citizen's scan or a result document); the bytes are downloaded separately. */
export const DossierFileView = Type.Object({
  id: Uuid,
  documentPosition: Type.Union([Type.Integer(), Type.Null()]),
  originalName: Type.String(),
  size: Type.Integer(),
  mime: Type.String(),
  kind: Type.String(),
  uploadedAt: IsoDateTime,
});
export type DossierFileView = Static<typeof DossierFileView>;

export const DossierView = Type.Object({
  id: Uuid,
  code: Type.Union([Type.String(), Type.Null()]),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  dvcqgStatus: Type.Integer(),
  channel: Type.String(),
  applicant: Type.Object({ name: Type.String(), idNumber: Type.String(), phone: Type.Union([Type.String(), Type.Null()]), address: Type.String() }),
  receivedAt: Type.Union([IsoDateTime, Type.Null()]),
  dueAt: Type.Union([IsoDateTime, Type.Null()]),
  dueAtText: Type.Union([Type.String(), Type.Null()]),
  workingDays: Type.Union([Type.Number(), Type.Null()]),
  timeliness: Timeliness,
  documents: Type.Array(
    Type.Object({ position: Type.Integer(), name: Type.String(), copyType: Type.String(), copiesRequired: Type.Integer(), copiesReceived: Type.Integer(), status: Type.String(), note: Type.Optional(Type.Union([Type.String(), Type.Null()])) }),
  ),
  /** Online submissions: the citizen's reference and when it was sent (null for the counter). */
  online: Type.Optional(Type.Union([Type.Object({ reference: Type.String(), submittedAt: IsoDateTime }), Type.Null()])),
  files: Type.Optional(Type.Array(DossierFileView)),
  feeVnd: Type.Integer(),
  paymentStatus: Type.String(),
  publicToken: Type.String(),
  assigneeId: Type.Union([Uuid, Type.Null()]),
  newDueAt: Type.Union([IsoDateTime, Type.Null()]),
  supplementCount: Type.Integer(),
  events: Type.Array(
    Type.Object({
      at: IsoDateTime,
      action: Type.String(),
      fromStatus: Type.Union([Type.String(), Type.Null()]),
      toStatus: Type.String(),
      actorName: Type.Union([Type.String(), Type.Null()]),
      comment: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type DossierView = Static<typeof DossierView>;

export const PublicDossierQuery = Type.Object(
  { phone: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'last 4 digits of the phone number given at receipt' })) },
  { additionalProperties: false },
);

export const PublicDossier = Type.Object({
  code: Type.String(),
  procedureName: Type.String(),
  applicant: Type.String({ description: 'masked unless the phone digits match' }),
  status: Type.String(),
  statusLabel: Type.String(),
  receivedAt: Type.Union([IsoDateTime, Type.Null()]),
  dueAt: Type.Union([IsoDateTime, Type.Null()]),
  timeliness: Timeliness,
  timeline: Type.Array(Type.Object({ at: IsoDateTime, status: Type.String(), label: Type.String() })),
  verified: Type.Boolean(),
});
export type PublicDossier = Static<typeof PublicDossier>;

export const AdjustFeeBody = Type.Object(
  { feeVnd: Type.Integer({ minimum: 0, maximum: 100_000_000 }), reason: Text(500, 3) },
  { additionalProperties: false },
);

export const RecordPaymentBody = Type.Object(
  {
    amountVnd: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    method: Type.Union([Type.Literal('cash'), Type.Literal('transfer')]),
    /** Bank transaction reference for a transfer. */
    reference: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
);

const PaymentStatus = Type.Union([Type.Literal('not_required'), Type.Literal('unpaid'), Type.Literal('paid')]);

export const DossierFees = Type.Object({
  feeVnd: Type.Integer(),
  paidVnd: Type.Integer(),
  dueVnd: Type.Integer(),
  paymentStatus: PaymentStatus,
  reason: Type.Union([Type.String(), Type.Null()]),
  payments: Type.Array(
    Type.Object({
      receiptNumber: Type.String(),
      amountVnd: Type.Integer(),
      method: Type.Union([Type.Literal('cash'), Type.Literal('transfer')]),
      reference: Type.Union([Type.String(), Type.Null()]),
      receivedAt: IsoDateTime,
      receivedBy: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type DossierFees = Static<typeof DossierFees>;

export const PaymentQr = Type.Object({
  payload: Type.String({ description: 'VietQR (EMVCo) text encoded in the QR code' }),
  svg: Type.String(),
  amountVnd: Type.Integer(),
  purpose: Type.String(),
  bank: Type.Object({ bin: Type.String(), account: Type.String(), name: Type.String() }),
});
export type PaymentQr = Static<typeof PaymentQr>;

export const SLIP_FILES = ['receipt', 'supplement-request', 'refusal', 'apology', 'stop-notice', 'process-control'] as const;
export const SlipParams = Type.Object(
  { id: Uuid, slip: Type.String({ pattern: `^(${SLIP_FILES.join('|')})\\.pdf$`, description: 'receipt.pdf, supplement-request.pdf, refusal.pdf, apology.pdf, stop-notice.pdf, process-control.pdf' }) },
  { additionalProperties: false },
);

export const RegisterQuery = Type.Object(
  { from: CivilDate, to: CivilDate, format: Type.Optional(Type.Union([Type.Literal('pdf'), Type.Literal('csv'), Type.Literal('xlsx')])) },
  { additionalProperties: false },
);

export const StatsQuery = Type.Object({ from: CivilDate, to: CivilDate }, { additionalProperties: false });

/** Progress over a period as the QĐ 766 index counts it (indicator 5), with channels and apology letters. */
export const DossierStats = Type.Object({
  from: CivilDate,
  to: CivilDate,
  received: Type.Object({ total: Type.Integer(), online: Type.Integer(), counter: Type.Integer(), post: Type.Integer() }),
  finished: Type.Object({ total: Type.Integer(), early: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), withdrawn: Type.Integer() }),
  processing: Type.Object({ total: Type.Integer(), inTime: Type.Integer(), overdue: Type.Integer() }),
  /** (early + on time + processing within the deadline) / (finished + processing) × 100; null when there is nothing to count. */
  onTimeRate: Type.Union([Type.Number(), Type.Null()]),
  /** 20 × rate / 100: the points of indicator 5. */
  progressScore: Type.Union([Type.Number(), Type.Null()]),
  apologies: Type.Integer(),
  supplementRequests: Type.Integer(),
  refusals: Type.Integer(),
});
export type DossierStats = Static<typeof DossierStats>;

/** A leader's summary of a dossier before approval, composed from its records only. */
export const DossierSummary = Type.Object({
  lines: Type.Array(Type.String()),
  steps: Type.Array(
    Type.Object({
      at: IsoDateTime,
      action: Type.String(),
      actorName: Type.Union([Type.String(), Type.Null()]),
      comment: Type.Union([Type.String(), Type.Null()]),
      /** Working time the dossier stayed at this step (until the next event, or now). */
      workingMinutes: Type.Integer(),
    }),
  ),
});
export type DossierSummary = Static<typeof DossierSummary>;
