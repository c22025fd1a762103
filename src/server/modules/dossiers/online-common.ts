import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import type { AuditContext } from '../audit/record-audit.js';
import { notifyApplicant } from './notify-applicant.js';

/** SHA-256 (hex) of a status token: only the hash is stored, the token is given once. */
export function hashStatusToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new private status token: 24 random bytes, 32 URL-safe characters. */
export function newStatusToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Letters and digits that cannot be misread (no 0/O, 1/I/L). */
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * The citizen's submission reference, `TT-YYMMDD-XXXXXXXX` ("trực tuyến", the day, 8 random
 * characters): something to quote on the phone, deliberately unlike the official code
 * `{agency}-{YYMMDD}-{NNNN}` that the dossier gets only when the center accepts it.
 */
export function newSubmissionReference(day: string): string {
  const bytes = randomBytes(8);
  const tail = [...bytes].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('');
  return `TT-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${tail}`;
}

/** Who acts through the portal: nobody signed in. */
export function citizenContext(centerId: string, request: { ip: string | null; requestId: string | null }): AuditContext & { centerId: string } {
  return { actorType: 'public', actorId: null, actorName: null, actorRole: null, centerId, ip: request.ip, requestId: request.requestId };
}

/**
 * Queues a message to the applicant in the caller's transaction (it leaves only if that commits):
 * by the center's text channel to the phone, and by e-mail when the center has it on
 * (notify-applicant.ts); none without contacts.
 */
export async function messageApplicant(trx: Executor, d: { center_id: string; applicant_phone: string | null; applicant_email?: string | null }, dedupeKey: string, body: string): Promise<void> {
  await notifyApplicant(trx, d.center_id, { applicant_phone: d.applicant_phone, applicant_email: d.applicant_email ?? null }, dedupeKey, body);
}

/** Groups uploaded files by the document position of their field name (`doc-3` → 3); other names → null. */
export function positionOfField(fieldName: string): number | null {
  const m = /^doc-([1-9][0-9]{0,2})$/.exec(fieldName);
  return m ? Number(m[1]) : null;
}
