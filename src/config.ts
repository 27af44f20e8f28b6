import { z } from 'zod';

/** A true/false switch (also 1/0), off unless set. */
const switchedOff = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1');

/**
 * Kuzet's configuration, parsed once from the environment. Each field names its env var;
 * CLI flags override the same fields. Setting both ELASTICSEARCH_URL and REDIS_URL selects the
 * distributed mode; otherwise everything runs in one process over SQLite and an in-process queue.
 */
const FIELDS = {
  port: { env: 'PORT', schema: z.coerce.number().int().min(0).max(65535).default(8080) },
  host: { env: 'HOST', schema: z.string().min(1).default('0.0.0.0') },
  dataDir: { env: 'KUZET_DATA_DIR', schema: z.string().min(1).default('./data') },
  sourcesDir: { env: 'KUZET_SOURCES_DIR', schema: z.string().min(1).default('crawlers') },
  elasticsearchUrl: { env: 'ELASTICSEARCH_URL', schema: z.url().optional() },
  elasticsearchIndexPrefix: {
    env: 'KUZET_INDEX_PREFIX',
    schema: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default('kuzet'),
  },
  redisUrl: { env: 'REDIS_URL', schema: z.url().optional() },
  queuePrefix: {
    env: 'KUZET_QUEUE_PREFIX',
    schema: z
      .string()
      .regex(/^[\w-]+$/)
      .default('kuzet'),
  },
  userAgent: { env: 'KUZET_USER_AGENT', schema: z.string().min(1).optional() },
  perHostDelayMs: { env: 'KUZET_PER_HOST_DELAY_MS', schema: z.coerce.number().int().min(0).optional() },
  requestTimeoutSecs: { env: 'KUZET_REQUEST_TIMEOUT_SECS', schema: z.coerce.number().int().min(1).optional() },
  maxResponseBytes: { env: 'KUZET_MAX_RESPONSE_BYTES', schema: z.coerce.number().int().min(1024).optional() },
  maxListedUrls: { env: 'KUZET_MAX_LISTED_URLS', schema: z.coerce.number().int().min(1).optional() },
  telegramBaseUrl: { env: 'KUZET_TELEGRAM_BASE_URL', schema: z.url().optional() },
  publicUrl: {
    env: 'KUZET_PUBLIC_URL',
    schema: z
      .url()
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  },
  webhooksFile: { env: 'KUZET_WEBHOOKS_FILE', schema: z.string().min(1).optional() },
  webhookAllowPrivate: { env: 'KUZET_WEBHOOK_ALLOW_PRIVATE', schema: switchedOff() },
  requireLogin: { env: 'KUZET_REQUIRE_LOGIN', schema: switchedOff() },
  capture: {
    env: 'KUZET_CAPTURE',
    schema: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
  },
  captureMaxBytes: {
    env: 'KUZET_CAPTURE_MAX_BYTES',
    schema: z.coerce
      .number()
      .int()
      .min(1024)
      .default(5 * 1024 * 1024),
  },
  captureRetentionDays: { env: 'KUZET_CAPTURE_RETENTION_DAYS', schema: z.coerce.number().int().min(0).default(0) },
  recheckAfter: {
    env: 'KUZET_RECHECK_AFTER',
    schema: z
      .string()
      .regex(/^(\d+[mhd])(,\d+[mhd])*$/, 'a comma-separated list of durations such as 1d,7d (units m, h, d)')
      .default('1d,7d')
      .transform((v) =>
        v
          .split(',')
          .map(
            (d) => Number(d.slice(0, -1)) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[d.slice(-1) as 'm' | 'h' | 'd'],
          ),
      ),
  },
  leaseMs: {
    env: 'KUZET_LEASE_MS',
    schema: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  },
  startupWaitMs: {
    env: 'KUZET_STARTUP_WAIT_MS',
    schema: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
  },
  workerConcurrency: { env: 'KUZET_WORKER_CONCURRENCY', schema: z.coerce.number().int().min(1).max(64).default(2) },
} as const;

type Fields = typeof FIELDS;
export type Config = { [K in keyof Fields]: z.output<Fields[K]['schema']> };
export type ConfigOverrides = Partial<{ [K in keyof Fields]: unknown }>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * @example
 * const config = loadConfig(process.env, { port: flags.port });
 * if (isDistributed(config)) ...
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, field] of Object.entries(FIELDS)) {
    const raw = overrides[key as keyof Fields] ?? (env[field.env] === '' ? undefined : env[field.env]);
    const parsed = field.schema.safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${field.env} (${key}): ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return out as Config;
}

export function isDistributed(config: Config): boolean {
  return Boolean(config.elasticsearchUrl && config.redisUrl);
}

/** The configuration table for docs: field, env var, default. */
export function describeConfig(): Array<{ field: string; env: string; default: unknown }> {
  return Object.entries(FIELDS).map(([field, f]) => ({
    field,
    env: f.env,
    default: f.schema.safeParse(undefined).success ? f.schema.safeParse(undefined).data : undefined,
  }));
}
