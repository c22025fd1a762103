import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { baseHeaders, isApiError, problemOf } from './api.js';

/**
 * The web app's one Server-Sent Events reader. EventSource cannot send an Authorization header
 * (device pages authenticate with a bearer token), so this reads `text/event-stream` through
 * `fetch` and a ReadableStream, with the same headers and problem+json handling as `api.ts`.
 *
 * It reconnects by itself with exponential back-off and jitter, treats a stream that has been
 * silent for longer than `idleTimeoutMs` as dead (the server writes a comment every 25 s), and
 * reports its status so a page can show that it is offline. Messages are small notices; a page
 * refetches its snapshot through the normal API on every (re)connect and on each message
 * (`useLiveSnapshot`), so nothing depends on having seen every message.
 */

export type StreamStatus = 'connecting' | 'online' | 'offline';

export interface StreamEvent {
  /** The `event:` field ('message' when there was none). */
  event: string;
  data: string;
}

/** Longest a line may grow without a line break before the buffer is dropped (protects a board that runs for days). */
const MAX_BUFFER = 1_000_000;

/** An incremental `text/event-stream` parser: feed it text chunks, get complete events back. */
export class EventStreamParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  push(chunk: string): StreamEvent[] {
    let text = this.buffer + chunk;
    // A chunk may end between the \r and \n of one line break: keep the \r for the next chunk.
    const heldCr = text.endsWith('\r');
    if (heldCr) text = text.slice(0, -1);
    const lines = text.split(/\r\n|\n|\r/u);
    this.buffer = (lines.pop() ?? '') + (heldCr ? '\r' : '');
    if (this.buffer.length > MAX_BUFFER) this.buffer = '';
    const events: StreamEvent[] = [];
    for (const line of lines) {
      if (line === '') {
        if (this.data.length > 0) events.push({ event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // a comment (keep-alive)
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const raw = colon === -1 ? '' : line.slice(colon + 1);
      const value = raw.startsWith(' ') ? raw.slice(1) : raw;
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return events;
  }
}

export interface EventStreamOptions {
  /** Same-origin path, e.g. /api/queue/stream. */
  path: string;
  onEvent: (event: StreamEvent) => void;
  /** Each successful (re)connection: refetch the snapshot here. */
  onOpen?: () => void;
  onStatus?: (status: StreamStatus) => void;
  /** A refusal that retrying cannot fix (4xx): the stream stops. */
  onFatal?: (error: unknown) => void;
  minDelayMs?: number;
  maxDelayMs?: number;
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
  random?: () => number;
}

export interface EventStreamHandle {
  close: () => void;
}

function isFatal(error: unknown): boolean {
  return isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/** Opens the stream and keeps it open until `close()`. */
export function openEventStream(options: EventStreamOptions): EventStreamHandle {
  const { minDelayMs = 1000, maxDelayMs = 30_000, idleTimeoutMs = 60_000, random = Math.random } = options;
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let closed = false;
  let failures = 0;
  let controller: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let status: StreamStatus | null = null;

  const setStatus = (next: StreamStatus) => {
    if (next === status) return;
    status = next;
    options.onStatus?.(next);
  };
  const armIdle = (current: AbortController) => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => current.abort(new Error('stream idle')), idleTimeoutMs);
  };

  async function readOnce(current: AbortController): Promise<void> {
    const response = await fetchImpl(options.path, {
      headers: { accept: 'text/event-stream', ...baseHeaders() },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: current.signal,
    });
    if (!response.ok) throw await problemOf(response);
    if (!response.body) throw new Error('stream without a body');
    failures = 0;
    setStatus('online');
    options.onOpen?.();
    const parser = new EventStreamParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    armIdle(current);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || closed) return;
        armIdle(current);
        for (const event of parser.push(value)) options.onEvent(event);
      }
    } finally {
      reader.releaseLock();
    }
  }

  function schedule(): void {
    if (closed) return;
    setStatus('offline');
    const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(failures, 16));
    failures += 1;
    // Full jitter above half the ceiling: a room of boards does not reconnect in lock step.
    retryTimer = setTimeout(() => void connect(), ceiling / 2 + random() * (ceiling / 2));
  }

  async function connect(): Promise<void> {
    if (closed) return;
    const current = new AbortController();
    controller = current;
    try {
      await readOnce(current);
    } catch (error) {
      if (closed) return;
      if (isFatal(error)) {
        setStatus('offline');
        options.onFatal?.(error);
        return;
      }
    } finally {
      clearTimeout(idleTimer);
    }
    schedule();
  }

  /** The network came back: do not wait for the back-off. */
  const onOnline = () => {
    if (closed || status !== 'offline') return;
    clearTimeout(retryTimer);
    controller?.abort(new Error('reconnect'));
    failures = 0;
    void connect();
  };
  globalThis.addEventListener?.('online', onOnline);

  setStatus('connecting');
  void connect();
  return {
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(idleTimer);
      globalThis.removeEventListener?.('online', onOnline);
      controller?.abort(new Error('closed'));
    },
  };
}

/** React: keeps a stream open while `path` is set; returns its status. */
export function useEventStream(
  path: string | null,
  handlers: { onEvent: (event: StreamEvent) => void; onOpen?: () => void; onFatal?: (error: unknown) => void },
): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (path === null) return;
    const handle = openEventStream({
      path,
      onEvent: (event) => latest.current.onEvent(event),
      onOpen: () => latest.current.onOpen?.(),
      onFatal: (error) => latest.current.onFatal?.(error),
      onStatus: setStatus,
    });
    return () => handle.close();
  }, [path]);
  return status;
}

const REFRESH_COALESCE_MS = 250;

export interface LiveSnapshotOptions {
  /** The snapshot queries to refetch. */
  keys: QueryKey[];
  /** Each message's parsed JSON data (events named `queue`). */
  onMessage?: (data: unknown) => void;
  /** Which messages call for a refetch (default: all). Every (re)connect refetches regardless. */
  refreshOn?: (data: unknown) => boolean;
}

/**
 * React: keeps snapshot queries fresh from a stream: they are refetched on every (re)connect
 * and after each message (a burst of messages costs one refetch).
 */
export function useLiveSnapshot(path: string | null, options: LiveSnapshotOptions): StreamStatus {
  const queryClient = useQueryClient();
  const latest = useRef(options);
  latest.current = options;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const refresh = () => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      for (const queryKey of latest.current.keys) void queryClient.invalidateQueries({ queryKey });
    }, REFRESH_COALESCE_MS);
  };

  return useEventStream(path, {
    onOpen: refresh,
    onEvent: (event) => {
      if (event.event !== 'queue') return;
      let data: unknown = null;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      latest.current.onMessage?.(data);
      if (latest.current.refreshOn?.(data) ?? true) refresh();
    },
  });
}
