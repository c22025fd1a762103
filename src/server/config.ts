import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Runtime configuration, parsed once at boot from the environment.
 * Nothing else in the code base reads `process.env`.
 */
const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  NODE_ENV: Type.Union([Type.Literal('production'), Type.Literal('development'), Type.Literal('test')], {
    default: 'production',
  }),
  /** Seed the demo center on first start (empty database). */
  SEED_DEMO: Type.Boolean({ default: true }),
  /** Set behind a reverse proxy so client IPs and `secure` cookies are right. */
  TRUST_PROXY: Type.Boolean({ default: false }),
  /** Requests per minute per IP on public endpoints. */
  PUBLIC_RATE_LIMIT: Type.Integer({ minimum: 1, default: 300 }),
  /** Public dossier lookups per minute per IP (codes are guessable sequences: keep it low). */
  LOOKUP_RATE_LIMIT: Type.Integer({ minimum: 1, default: 30 }),
  /** Sign-in attempts per minute per IP (accounts also lock after repeated failures). */
  LOGIN_RATE_LIMIT: Type.Integer({ minimum: 1, default: 20 }),
  /** Close tickets left waiting after closing time, every minute (tests that run at any hour turn it off). */
  QUEUE_HOUSEKEEPING: Type.Boolean({ default: true }),
  DB_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  /** Uploads (online submission): per file, per request in total (MiB), files per request. */
  UPLOAD_MAX_FILE_MB: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  UPLOAD_MAX_TOTAL_MB: Type.Integer({ minimum: 1, maximum: 500, default: 40 }),
  UPLOAD_MAX_FILES: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  /** Online submissions (and re-uploads) per hour per IP. */
  SUBMISSION_RATE_LIMIT: Type.Integer({ minimum: 1, default: 20 }),
  /** `smtp://user:pass@host:587` (STARTTLS) or `smtps://…:465` (TLS): e-mail to citizens; unset = no e-mail channel. */
  SMTP_URL: Type.Optional(Type.String()),
  /** `"Name" <address>` or `address`; defaults to SMTP_URL's user when that is an address. */
  SMTP_FROM: Type.Optional(Type.String()),
  /** Where scans and results are stored: `local` (DATA_DIR/files) or `s3` (an S3-compatible bucket, S3_*). docs/files.md */
  FILE_STORE: Type.Union([Type.Literal('local'), Type.Literal('s3')], { default: 'local' }),
  /** `http(s)://host:port` of the S3-compatible server; unset = AWS S3 in S3_REGION. */
  S3_ENDPOINT: Type.Optional(Type.String()),
  S3_REGION: Type.String({ minLength: 1, default: 'us-east-1' }),
  S3_BUCKET: Type.Optional(Type.String()),
  S3_ACCESS_KEY_ID: Type.Optional(Type.String()),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String()),
  /** `host/bucket/key` addressing (MinIO and most self-hosted servers); false = `bucket.host/key`. */
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: true }),
  /** Key prefix inside the bucket, e.g. `motcua/files`; unset = the bucket's root. */
  S3_PREFIX: Type.Optional(Type.String()),
  /** OpenAI-compatible endpoint of the optional LLM that phrases the assistant's answers, e.g. `http://127.0.0.1:11434/v1`; unset = off. docs/assistant.md */
  ASSISTANT_LLM_URL: Type.Optional(Type.String()),
  ASSISTANT_LLM_MODEL: Type.Optional(Type.String()),
  /** Sent as a bearer token; optional (local servers need none); never logged nor echoed. */
  ASSISTANT_LLM_API_KEY: Type.Optional(Type.String()),
  /** Copilot OCR (docs/documents.md): worker threads (~180 MB each), jobs allowed to wait, time per image. */
  OCR_WORKERS: Type.Integer({ minimum: 1, maximum: 8, default: 1 }),
  OCR_QUEUE_LIMIT: Type.Integer({ minimum: 0, maximum: 100, default: 4 }),
  OCR_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 300000, default: 30000 }),
  /** After this the composed answer is returned without the LLM's phrasing. */
  ASSISTANT_LLM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120000, default: 8000 }),
});

export type Env = Static<typeof EnvSchema>;

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  env: Env['NODE_ENV'];
  seedDemo: boolean;
  trustProxy: boolean;
  publicRateLimit: number;
  loginRateLimit: number;
  lookupRateLimit: number;
  queueHousekeeping: boolean;
  dbPoolMax: number;
  /** Upload limits in bytes / files (online submission). */
  uploads: { maxFileBytes: number; maxTotalBytes: number; maxFiles: number };
  submissionRateLimit: number;
  ocr: { size: number; queueLimit: number; timeoutMs: number };
  /** The SMTP server for the e-mail channel; undefined when SMTP_URL is unset. */
  smtp: SmtpConfig | undefined;
  /** Where files are stored (FILE_STORE). */
  fileStore: FileStoreConfig;
  /** The optional LLM phrasing of assistant answers; undefined when ASSISTANT_LLM_URL is unset. */
  assistantLlm: AssistantLlmConfig | undefined;
}

export interface AssistantLlmConfig {
  baseURL: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

export type FileStoreConfig = { kind: 'local' } | { kind: 's3'; s3: S3Config };

export interface S3Config {
  /** undefined = AWS S3 in `region`. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** '' or ending with '/'. */
  prefix: string;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** true for smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS when offered. */
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
  from: { name: string; address: string };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const BOOL: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false };

/** Parses the environment into a typed config or throws a ConfigError listing every problem. */
export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    const schema = EnvSchema.properties[key as keyof typeof EnvSchema.properties];
    if (schema.type === 'integer') raw[key] = /^-?\d+$/.test(value) ? Number(value) : value;
    else if (schema.type === 'boolean') raw[key] = BOOL[value.toLowerCase()] ?? value;
    else raw[key] = value;
  }
  const withDefaults = Value.Default(EnvSchema, raw);
  const errors = [...Value.Errors(EnvSchema, withDefaults)].map(
    (e) => `${e.path.slice(1) || '(root)'}: ${e.message} (got ${JSON.stringify(e.value)})`,
  );
  const smtp = parseSmtp(env.SMTP_URL || undefined, env.SMTP_FROM || undefined, errors);
  const fileStore = parseFileStore(env, errors);
  const e = withDefaults as Env;
  const assistantLlm = parseAssistantLlm(env, e.ASSISTANT_LLM_TIMEOUT_MS, errors);
  if (errors.length > 0 || !fileStore) throw new ConfigError(errors);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    env: e.NODE_ENV,
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    lookupRateLimit: e.LOOKUP_RATE_LIMIT,
    queueHousekeeping: e.QUEUE_HOUSEKEEPING,
    dbPoolMax: e.DB_POOL_MAX,
    uploads: { maxFileBytes: e.UPLOAD_MAX_FILE_MB * 1024 * 1024, maxTotalBytes: e.UPLOAD_MAX_TOTAL_MB * 1024 * 1024, maxFiles: e.UPLOAD_MAX_FILES },
    submissionRateLimit: e.SUBMISSION_RATE_LIMIT,
    ocr: { size: e.OCR_WORKERS, queueLimit: e.OCR_QUEUE_LIMIT, timeoutMs: e.OCR_TIMEOUT_MS },
    smtp,
    fileStore,
    assistantLlm,
  };
}

/** ASSISTANT_LLM_* → AssistantLlmConfig (undefined = off); problems are appended to `errors` (the key is never echoed). */
function parseAssistantLlm(env: NodeJS.ProcessEnv, timeoutMs: number, errors: string[]): AssistantLlmConfig | undefined {
  const baseURL = env.ASSISTANT_LLM_URL || undefined;
  if (baseURL === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(baseURL);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    const shown = baseURL.replace(/^([^/]*\/\/)?[^/]*@/, '$1***@').replace(/[?#].*$/, '?…');
    errors.push(`ASSISTANT_LLM_URL: expected http(s)://host[:port][/path] of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1, the key in ASSISTANT_LLM_API_KEY (got ${JSON.stringify(shown)})`);
  }
  const model = (env.ASSISTANT_LLM_MODEL ?? '').trim();
  if (model === '') errors.push('ASSISTANT_LLM_MODEL: required when ASSISTANT_LLM_URL is set (e.g. qwen2.5:3b)');
  return { baseURL: baseURL.replace(/\/+$/, ''), model, apiKey: env.ASSISTANT_LLM_API_KEY || undefined, timeoutMs: Number.isFinite(timeoutMs) ? timeoutMs : 8000 };
}

const S3_VARIABLES = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PREFIX'] as const;

/** FILE_STORE and S3_* → FileStoreConfig; problems are appended to `errors` (the secret key is never echoed). */
function parseFileStore(env: NodeJS.ProcessEnv, errors: string[]): FileStoreConfig | undefined {
  const value = (key: string): string | undefined => env[key] || undefined;
  const kind = value('FILE_STORE');
  if (kind !== 's3') {
    // S3_* without any FILE_STORE is a half-done switch: files would silently stay on local disk.
    const stray = S3_VARIABLES.filter((key) => value(key) !== undefined);
    if (kind === undefined && stray.length > 0) errors.push(`FILE_STORE: set FILE_STORE=s3 to use ${stray.join(', ')} (or FILE_STORE=local to ignore them)`);
    return { kind: 'local' };
  }
  const before = errors.length;
  const endpoint = value('S3_ENDPOINT');
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      const shown = endpoint.replace(/^([^/]*\/\/)?[^/]*@/, '$1***@'); // credentials never go in the URL, nor in the log
      errors.push(`S3_ENDPOINT: expected http(s)://host[:port] with nothing after it, credentials in S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY (got ${JSON.stringify(shown)})`);
    }
  }
  const bucket = value('S3_BUCKET');
  if (bucket === undefined) errors.push('S3_BUCKET: required when FILE_STORE=s3');
  else if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) errors.push(`S3_BUCKET: 3–63 lower-case letters, digits, dots and hyphens (got ${JSON.stringify(bucket)})`);
  const accessKeyId = value('S3_ACCESS_KEY_ID');
  if (accessKeyId === undefined) errors.push('S3_ACCESS_KEY_ID: required when FILE_STORE=s3');
  const secretAccessKey = value('S3_SECRET_ACCESS_KEY');
  if (secretAccessKey === undefined) errors.push('S3_SECRET_ACCESS_KEY: required when FILE_STORE=s3');
  const rawPrefix = value('S3_PREFIX') ?? '';
  const prefix = rawPrefix.replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(prefix) || prefix.split('/').some((part) => part === '.' || part === '..'))) {
    errors.push(`S3_PREFIX: path segments of letters, digits, '.', '_' and '-' separated by '/' (got ${JSON.stringify(rawPrefix)})`);
  }
  const forcePathStyle = BOOL[(value('S3_FORCE_PATH_STYLE') ?? 'true').toLowerCase()];
  if (errors.length > before || bucket === undefined || accessKeyId === undefined || secretAccessKey === undefined || forcePathStyle === undefined) return undefined;
  return {
    kind: 's3',
    s3: { endpoint, region: value('S3_REGION') ?? 'us-east-1', bucket, accessKeyId, secretAccessKey, forcePathStyle, prefix: prefix === '' ? '' : `${prefix}/` },
  };
}

const EMAIL_ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** `"Name" <address>`, `Name <address>` or `address`; undefined when malformed. */
export function parseMailbox(value: string): { name: string; address: string } | undefined {
  const trimmed = value.trim();
  const named = /^(?:"([^"]*)"|([^"<>]*?))\s*<([^<>]+)>$/.exec(trimmed);
  const name = (named ? (named[1] ?? named[2] ?? '') : '').trim();
  const address = (named ? (named[3] ?? '') : trimmed).trim();
  return EMAIL_ADDRESS.test(address) && !/[\r\n]/.test(name) ? { name, address } : undefined;
}

/** SMTP_URL and SMTP_FROM → SmtpConfig; problems are appended to `errors` (the password is never echoed). */
function parseSmtp(url: string | undefined, from: string | undefined, errors: string[]): SmtpConfig | undefined {
  const fromMailbox = from === undefined ? undefined : parseMailbox(from);
  if (from !== undefined && !fromMailbox) errors.push(`SMTP_FROM: expected "Name" <address> or address (got ${JSON.stringify(from)})`);
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    errors.push('SMTP_URL: expected smtp://user:password@host:port or smtps://… (not a URL; percent-encode special characters in the password)');
    return undefined;
  }
  const shown = `${parsed.protocol}//${parsed.username ? `${parsed.username}:***@` : ''}${parsed.host}${parsed.pathname}${parsed.search ? '?…' : ''}`;
  const problem = (what: string): undefined => {
    errors.push(`SMTP_URL: ${what} (got ${JSON.stringify(shown)})`);
    return undefined;
  };
  const secure = parsed.protocol === 'smtps:';
  if (parsed.protocol !== 'smtp:' && !secure) return problem('the scheme must be smtp:// or smtps://');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return problem('a host is required');
  if (parsed.port === '0') return problem('the port must be 1–65535');
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search || parsed.hash) return problem('nothing may follow host:port');
  let auth: SmtpConfig['auth'];
  try {
    auth = parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined;
  } catch {
    return problem('the user name or password is badly percent-encoded');
  }
  const sender = fromMailbox ?? (auth && EMAIL_ADDRESS.test(auth.user) ? { name: '', address: auth.user } : undefined);
  if (!sender) {
    if (from === undefined) errors.push('SMTP_FROM: required when the SMTP_URL user name is not an e-mail address');
    return undefined;
  }
  return { host, port: parsed.port ? Number(parsed.port) : secure ? 465 : 587, secure, auth, from: sender };
}
