import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventHub, RealtimeMessage } from './hub.js';

const KEEPALIVE_MS = 25_000;

/**
 * Streams a center's realtime messages as Server-Sent Events. The first event is `hello`; a
 * client that reconnects (EventSource does so by itself) refetches its snapshot, so nothing
 * depends on having seen every message. A comment every 25 s keeps proxies from closing it.
 */
export function streamCenterEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  hub: EventHub,
  centerId: string,
  filter: (m: RealtimeMessage) => boolean = () => true,
  project: (m: RealtimeMessage) => object = (m) => m,
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: 3000\nevent: hello\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`);
  const unsubscribe = hub.subscribe(centerId, (m) => {
    if (filter(m)) res.write(`event: queue\ndata: ${JSON.stringify(project(m))}\n\n`);
  });
  const keepalive = setInterval(() => res.write(': ping\n\n'), KEEPALIVE_MS);
  const stream = { end: () => res.end() };
  hub.streams.add(stream);
  const close = () => {
    clearInterval(keepalive);
    unsubscribe();
    hub.streams.delete(stream);
  };
  request.raw.on('close', close);
  res.on('error', close);
}
