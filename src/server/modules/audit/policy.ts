import type { Principal } from '../../http/actor.js';

export const auditPolicy = {
  'audit.read': ['admin', 'leader'],
} as const satisfies Record<string, readonly Principal[]>;
