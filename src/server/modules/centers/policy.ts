import { DEVICES, STAFF, type Principal } from '../../http/actor.js';

const EVERYONE_SIGNED_IN: readonly Principal[] = [...STAFF, ...DEVICES];

export const centersPolicy = {
  'center.read': EVERYONE_SIGNED_IN,
  'center.manage': ['admin'],
  'fields.read': EVERYONE_SIGNED_IN,
  'fields.manage': ['admin'],
  'counters.read': EVERYONE_SIGNED_IN,
  'counters.manage': ['admin'],
} as const satisfies Record<string, readonly Principal[]>;
