import type { Database } from '../db/database.js';

export const QUEUE_CHANNEL = 'motcua_queue';

/** A small realtime message: what happened, to which ids, when (STYLE.md §8). */
export interface RealtimeMessage {
  /** center id */
  c: string;
  type: string;
  at: string;
  ticketId?: string;
  counterId?: string;
  fieldId?: string;
  /** Public, non-personal display data (ticket number, counter number). */
  ticket?: string;
  counter?: number;
}

type Listener = (message: RealtimeMessage) => void;

/**
 * Fans realtime messages out to the connected clients of this process. Messages arrive through
 * PostgreSQL NOTIFY (sent inside the transaction of the change, so only after commit), which
 * makes every server process sharing the database see every change.
 */
export class EventHub {
  private readonly byCenter = new Map<string, Set<Listener>>();
  /** Long-lived responses to end when the server stops (so a graceful stop does not wait on them). */
  readonly streams = new Set<{ end: () => void }>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(QUEUE_CHANNEL, (payload) => this.dispatch(payload));
  }

  private dispatch(payload: string): void {
    let message: RealtimeMessage;
    try {
      message = JSON.parse(payload) as RealtimeMessage;
    } catch {
      return;
    }
    for (const listener of this.byCenter.get(message.c) ?? []) {
      try {
        listener(message);
      } catch {
        // a broken client must not stop the others
      }
    }
  }

  subscribe(centerId: string, listener: Listener): () => void {
    let set = this.byCenter.get(centerId);
    if (!set) {
      set = new Set();
      this.byCenter.set(centerId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byCenter.delete(centerId);
    };
  }

  get connections(): number {
    let n = 0;
    for (const s of this.byCenter.values()) n += s.size;
    return n;
  }

  endStreams(): void {
    for (const s of this.streams) s.end();
    this.streams.clear();
  }

  async stop(): Promise<void> {
    this.endStreams();
    await this.unlisten?.();
    this.byCenter.clear();
  }
}
