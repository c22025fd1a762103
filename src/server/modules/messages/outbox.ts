import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { MessageChannel } from '../../db/schema.js';

export interface OutgoingMessage {
  centerId: string;
  channel: MessageChannel;
  recipient: string;
  subject?: string;
  body: string;
  /** The same key for the same center is stored once: a message is never sent twice. */
  dedupeKey: string;
}

/** Queues a message in the caller's transaction; it leaves only if that transaction commits. */
export async function enqueueMessage(trx: Executor, m: OutgoingMessage): Promise<boolean> {
  const row = await trx
    .insertInto('outbox_messages')
    .values({ center_id: m.centerId, channel: m.channel, recipient: m.recipient, subject: m.subject ?? null, body: m.body, dedupe_key: m.dedupeKey })
    .onConflict((oc) => oc.columns(['center_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A channel adapter. SMS and Zalo providers implement this interface (docs/messages.md). */
export interface MessageSender {
  /** `id` is the outbox row id: the same on every retry of one message (Message-ID, idempotency key). */
  send(message: { id?: string; recipient: string; subject: string | null; body: string }): Promise<void>;
}

/**
 * What a sender throws when a message cannot go out. `permanent: true` means retrying cannot
 * help (an SMTP 5xx rejection, an invalid phone number…): the message is marked failed at once.
 * Any other error is temporary and retried with back-off.
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SendError';
  }
}

/** The default channel: the message is recorded in the outbox (readable by the admin) and nothing leaves the center. */
export const logSender: MessageSender = { send: async () => undefined };

const MAX_ATTEMPTS = 6;

/**
 * Sends due messages: each is claimed with a conditional update (so two processes never send
 * the same one), sent through its channel's adapter, then marked sent — or retried later with
 * exponential back-off, and marked failed after 6 attempts.
 */
export async function dispatchOutbox(db: Db, senders: Partial<Record<MessageChannel, MessageSender>>, now = new Date(), limit = 50): Promise<{ sent: number; failed: number }> {
  const claimed = await db
    .updateTable('outbox_messages')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + 5 * 60_000) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox_messages')
        .select('id')
        .where((w) => w.or([w('status', '=', 'pending'), w.and([w('status', '=', 'sending'), w('next_attempt_at', '<=', now)])]))
        .where('next_attempt_at', '<=', now)
        .orderBy('created_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    const sender = senders[m.channel];
    try {
      if (!sender) throw new Error(`no sender configured for channel ${m.channel}`);
      await sender.send({ id: m.id, recipient: m.recipient, subject: m.subject, body: m.body });
      await db.updateTable('outbox_messages').set({ status: 'sent', sent_at: new Date(), last_error: null }).where('id', '=', m.id).where('status', '=', 'sending').execute();
      sent++;
    } catch (error) {
      const permanent = typeof error === 'object' && error !== null && 'permanent' in error && error.permanent === true;
      const giveUp = permanent || m.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('outbox_messages')
        .set({
          status: giveUp ? 'failed' : 'pending',
          last_error: error instanceof Error ? error.message.slice(0, 500) : String(error),
          next_attempt_at: new Date(now.getTime() + 2 ** m.attempts * 30_000),
        })
        .where('id', '=', m.id)
        .execute();
      failed++;
    }
  }
  return { sent, failed };
}

/** The admin's view of the outbox: newest first, phone numbers partly masked. */
export async function listOutbox(db: Executor, centerId: string, limit = 100) {
  const rows = await db.selectFrom('outbox_messages').selectAll().where('center_id', '=', centerId).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.channel === 'email' ? r.recipient : r.recipient.replace(/^(.{3}).*(.{3})$/, '$1****$2'),
    subject: r.subject,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  }));
}

export async function countPending(db: Executor): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox_messages WHERE status IN ('pending', 'sending')`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
