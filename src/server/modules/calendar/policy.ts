import { STAFF, type Principal } from '../../http/actor.js';

export const calendarPolicy = {
  'calendar.read': STAFF,
  'calendar.manage': ['admin'],
} as const satisfies Record<string, readonly Principal[]>;
