import { STAFF, type Principal } from '../../http/actor.js';

export const catalogPolicy = {
  'procedure-settings.read': STAFF,
  'procedure-settings.manage': ['admin'],
} as const satisfies Record<string, readonly Principal[]>;
