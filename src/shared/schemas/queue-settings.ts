import { Type, type Static } from '@sinclair/typebox';
import { Text, Uuid } from './common.js';

export const PriorityGroup = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  creditMinutes: Type.Integer({ description: 'minutes subtracted from the issue time when ordering the queue' }),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
});
export type PriorityGroup = Static<typeof PriorityGroup>;

export const PriorityGroupBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }),
    name: Text(200, 2),
    nameEn: Type.Optional(Type.Union([Text(200), Type.Null()])),
    creditMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
  },
  { additionalProperties: false },
);
export type PriorityGroupBody = Static<typeof PriorityGroupBody>;

export const UpdatePriorityGroupBody = Type.Object(
  {
    name: Type.Optional(Text(200, 2)),
    nameEn: Type.Optional(Type.Union([Text(200), Type.Null()])),
    creditMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePriorityGroupBody = Static<typeof UpdatePriorityGroupBody>;

export const QueueSettingsBody = Type.Object(
  { waitAlertMinutes: Type.Integer({ minimum: 1, maximum: 600 }) },
  { additionalProperties: false },
);
