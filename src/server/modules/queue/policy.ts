import { STAFF, type Principal } from '../../http/actor.js';

export const queuePolicy = {
  /** Take a ticket (the kiosk; staff can issue one at the counter for a walk-in). */
  'tickets.issue': ['kiosk', 'receptionist', 'admin'],
  /** Work at a counter: open/close/pause, call, serve, transfer, finish. */
  'counter.operate': ['receptionist', 'specialist', 'admin'],
  /** The display board's view and live stream. */
  'board.read': ['display', ...STAFF],
  /** Queue overview with alerts and today's figures. */
  'queue.overview': ['leader', 'admin'],
  'queue.manage': ['admin'],
  /** The rating tablet at a counter. */
  'ratings.submit': ['rating'],
  'queue.stream': ['display', 'kiosk', 'rating', ...STAFF],
} as const satisfies Record<string, readonly Principal[]>;
