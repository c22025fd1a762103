import { STAFF, type Principal } from '../../http/actor.js';

/** Who may do what with accounts and devices. Checked on every route before data access. */
export const accountsPolicy = {
  'session.self': STAFF,
  'users.read': ['admin', 'leader'],
  'users.manage': ['admin'],
  'devices.read': ['admin'],
  'devices.manage': ['admin'],
  'device.self': ['kiosk', 'display', 'rating'],
} as const satisfies Record<string, readonly Principal[]>;
