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
