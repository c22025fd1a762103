import { randomUUID } from 'node:crypto';
import { SendError, type MessageSender } from './outbox.js';

/**
 * SMS and Zalo (ZNS) adapters: `MessageSender`s that POST JSON to a provider over HTTPS with
 * `fetch`. No provider is bundled or assumed to work — a center needs its own contract (an SMS
 * brandname with a telecom or reseller, a Zalo Official Account with approved ZNS templates).
 * The request shapes below are the interface motcua offers; `toBody` / `templateData` /
 * `interpret` adapt it to a provider's field names and answers (docs/messages.md).
 *
 * Both adapters:
 * - normalise the phone number to 84xxxxxxxxx (`0912 345 678`, `+84912345678` → `84912345678`);
 *   a number that is not a Vietnamese mobile number fails permanently without a request;
 * - send the outbox row id as the idempotency key, the same on every retry, so a provider that
 *   honours it never delivers one message twice;
 * - classify failures: network errors, timeouts, 408/425/429 and 5xx are temporary (retried
 *   with the outbox back-off); other 4xx answers are permanent (the row is marked failed),
 *   except 401/403, which mean the center's credentials are wrong rather than the message and
 *   are retried while the operator fixes them.
 */

/** A provider's answer: the HTTP status and the body (parsed JSON, else the text). */
export interface ProviderAnswer {
  status: number;
  body: unknown;
}

/** What an adapter makes of an answer. */
export type Verdict = { accepted: true } | { accepted: false; permanent: boolean; reason: string };

/** What motcua asks an SMS brandname gateway to send (the default JSON body). */
export interface SmsRequest {
  /** Idempotency key: the outbox row id. A gateway that has seen it must not send again. */
  requestId: string;
  /** The registered sender name shown to the citizen instead of a number, e.g. `PHUONG HOAHUNG`. */
  brandname: string;
  /** Recipient in international form without `+`: `84xxxxxxxxx`. */
  phone: string;
  /** The text, without Vietnamese diacritics unless `unicode`. */
  message: string;
  /** true: the text keeps its diacritics (UCS-2: 70 characters a segment instead of 160). */
  unicode: boolean;
}

export interface SmsGatewayConfig {
  /** The gateway's send endpoint: `https://…` (plain `http://` only to this machine, for tests). */
  url: string;
  brandname: string;
  /** Sent as `Authorization: Bearer <apiKey>`; providers that authenticate otherwise use `headers` or `toBody`. */
  apiKey?: string;
  /** Extra request headers (a provider's own authentication header…). */
  headers?: Record<string, string>;
  /** Keep diacritics (costs more segments and must match the template registered with the carriers); default false. */
  unicode?: boolean;
  /** Whole request, answer included; default 10 s. */
  timeoutMs?: number;
  /** Maps the request to the provider's body; default: the SmsRequest itself. */
  toBody?: (request: SmsRequest) => unknown;
  /** Reads the provider's answer; default `httpVerdict`. Use it for providers that answer 200 with an error code. */
  interpret?: (answer: ProviderAnswer) => Verdict;
}

/** An SMS brandname gateway. The subject of a message is not sent (SMS has none). */
export function createSmsSender(config: SmsGatewayConfig): MessageSender {
  const url = checkedUrl(config.url);
  const timeoutMs = config.timeoutMs ?? 10_000;
  const interpret = config.interpret ?? httpVerdict;
  return {
    async send({ id, recipient, body }) {
      const phone = requirePhone(recipient);
      const unicode = config.unicode ?? false;
      const request: SmsRequest = { requestId: id ?? randomUUID(), brandname: config.brandname, phone, message: unicode ? body.normalize('NFC') : removeDiacritics(body), unicode };
      const headers: Record<string, string> = { 'idempotency-key': request.requestId, ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}), ...config.headers };
      const answer = await postJson(url, headers, config.toBody ? config.toBody(request) : request, timeoutMs);
      settle(url, interpret(answer));
    },
  };
}

/** What motcua sends to Zalo Notification Service (the ZNS "send template message" body). */
export interface ZnsRequest {
  /** Recipient in international form without `+`: `84xxxxxxxxx` (the Zalo account of that number receives it). */
  phone: string;
  /** The id of a template approved for the center's Official Account. */
  template_id: string;
  /** The template's parameters, by name. */
  template_data: Record<string, string>;
  /** The outbox row id: the partner's id for this message, the same on every retry (idempotency key). */
  tracking_id: string;
  /** Only with `development: true`: ZNS development mode (sent only to the OA's test accounts). */
  mode?: 'development';
}

export interface ZaloZnsConfig {
  /** The ZNS send endpoint of the contract (Zalo's is `https://business.openapi.zalo.me/message/template`). */
  url: string;
  /** The OA access token, sent in the `access_token` header; a function when the operator refreshes it. */
  accessToken: string | (() => string | Promise<string>);
  templateId: string;
  /** Builds the template's parameters from the message; default `{ content: body }` (plus `title: subject` when there is one). */
  templateData?: (message: { subject: string | null; body: string }) => Record<string, string>;
  development?: boolean;
  /** Non-zero ZNS `error` codes after which retrying cannot help (invalid phone…); any other code is retried. */
  permanentErrorCodes?: readonly number[];
  timeoutMs?: number;
  /** Reads the answer; default: `httpVerdict`, then ZNS's `{ error: 0 }` means accepted. */
  interpret?: (answer: ProviderAnswer) => Verdict;
}

export function createZaloZnsSender(config: ZaloZnsConfig): MessageSender {
  const url = checkedUrl(config.url);
  const timeoutMs = config.timeoutMs ?? 10_000;
  const permanentCodes = new Set(config.permanentErrorCodes ?? []);
  const interpret = config.interpret ?? ((answer: ProviderAnswer) => znsVerdict(answer, permanentCodes));
  const templateData = config.templateData ?? ((m) => ({ ...(m.subject ? { title: m.subject } : {}), content: m.body }));
  return {
    async send({ id, recipient, subject, body }) {
      const phone = requirePhone(recipient);
      const token = typeof config.accessToken === 'function' ? await config.accessToken() : config.accessToken;
      const request: ZnsRequest = {
        phone,
        template_id: config.templateId,
        template_data: templateData({ subject, body }),
        tracking_id: id ?? randomUUID(),
        ...(config.development ? { mode: 'development' as const } : {}),
      };
      const answer = await postJson(url, { access_token: token }, request, timeoutMs);
      settle(url, interpret(answer));
    },
  };
}

/**
 * The default reading of an HTTP answer: 2xx accepted; 408, 425, 429, 5xx and 401/403
 * (credentials) temporary; any other status permanent.
 */
export function httpVerdict(answer: ProviderAnswer): Verdict {
  const { status } = answer;
  if (status >= 200 && status < 300) return { accepted: true };
  const temporary = status >= 500 || [401, 403, 408, 425, 429].includes(status);
  return { accepted: false, permanent: !temporary, reason: `HTTP ${status}${snippet(answer.body)}` };
}

/** ZNS answers HTTP 200 with `{ error: 0, message, data }` on success and a non-zero `error` otherwise. */
export function znsVerdict(answer: ProviderAnswer, permanentCodes: ReadonlySet<number>): Verdict {
  const http = httpVerdict(answer);
  if (!http.accepted) return http;
  const body = answer.body;
  const code = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (code === 0) return { accepted: true };
  if (typeof code !== 'number') return { accepted: false, permanent: false, reason: `unexpected ZNS answer${snippet(body)}` };
  return { accepted: false, permanent: permanentCodes.has(code), reason: `ZNS error ${code}${snippet(body)}` };
}

/**
 * A Vietnamese mobile number in the form providers expect, `84` + 9 digits; undefined when it
 * is not one. Spaces, dots, dashes and parentheses are ignored; `0…`, `+84…`, `0084…` and
 * `84…` are accepted.
 */
export function normalizeVietnamesePhone(raw: string): string | undefined {
  const s = raw.trim().replace(/[\s.\-()]/g, '');
  const national = /^(?:\+84|0084|84)(\d{9})$/.exec(s)?.[1] ?? /^0(\d{9})$/.exec(s)?.[1];
  return national !== undefined && /^[35789]/.test(national) ? `84${national}` : undefined;
}

const TYPOGRAPHY: Record<string, string> = { '–': '-', '—': '-', '‘': "'", '’': "'", '“': '"', '”': '"', '…': '...', '\u00a0': ' ' };

/**
 * Text for a non-Unicode SMS: "Số A004 của bạn sắp được gọi — Đến quầy 3" → "So A004 cua ban
 * sap duoc goi - Den quay 3" (tones and vowel marks dropped, đ → d, typographic dashes and
 * quotes made plain).
 */
export function removeDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, (ch) => (ch === 'đ' ? 'd' : 'D'))
    .replace(/[–—‘’“”…\u00a0]/g, (ch) => TYPOGRAPHY[ch] ?? ch)
    .normalize('NFC');
}

function requirePhone(recipient: string): string {
  const phone = normalizeVietnamesePhone(recipient);
  if (!phone) throw new SendError(`not a Vietnamese mobile number: ${JSON.stringify(recipient.slice(0, 40))}`, true);
  return phone;
}

function checkedUrl(value: string): URL {
  const url = new URL(value);
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`provider URL must be https:// (got ${url.protocol}//${url.host})`);
  }
  return url;
}

function settle(url: URL, verdict: Verdict): void {
  if (!verdict.accepted) throw new SendError(`${url.host}: ${verdict.reason}`, verdict.permanent);
}

async function postJson(url: URL, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<ProviderAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  } catch (error) {
    throw new SendError(`${url.host}: ${networkReason(error, timeoutMs)}`, false, { cause: error });
  }
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
  return `${error instanceof Error ? error.message : String(error)}${code}`;
}

function snippet(body: unknown): string {
  if (body === null || body === '') return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `: ${text.slice(0, 200)}`;
}
