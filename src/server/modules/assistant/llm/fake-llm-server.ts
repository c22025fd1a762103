import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny OpenAI-compatible server for tests: `POST /v1/chat/completions` (non-streaming) on
 * 127.0.0.1 and a free port, answering whatever the test scripts. It is a real HTTP server, so
 * the client, its timeout and its retry are exercised for real.
 */

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  max_tokens?: number;
  headers: IncomingHttpHeaders;
}

export type FakeReply =
  | { content: string; delayMs?: number }
  | { status: number; body: string; contentType?: string };

export interface FakeLlmServer {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  requests: ChatRequest[];
  /** What to answer; replace it per test. */
  script: (request: ChatRequest) => FakeReply;
  close(): Promise<void>;
}

/** The composed answer the assistant put in the prompt (see phrase-answer.ts buildPrompt). */
export function draftOf(request: ChatRequest): string {
  const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
  return user.split('DRAFT ANSWER:\n')[1] ?? '';
}

export async function startFakeLlmServer(): Promise<FakeLlmServer> {
  const timers = new Set<NodeJS.Timeout>();
  const fake: FakeLlmServer = {
    baseURL: '',
    requests: [],
    script: () => ({ content: '' }),
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<ChatRequest, 'headers'>;
      const request: ChatRequest = { ...body, headers: req.headers };
      fake.requests.push(request);
      const reply = fake.script(request);
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' }).end(reply.body);
        return;
      }
      const send = (): void => {
        const completion = {
          id: `chatcmpl-${fake.requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        };
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion));
      };
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, reply.delayMs);
        timers.add(timer);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = async () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}
