import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { QUEUE_CHANNEL, type RealtimeMessage } from '../../realtime/hub.js';

export interface QueueEventInput {
  centerId: string;
  type: string;
  ticketId?: string | null;
  counterId?: string | null;
  staffId?: string | null;
  fieldId?: string | null;
  /** Public display data carried in the realtime message (ticket number, counter number). */
  ticket?: string;
  counter?: number;
  data?: Record<string, unknown>;
}

/**
 * Records a queue event in the transaction of the change and queues its NOTIFY, which
 * PostgreSQL delivers to every listening process only when that transaction commits.
 */
export async function emitQueueEvent(trx: Executor, e: QueueEventInput): Promise<void> {
  const row = await trx
    .insertInto('queue_events')
    .values({
      center_id: e.centerId,
      type: e.type,
      ticket_id: e.ticketId ?? null,
      counter_id: e.counterId ?? null,
      staff_id: e.staffId ?? null,
      data: JSON.stringify(e.data ?? {}),
    })
    .returning('at')
    .executeTakeFirstOrThrow();
  const message: RealtimeMessage = {
    c: e.centerId,
    type: e.type,
    at: new Date(row.at).toISOString(),
    ...(e.ticketId ? { ticketId: e.ticketId } : {}),
    ...(e.counterId ? { counterId: e.counterId } : {}),
    ...(e.fieldId ? { fieldId: e.fieldId } : {}),
    ...(e.ticket ? { ticket: e.ticket } : {}),
    ...(e.counter !== undefined ? { counter: e.counter } : {}),
  };
  await sql`SELECT pg_notify(${QUEUE_CHANNEL}, ${JSON.stringify(message)})`.execute(trx);
}
