import type { Principal } from '../../http/actor.js';

export const assistantPolicy = {
  /** Conversations citizens handed to staff, with their history: the people at the counters. */
  'assistant.handoffs.read': ['receptionist', 'specialist', 'admin'],
  /** Mark a handed-off conversation as dealt with. */
  'assistant.handoffs.close': ['receptionist', 'specialist', 'admin'],
} as const satisfies Record<string, readonly Principal[]>;
