import type { Principal } from '../../http/actor.js';

export const messagesPolicy = {
  'messages.read': ['admin'],
} as const satisfies Record<string, readonly Principal[]>;
