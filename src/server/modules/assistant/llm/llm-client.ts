import OpenAI, { APIConnectionTimeoutError } from 'openai';
import { Counter, type Registry } from 'prom-client';

/**
 * The optional LLM that phrases the assistant's answers (docs/assistant.md, "Optional LLM"):
 * any OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp server, a cloud API). It is never
 * needed: the answer composed from the catalog is the default, and the one returned whenever
 * the model is slow, fails, or writes something the records do not say (phrase-answer.ts).
 */

export interface LlmConfig {
  /** e.g. `http://127.0.0.1:11434/v1` (Ollama). */
  baseURL: string;
  model: string;
  /** Optional (local servers need none). Never logged. */
  apiKey?: string | undefined;
  /** The whole call, retry included, is abandoned after this (default 8 s). */
  timeoutMs?: number;
  /** Default 700. */
  maxTokens?: number;
}

export type LlmOutcome = 'accepted' | 'rejected' | 'error' | 'timeout';
export const LLM_OUTCOMES: readonly LlmOutcome[] = ['accepted', 'rejected', 'error', 'timeout'];

/** The part of Fastify's (pino) logger the client uses. */
export interface LlmLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface LlmClient {
  readonly model: string;
  readonly timeoutMs: number;
  /** The model's reply text; throws LlmTimeoutError past the deadline, any other error otherwise. */
  complete(messages: ChatMessage[]): Promise<string>;
  /** Logs the outcome of one phrasing and counts it (motcua_assistant_llm_total). */
  report(outcome: LlmOutcome, detail: { ms: number; reason?: string }): void;
}

export class LlmTimeoutError extends Error {
  constructor(ms: number) {
    super(`no reply within ${ms} ms`);
    this.name = 'LlmTimeoutError';
  }
}

export const DEFAULT_LLM_TIMEOUT_MS = 8000;
const DEFAULT_MAX_TOKENS = 700;

export interface LlmClientHooks {
  log?: LlmLogger;
  /** Called once per phrasing; see llmOutcomeCounter. */
  onOutcome?: (outcome: LlmOutcome) => void;
}

export function createLlmClient(config: LlmConfig, hooks: LlmClientHooks = {}): LlmClient {
  const timeoutMs = config.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  const maxTokens = config.maxTokens ?? DEFAULT_MAX_TOKENS;
  const openai = new OpenAI({
    baseURL: config.baseURL,
    // The SDK insists on a key; local servers ignore the header.
    apiKey: config.apiKey ?? 'not-needed',
    timeout: timeoutMs,
    // One retry at most (a 5xx or a dropped connection), and only within the deadline below.
    maxRetries: 1,
  });
  return {
    model: config.model,
    timeoutMs,
    async complete(messages) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      try {
        const completion = await openai.chat.completions.create(
          { model: config.model, messages, max_tokens: maxTokens, temperature: 0, stream: false },
          { signal: deadline.signal },
        );
        const content: unknown = completion.choices[0]?.message.content;
        if (typeof content !== 'string') throw new Error('the reply has no message content');
        return content;
      } catch (error) {
        if (deadline.signal.aborted || error instanceof APIConnectionTimeoutError) throw new LlmTimeoutError(timeoutMs);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    report(outcome, detail) {
      hooks.onOutcome?.(outcome);
      const entry = { outcome, model: config.model, ms: Math.round(detail.ms), ...(detail.reason ? { reason: detail.reason } : {}) };
      if (outcome === 'accepted') hooks.log?.info(entry, 'assistant LLM phrasing accepted');
      else hooks.log?.warn(entry, 'assistant LLM phrasing not used; the composed answer was returned');
    },
  };
}

/**
 * `motcua_assistant_llm_total{outcome}` in the app's registry (http/metrics.ts), every outcome
 * present from the start at 0. Pass the result as `onOutcome`.
 */
export function llmOutcomeCounter(registry: Registry): (outcome: LlmOutcome) => void {
  const counter = new Counter({
    name: 'motcua_assistant_llm_total',
    help: 'Assistant answers sent to the optional LLM, by outcome (accepted, rejected by the fact check, error, timeout)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const outcome of LLM_OUTCOMES) counter.inc({ outcome }, 0);
  return (outcome) => counter.inc({ outcome });
}
