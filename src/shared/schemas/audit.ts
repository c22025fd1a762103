import { Type, type Static } from '@sinclair/typebox';
import { CivilDate, IsoDateTime } from './common.js';

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  actorType: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 64, description: 'exact action or a prefix ending in "." (e.g. "user.")' })),
    actor: Type.Optional(Type.String({ maxLength: 100, description: 'actor name contains' })),
    targetId: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(CivilDate),
    to: Type.Optional(CivilDate),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
