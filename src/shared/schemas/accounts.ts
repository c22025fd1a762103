import { Type, type Static } from '@sinclair/typebox';
import { DeviceKind, IsoDateTime, Role, Text, Uuid } from './common.js';

export const Username = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,63}$', description: 'lower case, 3–64' });
export const Password = Type.String({ minLength: 1, maxLength: 200 });

export const LoginBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Password }, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  id: Uuid,
  username: Type.String(),
  fullName: Type.String(),
  role: Role,
  centerId: Uuid,
  centerName: Type.String(),
  mustChangePassword: Type.Boolean(),
  csrfToken: Type.String(),
});
export type Me = Static<typeof Me>;

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  fullName: Type.String(),
  role: Role,
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Type.Union([IsoDateTime, Type.Null()]),
  createdAt: IsoDateTime,
});
export type User = Static<typeof User>;

export const CreateUserBody = Type.Object(
  { username: Username, fullName: Text(200, 2), role: Role, password: Type.Optional(Password) },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  { fullName: Type.Optional(Text(200, 2)), role: Type.Optional(Role), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

/** A generated password is shown once to the admin who created/reset the account. */
export const UserWithPassword = Type.Object({ user: User, temporaryPassword: Type.Optional(Type.String()) });

export const Device = Type.Object({
  id: Uuid,
  kind: DeviceKind,
  name: Type.String(),
  counterId: Type.Union([Uuid, Type.Null()]),
  tokenHint: Type.String(),
  revokedAt: Type.Union([IsoDateTime, Type.Null()]),
  lastSeenAt: Type.Union([IsoDateTime, Type.Null()]),
  createdAt: IsoDateTime,
});
export type Device = Static<typeof Device>;

export const CreateDeviceBody = Type.Object(
  { kind: DeviceKind, name: Text(200), counterId: Type.Optional(Type.Union([Uuid, Type.Null()])) },
  { additionalProperties: false },
);
export type CreateDeviceBody = Static<typeof CreateDeviceBody>;

/** The token is returned once, at creation; only its hash is stored. */
export const DeviceWithToken = Type.Object({ device: Device, token: Type.String() });

export const DeviceMe = Type.Object({
  id: Uuid,
  kind: DeviceKind,
  name: Type.String(),
  centerId: Uuid,
  centerName: Type.String(),
  counterId: Type.Union([Uuid, Type.Null()]),
});
