import { STAFF, type Principal } from '../../http/actor.js';

export const dossiersPolicy = {
  'dossiers.receive': ['receptionist', 'admin'],
  'dossiers.read': STAFF,
} as const satisfies Record<string, readonly Principal[]>;
