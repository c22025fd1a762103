import { Type, type Static } from '@sinclair/typebox';
import { ClockTime, Text, Uuid } from './common.js';

export const WorkingSession = Type.Object({ start: ClockTime, end: ClockTime }, { additionalProperties: false });
const Day = Type.Array(WorkingSession, { maxItems: 4 });
export const WorkingWeek = Type.Object(
  { '1': Day, '2': Day, '3': Day, '4': Day, '5': Day, '6': Day, '7': Day },
  { additionalProperties: false, description: 'ISO weekday 1 (Monday) … 7 (Sunday) → working sessions' },
);
export type WorkingWeek = Static<typeof WorkingWeek>;

export const AgencyCode = Type.String({
  pattern: '^[A-Z0-9]+(\\.[A-Z0-9]+)*$',
  maxLength: 35,
  description: 'Mã định danh điện tử of the settling body (QĐ 20/2020/QĐ-TTg), used in dossier codes',
});

export const Center = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  address: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  agencyCode: Type.String(),
  workingWeek: WorkingWeek,
  lateCutoff: Type.String(),
  /** Account for fee transfers (VietQR); null when not set. */
  bankAccount: Type.Union([BankAccount(), Type.Null()]),
  /** Dossier messages also go by e-mail to applicants who gave an address. */
  notifyEmail: Type.Boolean(),
});
export type Center = Static<typeof Center>;

export const PublicCenter = Type.Object({ slug: Type.String(), name: Type.String(), address: Type.String() });

function BankAccount() {
  return Type.Object(
    {
      bin: Type.String({ pattern: '^[0-9]{6}$', description: 'the bank’s 6-digit BIN (NAPAS)' }),
      account: Type.String({ pattern: '^[0-9A-Za-z]{1,19}$' }),
      name: Text(100, 2),
    },
    { additionalProperties: false },
  );
}

export const UpdateCenterBody = Type.Object(
  {
    name: Type.Optional(Text(200, 3)),
    address: Type.Optional(Text(300, 0)),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9 +().-]{6,20}$' }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    agencyCode: Type.Optional(AgencyCode),
    workingWeek: Type.Optional(WorkingWeek),
    lateCutoff: Type.Optional(ClockTime),
    bankAccount: Type.Optional(Type.Union([BankAccount(), Type.Null()])),
    notifyEmail: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCenterBody = Static<typeof UpdateCenterBody>;

export const TicketPrefix = Type.String({ pattern: '^[A-Z]{1,2}$', description: 'letters printed before the ticket number' });

export const Field = Type.Object({
  id: Uuid,
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  ticketPrefix: Type.String(),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  /** National field codes (e.g. "ho-tich") whose procedures this field receives by default. */
  nationalFields: Type.Array(Type.String()),
  counterIds: Type.Array(Uuid),
});
export type Field = Static<typeof Field>;

export const CreateFieldBody = Type.Object(
  {
    name: Text(200, 2),
    nameEn: Type.Optional(Type.Union([Text(200), Type.Null()])),
    ticketPrefix: TicketPrefix,
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
    nationalFields: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9-]{2,80}$' }), { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export const UpdateFieldBody = Type.Object(
  {
    name: Type.Optional(Text(200, 2)),
    nameEn: Type.Optional(Type.Union([Text(200), Type.Null()])),
    ticketPrefix: Type.Optional(TicketPrefix),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
    active: Type.Optional(Type.Boolean()),
    nationalFields: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9-]{2,80}$' }), { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CreateFieldBody = Static<typeof CreateFieldBody>;
export type UpdateFieldBody = Static<typeof UpdateFieldBody>;

export const Counter = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  name: Type.String(),
  active: Type.Boolean(),
  fieldIds: Type.Array(Uuid),
});
export type Counter = Static<typeof Counter>;

export const CreateCounterBody = Type.Object(
  {
    number: Type.Integer({ minimum: 1, maximum: 999 }),
    name: Type.Optional(Text(200)),
    fieldIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export const UpdateCounterBody = Type.Object(
  {
    number: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
    name: Type.Optional(Text(200)),
    active: Type.Optional(Type.Boolean()),
    fieldIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CreateCounterBody = Static<typeof CreateCounterBody>;
export type UpdateCounterBody = Static<typeof UpdateCounterBody>;
