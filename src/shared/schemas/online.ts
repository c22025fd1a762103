import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, Text } from './common.js';
import { Applicant, Representative } from './dossiers.js';

/**
 * Online submission (nộp hồ sơ trực tuyến) and the receptionist's review. The submission is a
 * multipart/form-data request: a text part `data` (JSON, this schema, sent first) and one or
 * more file parts per document, named `doc-<position>` (position in the procedure's list, from 1).
 */
export const OnlineSubmissionData = Type.Object(
  {
    /** The center's slug (GET /api/centers). */
    center: Type.String({ pattern: '^[a-z0-9-]{1,80}$' }),
    procedureCode: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' }),
    applicant: Applicant,
    representative: Type.Optional(Representative),
    /** The documents the citizen provides (each with at least one `doc-<position>` file). */
    documents: Type.Array(Type.Object({ position: Type.Integer({ minimum: 1, maximum: 200 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type OnlineSubmissionData = Static<typeof OnlineSubmissionData>;

/** The file-part name of a document: `doc-3` for the third document of the procedure. */
export const DOCUMENT_FIELD = /^doc-([1-9][0-9]{0,2})$/;

export const OnlineSubmissionReceipt = Type.Object({
  reference: Type.String({ description: 'submission reference (not the official dossier code)' }),
  statusToken: Type.String({ description: 'private: opens the status page; shown once, stored only as a hash' }),
  statusPath: Type.String(),
  submittedAt: IsoDateTime,
  procedureName: Type.String(),
});
export type OnlineSubmissionReceipt = Static<typeof OnlineSubmissionReceipt>;

export const StatusTokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{32}$' }) }, { additionalProperties: false });

export const ReviewItem = Type.Object(
  {
    /** A document of the dossier (its position), or omit it and name the item. */
    position: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    name: Type.Optional(Text(500)),
    note: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export type ReviewItem = Static<typeof ReviewItem>;

export const ReviewBody = Type.Union([
  Type.Object(
    {
      decision: Type.Literal('accept'),
      /** Only when the catalog gives no limit in working days for this procedure. */
      workingDays: Type.Optional(Type.Number({ minimum: 0, maximum: 365, multipleOf: 0.25 })),
      feeVnd: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { decision: Type.Literal('request_more'), items: Type.Array(ReviewItem, { minItems: 1, maxItems: 50 }), reason: Type.Optional(Text(2000)) },
    { additionalProperties: false },
  ),
  Type.Object({ decision: Type.Literal('refuse'), reasons: Type.Array(Text(2000), { minItems: 1, maxItems: 30 }) }, { additionalProperties: false }),
]);
export type ReviewBody = Static<typeof ReviewBody>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const RequestedItem = Type.Object({ position: Nullable(Type.Integer()), name: Type.String(), note: Nullable(Type.String()) });

/** The citizen's private status page (by token). Personal data: the masked name only. */
export const OnlineStatus = Type.Object({
  reference: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  centerName: Type.String(),
  applicant: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  /** The official code, once accepted. */
  code: Nullable(Type.String()),
  submittedAt: IsoDateTime,
  receivedAt: Nullable(IsoDateTime),
  dueAt: Nullable(IsoDateTime),
  documents: Type.Array(
    Type.Object({
      position: Type.Integer(),
      name: Type.String(),
      required: Type.Boolean(),
      status: Type.String(),
      note: Nullable(Type.String()),
      files: Type.Array(Type.Object({ name: Type.String(), size: Type.Integer(), uploadedAt: IsoDateTime })),
    }),
  ),
  /** What the receptionist asked for (status incomplete). */
  request: Nullable(Type.Object({ at: IsoDateTime, reason: Nullable(Type.String()), items: Type.Array(RequestedItem) })),
  refusal: Nullable(Type.Object({ at: IsoDateTime, reasons: Type.Array(Type.String()) })),
  canResubmit: Type.Boolean(),
  /** The slip to download: Mẫu 01 (receipt) once accepted, Mẫu 02 (supplement) or Mẫu 03 (refusal). */
  slip: Nullable(Type.Union([Type.Literal('receipt'), Type.Literal('supplement'), Type.Literal('refusal')])),
  timeline: Type.Array(Type.Object({ at: IsoDateTime, status: Type.String(), label: Type.String() })),
});
export type OnlineStatus = Static<typeof OnlineStatus>;

export const OnlineWorklistQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: false },
);
