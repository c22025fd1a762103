import type { Executor } from '../../db/database.js';
import { enqueueMessage } from '../messages/outbox.js';

export interface ApplicantContacts {
  applicant_phone: string | null;
  applicant_email: string | null;
}

/**
 * Queues a message about a dossier to its applicant, in the caller's transaction (it leaves only
 * if the change commits): by the center's text channel to the phone (log/SMS/Zalo), and also by
 * e-mail when the center has e-mail on and the applicant gave an address. `key` identifies the
 * event, so a retried request never sends the same message twice.
 */
export async function notifyApplicant(trx: Executor, centerId: string, to: ApplicantContacts, key: string, body: string, subject?: string): Promise<number> {
  const center = await trx.selectFrom('centers').select(['name', 'message_channel', 'notify_email']).where('id', '=', centerId).executeTakeFirstOrThrow();
  const text = `${body} ${center.name}`;
  let queued = 0;
  if (to.applicant_phone) {
    await enqueueMessage(trx, { centerId, channel: center.message_channel, recipient: to.applicant_phone, body: text, dedupeKey: `dossier:${key}` });
    queued++;
  }
  if (center.notify_email && to.applicant_email) {
    await enqueueMessage(trx, {
      centerId,
      channel: 'email',
      recipient: to.applicant_email,
      subject: subject ?? `${center.name}: thông báo về hồ sơ`,
      body: text,
      dedupeKey: `dossier-email:${key}`,
    });
    queued++;
  }
  return queued;
}
