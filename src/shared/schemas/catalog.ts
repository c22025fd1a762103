import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

export const ProcedureSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'words, with or without diacritics' })),
    field: Type.Optional(Type.String({ maxLength: 80, description: 'field code, e.g. ho-tich' })),
    center: Type.Optional(Type.String({ maxLength: 64, description: 'center slug: only procedures this center handles' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type ProcedureSearchQuery = Static<typeof ProcedureSearchQuery>;

export const ProcedureSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  fieldCode: Type.String(),
  fieldName: Type.String(),
  workingDays: Type.Union([Type.Number(), Type.Null()]),
  processingText: Type.String(),
  feeFree: Type.Union([Type.Boolean(), Type.Null()]),
  feeAmounts: Type.Union([Type.Array(Type.Integer()), Type.Null()]),
  online: Type.Boolean(),
  score: Type.Number(),
});
export type ProcedureSummary = Static<typeof ProcedureSummary>;

export const ProcedureSearchResult = Type.Object({ items: Type.Array(ProcedureSummary), total: Type.Integer() });

export const ProcedureDocument = Type.Object({
  name: Type.String(),
  nameAsPublished: Type.String(),
  condition: Type.Union([Type.String(), Type.Null()]),
  copies: Type.Number(),
  copyType: Type.Union([Type.String(), Type.Null()]),
  form: Type.Union([Type.String(), Type.Null()]),
});

export const CenterProcedureSettings = Type.Object({
  enabled: Type.Boolean(),
  fieldId: Type.Union([Uuid, Type.Null()]),
  localWorkingDays: Type.Union([Type.Number(), Type.Null()]),
  localFeeText: Type.Union([Type.String(), Type.Null()]),
  localNotes: Type.Union([Type.String(), Type.Null()]),
});
export type CenterProcedureSettings = Static<typeof CenterProcedureSettings>;

export const ProcedureDetail = Type.Object({
  code: Type.String(),
  name: Type.String(),
  fieldCode: Type.String(),
  fieldName: Type.String(),
  level: Type.Union([Type.String(), Type.Null()]),
  processing: Type.Object({
    text: Type.String(),
    workingDays: Type.Union([Type.Number(), Type.Null()]),
    calendarDays: Type.Union([Type.Number(), Type.Null()]),
    hours: Type.Union([Type.Number(), Type.Null()]),
    after15hNextWorkingDay: Type.Boolean(),
    sameDay: Type.Boolean(),
    note: Type.String(),
  }),
  fee: Type.Object({
    text: Type.Array(Type.String()),
    free: Type.Union([Type.Boolean(), Type.Null()]),
    amountsVND: Type.Union([Type.Array(Type.Integer()), Type.Null()]),
  }),
  documents: Type.Array(ProcedureDocument),
  results: Type.Array(Type.String()),
  legalBasis: Type.Array(Type.String()),
  channels: Type.Array(Type.String()),
  online: Type.Boolean(),
  authority: Type.Union([Type.String(), Type.Null()]),
  sourceUrl: Type.Union([Type.String(), Type.Null()]),
  publishingDecision: Type.Union([Type.String(), Type.Null()]),
  aliases: Type.Array(Type.String()),
  updatedAt: Type.String(),
  /** Present when the request names a center. */
  center: Type.Optional(
    Type.Object({
      slug: Type.String(),
      name: Type.String(),
      settings: CenterProcedureSettings,
      fieldName: Type.Union([Type.String(), Type.Null()]),
      counters: Type.Array(Type.Object({ number: Type.Integer(), name: Type.String() })),
    }),
  ),
});
export type ProcedureDetail = Static<typeof ProcedureDetail>;

export const ProcedureField = Type.Object({ code: Type.String(), name: Type.String(), count: Type.Integer() });

export const UpdateProcedureSettingsBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    fieldId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    localWorkingDays: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 365, multipleOf: 0.25 }), Type.Null()])),
    localFeeText: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    localNotes: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProcedureSettingsBody = Static<typeof UpdateProcedureSettingsBody>;

export const CenterProcedureRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  fieldName: Type.String(),
  workingDays: Type.Union([Type.Number(), Type.Null()]),
  settings: CenterProcedureSettings,
});
