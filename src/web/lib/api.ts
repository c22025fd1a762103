import type { Static } from '@sinclair/typebox';
import type { ProblemSchema } from '../../shared/schemas/common.js';

/**
 * The one HTTP client of the web app. JSON in and out, same-origin cookies, the CSRF token
 * on every state-changing request, and every error turned into an `ApiError`: the server's
 * RFC 9457 problem+json is parsed here and nowhere else, so a page shows `error.detail`
 * (a sentence in the person's language, written by the server's error registry).
 */

type Problem = Static<typeof ProblemSchema>;
export type FieldProblem = NonNullable<Problem['errors']>[number];

export class ApiError extends Error {
  readonly status: number;
  /** A registry code (e.g. INVALID_CREDENTIALS), or NETWORK / HTTP_<status> when the server sent no problem. */
  readonly code: string;
  /** The sentence for the person; empty when the server sent none (the UI then shows a generic one). */
  readonly detail: string;
  readonly errors: FieldProblem[];
  readonly retryAfter: number | undefined;
  readonly requestId: string | undefined;

  constructor(init: { status: number; code: string; detail: string; errors?: FieldProblem[]; retryAfter?: number; requestId?: string }) {
    super(`${init.status} ${init.code}${init.detail ? `: ${init.detail}` : ''}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
    this.requestId = init.requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;
let language = 'vi';
let device: { token: string; onInvalid: () => void } | null = null;

/** The session's CSRF token, from the login or /api/auth/me response; kept in memory only. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Error messages come back in this language (the server reads Accept-Language). */
export function setApiLanguage(lng: string): void {
  language = lng;
}

/**
 * Device pages (kiosk, display board, rating tablet) authenticate with the device's bearer token
 * instead of a staff cookie. `onInvalid` runs when the server answers DEVICE_TOKEN_INVALID
 * (revoked or mistyped), so the page can forget the token and show its set-up screen again.
 * Pass null when the device page unmounts: staff pages must not send it.
 */
export function setDeviceToken(token: string | null, onInvalid: () => void = () => undefined): void {
  device = token ? { token, onInvalid } : null;
}

/** Headers every request carries: the language of error messages and, on a device page, its token. */
export function baseHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'accept-language': language };
  if (device) headers.authorization = `Bearer ${device.token}`;
  return headers;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function urlOf(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'number' && typeof v.code === 'string' && typeof v.detail === 'string';
}

async function parseProblem(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/problem+json') || type.includes('application/json')) {
    const body: unknown = await response.json().catch(() => null);
    if (isProblem(body)) {
      return new ApiError({
        status: response.status,
        code: body.code,
        detail: body.detail,
        errors: body.errors ?? [],
        ...(body.retryAfter !== undefined ? { retryAfter: body.retryAfter } : {}),
        ...(body.requestId !== undefined ? { requestId: body.requestId } : {}),
      });
    }
  }
  return new ApiError({ status: response.status, code: `HTTP_${response.status}`, detail: '' });
}

/** The ApiError of a failed response (shared with the event stream, so there is one parser). */
export async function problemOf(response: Response): Promise<ApiError> {
  const error = await parseProblem(response);
  if (error.code === 'DEVICE_TOKEN_INVALID') device?.onInvalid();
  return error;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...baseHeaders() };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    // An aborted request (a newer search replaced it) is not an error to show.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'NETWORK', detail: '' });
  }

  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  // The server's response schemas are the contract (src/shared/schemas); the body is trusted to match.
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** multipart/form-data POST (file uploads) with the same headers, CSRF token and problem parsing as JSON requests. */
async function postForm<T>(path: string, form: FormData, options: { signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...baseHeaders() };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body: form, headers, credentials: 'same-origin', ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'NETWORK', detail: '' });
  }
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as T;
}

export const api = {
  postForm,
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};
