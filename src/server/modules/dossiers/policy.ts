import { STAFF, type Principal } from '../../http/actor.js';

export const dossiersPolicy = {
  'dossiers.receive': ['receptionist', 'admin'],
  'dossiers.read': STAFF,
  'dossiers.assign': ['receptionist', 'leader', 'admin'],
  'dossiers.process': ['specialist', 'leader'],
  'dossiers.approve': ['leader'],
  'dossiers.return': ['receptionist', 'admin'],
  'dossiers.withdraw': ['receptionist', 'leader', 'admin'],
  /** Change a fee (with a reason), record a payment. */
  'dossiers.fees': ['receptionist', 'leader', 'admin'],
  /** The register holds every applicant's contacts: the one-stop desk and its leaders. */
  'dossiers.register': ['receptionist', 'leader', 'admin'],
  /** Progress figures of the center (no personal data). */
  'dossiers.stats': STAFF,
} as const satisfies Record<string, readonly Principal[]>;
