import path from 'node:path';
import { z } from 'zod';

const int = (def: number) => z.coerce.number().int().nonnegative().default(def);
const MINUTE = 60_000;

/** Every environment variable the server reads; the README lists the same set. */
const EnvSchema = z.object({
  PORT: int(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_SECRET: z.string().min(16).optional(),
  TOKEN_TTL_SECONDS: int(30 * 24 * 3600),
  ADMIN_USER_IDS: z.string().default(''),
  OPERATOR_PASSWORD: z.string().min(8).optional(),
  REDIS_URL: z.string().optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[\w.:-]{1,100}$/).default('io'),
  METRICS_TOKEN: z.string().optional(),
  CORS_ORIGIN: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().optional(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: int(8000),
  NLU_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.6),
  MAX_MESSAGE_LENGTH: int(4000),
  MAX_PAYLOAD_BYTES: int(64 * 1024),
  EVENTS_PER_SECOND: int(20),
  MESSAGES_PER_MINUTE: int(60),
  DISCONNECT_GRACE_MS: int(2 * MINUTE),
  INTENT_IDLE_TIMEOUT_MS: int(15 * MINUTE),
  SESSION_TTL_MS: int(10 * MINUTE),
  SWEEP_INTERVAL_MS: int(5_000),
  STALE_TURN_MS: int(60_000),
  SHUTDOWN_TIMEOUT_MS: int(10_000),
  ACK_TIMEOUT_MS: int(10_000),
  DEFAULT_TIME_ZONE: z.string().optional(),
  BRAND_NAME: z.string().default('Homebase'),
  BRAND_COLOR: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#2563eb'),
  BRAND_GREETING: z.string().default('Hi! I can set, list, change and delete your alarms. Try "wake me up at 6:30 tomorrow".'),
  STATIC_DIR: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  authSecret: string | undefined;
  tokenTtlSeconds: number;
  adminUserIds: string[];
  operatorPassword: string | undefined;
  redisUrl: string | undefined;
  /** Prefix of every Redis key and stream (adapter, rate limits). */
  redisKeyPrefix: string;
  /** When set, `/api/metrics` requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  corsOrigin: string | undefined;
  openai: { apiKey: string; baseURL: string | undefined; model: string; timeoutMs: number } | undefined;
  nluMinConfidence: number;
  maxMessageLength: number;
  maxPayloadBytes: number;
  eventsPerSecond: number;
  messagesPerMinute: number;
  disconnectGraceMs: number;
  intentIdleTimeoutMs: number;
  sessionTtlMs: number;
  sweepIntervalMs: number;
  staleTurnMs: number;
  shutdownTimeoutMs: number;
  /** A socket request not answered within this is acknowledged `unavailable` (retryable); 0: no limit. */
  ackTimeoutMs: number;
  defaultTimeZone: string;
  brand: { name: string; color: string; greeting: string };
  staticDir: string;
};

/** Reads the configuration from an environment; throws a readable error on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    authSecret: e.AUTH_SECRET,
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    adminUserIds: e.ADMIN_USER_IDS.split(',').map((s) => s.trim()).filter(Boolean),
    operatorPassword: e.OPERATOR_PASSWORD,
    redisUrl: e.REDIS_URL || undefined,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    metricsToken: e.METRICS_TOKEN || undefined,
    corsOrigin: e.CORS_ORIGIN,
    openai: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS }
      : undefined,
    nluMinConfidence: e.NLU_MIN_CONFIDENCE,
    maxMessageLength: e.MAX_MESSAGE_LENGTH,
    maxPayloadBytes: e.MAX_PAYLOAD_BYTES,
    eventsPerSecond: e.EVENTS_PER_SECOND,
    messagesPerMinute: e.MESSAGES_PER_MINUTE,
    disconnectGraceMs: e.DISCONNECT_GRACE_MS,
    intentIdleTimeoutMs: e.INTENT_IDLE_TIMEOUT_MS,
    sessionTtlMs: e.SESSION_TTL_MS,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    staleTurnMs: e.STALE_TURN_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    ackTimeoutMs: e.ACK_TIMEOUT_MS,
    defaultTimeZone: e.DEFAULT_TIME_ZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    brand: { name: e.BRAND_NAME, color: e.BRAND_COLOR, greeting: e.BRAND_GREETING },
    staticDir: path.resolve(e.STATIC_DIR ?? path.join(__dirname, '../../../frontend/dist')),
  };
  return { ...config, ...overrides };
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
