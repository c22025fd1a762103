import { Type, type TSchema } from '@sinclair/typebox';

/** Building blocks shared by the API schemas (server validation, OpenAPI, web client types). */
export const Uuid = Type.String({ format: 'uuid' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const CivilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Ho_Chi_Minh)' });
export const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:mm' });
/** Text a person typed: trimmed by the client, 1..max characters. */
export const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('leader'),
  Type.Literal('receptionist'),
  Type.Literal('specialist'),
]);
export const DeviceKind = Type.Union([Type.Literal('kiosk'), Type.Literal('display'), Type.Literal('rating')]);

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }) });

/** The problem+json body (RFC 9457) every error response uses. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    retryAfter: Type.Optional(Type.Integer()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
