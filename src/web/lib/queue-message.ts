import type { RealtimeMessage } from '../../server/realtime/hub.js';

/**
 * A queue notice from /api/queue/stream (or a live ticket's public stream, which leaves out the
 * ids): what happened, to which ticket/counter, and the public numbers for the board's voice.
 * The type is the server's own message; the web app only reads it.
 */
export type QueueMessage = Omit<RealtimeMessage, 'c'> & { c?: string };

/** The message in a stream event's parsed data, or null when it is not one. */
export function asQueueMessage(data: unknown): QueueMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (typeof m.type !== 'string' || typeof m.at !== 'string') return null;
  if (m.ticket !== undefined && typeof m.ticket !== 'string') return null;
  if (m.counter !== undefined && typeof m.counter !== 'number') return null;
  return data as QueueMessage;
}
