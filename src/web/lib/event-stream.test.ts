import { describe, expect, it } from 'vitest';
import { EventStreamParser, openEventStream, type StreamEvent, type StreamStatus } from './event-stream.js';

describe('EventStreamParser', () => {
  it('parses events split anywhere across chunks, with CRLF, comments and multi-line data', () => {
    const parser = new EventStreamParser();
    const text = 'retry: 3000\r\nevent: hello\r\ndata: {"at":"x"}\r\n\r\n: ping\r\n\r\nevent: queue\ndata: line 1\ndata: line 2\n\ndata:plain\n\n';
    const events: StreamEvent[] = [];
    // Every split point, including between \r and \n.
    for (let i = 0; i < text.length; i += 3) events.push(...parser.push(text.slice(i, i + 3)));
    expect(events).toEqual([
      { event: 'hello', data: '{"at":"x"}' },
      { event: 'queue', data: 'line 1\nline 2' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('keeps an incomplete event until its blank line arrives', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: queue\ndata: {"type":"ticket.called"}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'queue', data: '{"type":"ticket.called"}' }]);
  });
});

/** A response whose body streams `chunks` and then ends (the server dropped the stream). */
function streamResponse(chunks: string[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - start > ms) reject(new Error('timed out'));
      else setTimeout(tick, 2);
    };
    tick();
  });
}

describe('openEventStream', () => {
  it('reconnects with back-off after a drop and a network failure, and reports its status', async () => {
    const answers: Array<() => Promise<Response>> = [
      async () => streamResponse(['event: hello\ndata: {}\n\n', 'event: queue\ndata: {"type":"ticket.called"}\n\n']),
      async () => {
        throw new TypeError('network down');
      },
      async () => streamResponse(['event: hello\ndata: {}\n\n']),
    ];
    const calls: number[] = [];
    const statuses: StreamStatus[] = [];
    const events: string[] = [];
    let opens = 0;
    const handle = openEventStream({
      path: '/api/queue/stream',
      minDelayMs: 10,
      random: () => 1,
      fetch: async () => {
        calls.push(Date.now());
        const next = answers.shift();
        // After the scripted answers the server stays silent.
        return next ? next() : new Promise<Response>(() => undefined);
      },
      onEvent: (e) => events.push(e.event),
      onOpen: () => (opens += 1),
      onStatus: (s) => statuses.push(s),
    });
    await waitFor(() => calls.length === 4);
    handle.close();
    expect(events).toEqual(['hello', 'queue', 'hello']);
    expect(opens).toBe(2);
    expect(statuses).toEqual(['connecting', 'online', 'offline', 'online', 'offline']);
    // 10 ms after the first drop, 20 ms after the failure, back to 10 ms after a success.
    const [a = 0, b = 0, c = 0, d = 0] = calls;
    expect(b - a).toBeGreaterThanOrEqual(9);
    expect(c - b).toBeGreaterThanOrEqual(19);
    expect(d - c).toBeGreaterThanOrEqual(9);
  });

  it('stops on a refusal that retrying cannot fix (a revoked device token)', async () => {
    let calls = 0;
    let fatal: unknown = null;
    const problem = { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'DEVICE_TOKEN_INVALID', detail: 'Mã thiết bị không hợp lệ.' };
    openEventStream({
      path: '/api/queue/stream',
      minDelayMs: 1,
      fetch: async () => {
        calls += 1;
        return new Response(JSON.stringify(problem), { status: 401, headers: { 'content-type': 'application/problem+json' } });
      },
      onEvent: () => undefined,
      onFatal: (error) => (fatal = error),
    });
    await waitFor(() => fatal !== null);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toBe(1);
    expect(fatal).toMatchObject({ status: 401, code: 'DEVICE_TOKEN_INVALID' });
  });
});
