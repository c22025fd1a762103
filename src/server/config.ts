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
  /** Sign-in attempts per minute per IP (accounts also lock after repeated failures). */
  LOGIN_RATE_LIMIT: Type.Integer({ minimum: 1, default: 20 }),
  /** Close tickets left waiting after closing time, every minute (tests that run at any hour turn it off). */
  QUEUE_HOUSEKEEPING: Type.Boolean({ default: true }),
  DB_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
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
  queueHousekeeping: boolean;
  dbPoolMax: number;
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
  if (errors.length > 0) throw new ConfigError(errors);
  const e = withDefaults as Env;
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
    queueHousekeeping: e.QUEUE_HOUSEKEEPING,
    dbPoolMax: e.DB_POOL_MAX,
  };
}
