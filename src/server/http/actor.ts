import type { DeviceKind, Role } from '../db/schema.js';

export type StaffActor = {
  type: 'user';
  id: string;
  centerId: string;
  role: Role;
  username: string;
  fullName: string;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
};

export type DeviceActor = {
  type: 'device';
  id: string;
  centerId: string;
  kind: DeviceKind;
  name: string;
  counterId: string | null;
};

/** Who is calling: a signed-in staff member or an enrolled device. Public routes have none. */
export type Actor = StaffActor | DeviceActor;

export type Principal = Role | DeviceKind;

export function principalOf(actor: Actor): Principal {
  return actor.type === 'user' ? actor.role : actor.kind;
}

export const STAFF: readonly Role[] = ['admin', 'leader', 'receptionist', 'specialist'];
export const DEVICES: readonly DeviceKind[] = ['kiosk', 'display', 'rating'];
