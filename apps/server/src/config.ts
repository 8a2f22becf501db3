/**
 * The only file that reads `process.env`. Configuration is validated at start; every
 * problem is printed and the process exits 1 (see `loadConfigOrExit`).
 */
import path from 'node:path';
import { z } from 'zod';
import { parseNetwork } from './platform/adapters/address-policy';

/** Opinions in the demo's year of history: enough for a lived-in cockpit, few enough for a quick first start. */
export const DEFAULT_DEMO_CASES = 4000;

const boolFlag = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  LIANXIN_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave unset for SQLite)')
    .optional(),
  LIANXIN_ROLES: z
    .string()
    .default('web,worker')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['web', 'worker'])).min(1)),
  LIANXIN_DEMO: boolFlag.optional(),
  LIANXIN_DEMO_PASSWORD: z.string().min(8).default('lianxin-demo'),
  LIANXIN_DEMO_CASES: z.coerce.number().int().min(0).max(50_000).default(DEFAULT_DEMO_CASES),
  LIANXIN_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=?$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  LIANXIN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LIANXIN_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  LIANXIN_COOKIE_SECURE: boolFlag.optional(),
  LIANXIN_TRUST_PROXY: boolFlag.default(false),
  LIANXIN_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  LIANXIN_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LIANXIN_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LIANXIN_WEB_DIST: z.string().optional(),
  LIANXIN_PUBLIC_URL: z.string().url().optional(),
  LIANXIN_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  LIANXIN_MAIL_FROM: z.string().min(3).default('连心 Lianxin <noreply@lianxin.local>'),
  LIANXIN_SMS_DRIVER: z.enum(['log', 'webhook']).default('log'),
  LIANXIN_SMS_WEBHOOK_URL: z.string().url().optional(),
  LIANXIN_SMS_WEBHOOK_SECRET: z.string().min(8).optional(),
  LIANXIN_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(10_000)
    .max(50 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  LIANXIN_UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(20).default(9),
  LIANXIN_POW_DIFFICULTY: z.coerce.number().int().min(0).max(28).default(0),
  LIANXIN_RATE_LIMITS: boolFlag.default(true),
  LIANXIN_RETENTION_DAYS: z.coerce.number().int().min(0).max(36500).default(0),
  LIANXIN_JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  LIANXIN_CRON: boolFlag.default(true),
  LIANXIN_INTAKE_INBOX: z.enum(['auto', 'on', 'off']).default('auto'),
  LIANXIN_INTAKE_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(200),
  LIANXIN_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (openssl rand -hex 24)').optional(),
  LIANXIN_WEBHOOK_ALLOW_NETWORKS: z.string().optional(),
});

/** Validated configuration of one process. */
export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  sqlitePath: string;
  databaseUrl: string | null;
  roles: Array<'web' | 'worker'>;
  /** Demo mode: demo seeding on an empty database and the demo password are allowed. */
  demo: boolean;
  demoPassword: string;
  /** Opinions in the year of history seeded with the demo organisation; 0: the organisation and accounts only. */
  demoCases: number;
  secretKey: string | null;
  keyFile: string;
  logLevel: string;
  sessionHours: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  bodyLimitBytes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  webDist: string;
  publicUrl: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  smsDriver: 'log' | 'webhook';
  smsWebhookUrl: string | null;
  smsWebhookSecret: string | null;
  uploadMaxBytes: number;
  uploadMaxFiles: number;
  /** Leading zero bits a proof-of-work solution needs; 0 switches the challenge off. */
  powDifficulty: number;
  /** Per-address and per-phone limits on public endpoints. */
  rateLimits: boolean;
  /** Days after closure when citizens' contact data is erased; 0 keeps it. */
  retentionDays: number;
  jobPollMs: number;
  /** The worker queues the cron schedules' jobs (off: only jobs queued otherwise run, e.g. a second worker or a benchmark). */
  cron: boolean;
  /**
   * Public submissions go to the intake inbox (one row each; a worker opens the cases) instead of
   * being opened in the request. `auto`: on when this process does not run the worker role.
   */
  intakeInbox: boolean;
  /** How often a worker looks for submissions in the inbox, in ms. */
  intakePollMs: number;
  /**
   * Bearer token `/metrics` asks for. Unset: open outside production, closed in production (the
   * scrape shows routes, queue depth and case counts to whoever asks).
   */
  metricsToken: string | null;
  /**
   * Where webhooks may be delivered besides public addresses: CIDR networks (e.g. `10.1.2.0/24`,
   * `fd00::/8`) a target may resolve to although loopback, private or link-local. `any` turns the
   * check off (the default outside production, so a local receiver works in development and tests).
   */
  webhookAllowNetworks: string[] | 'any';
}

/** Thrown with every problem found in the environment. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses an environment (default: `process.env`) into a Config, or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const demo = production ? false : (e.LIANXIN_DEMO ?? true);
  const dataDir = path.resolve(e.LIANXIN_DATA_DIR);
  const config: Config = {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    dataDir,
    sqlitePath: path.join(dataDir, 'lianxin.sqlite'),
    databaseUrl: e.DATABASE_URL ?? null,
    roles: e.LIANXIN_ROLES,
    demo,
    demoPassword: e.LIANXIN_DEMO_PASSWORD,
    demoCases: e.LIANXIN_DEMO_CASES,
    secretKey: e.LIANXIN_SECRET_KEY ?? null,
    keyFile: path.join(dataDir, 'secret.key'),
    logLevel: e.LIANXIN_LOG_LEVEL,
    sessionHours: e.LIANXIN_SESSION_HOURS,
    cookieSecure: e.LIANXIN_COOKIE_SECURE ?? production,
    trustProxy: e.LIANXIN_TRUST_PROXY,
    bodyLimitBytes: e.LIANXIN_BODY_LIMIT_BYTES,
    loginMaxFailures: e.LIANXIN_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LIANXIN_LOGIN_LOCK_MINUTES,
    webDist: path.resolve(e.LIANXIN_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    publicUrl: e.LIANXIN_PUBLIC_URL ?? null,
    smtpUrl: e.LIANXIN_SMTP_URL ?? null,
    mailFrom: e.LIANXIN_MAIL_FROM,
    smsDriver: e.LIANXIN_SMS_DRIVER,
    smsWebhookUrl: e.LIANXIN_SMS_WEBHOOK_URL ?? null,
    smsWebhookSecret: e.LIANXIN_SMS_WEBHOOK_SECRET ?? null,
    uploadMaxBytes: e.LIANXIN_UPLOAD_MAX_BYTES,
    uploadMaxFiles: e.LIANXIN_UPLOAD_MAX_FILES,
    powDifficulty: e.LIANXIN_POW_DIFFICULTY,
    rateLimits: e.LIANXIN_RATE_LIMITS,
    retentionDays: e.LIANXIN_RETENTION_DAYS,
    jobPollMs: e.LIANXIN_JOB_POLL_MS,
    cron: e.LIANXIN_CRON,
    intakeInbox: e.LIANXIN_INTAKE_INBOX === 'auto' ? !e.LIANXIN_ROLES.includes('worker') : e.LIANXIN_INTAKE_INBOX === 'on',
    intakePollMs: e.LIANXIN_INTAKE_POLL_MS,
    metricsToken: e.LIANXIN_METRICS_TOKEN ?? null,
    webhookAllowNetworks: parseNetworkList(e.LIANXIN_WEBHOOK_ALLOW_NETWORKS, production),
    ...overrides,
  };
  if (production && e.LIANXIN_DEMO === true) {
    throw new ConfigError(['LIANXIN_DEMO: demo mode is refused when NODE_ENV=production']);
  }
  if (config.smsDriver === 'webhook' && !config.smsWebhookUrl) {
    throw new ConfigError(['LIANXIN_SMS_WEBHOOK_URL: required when LIANXIN_SMS_DRIVER=webhook']);
  }
  return config;
}

/**
 * `LIANXIN_WEBHOOK_ALLOW_NETWORKS`: `any`, `none`, or comma-separated CIDR networks. Unset means
 * `none` in production and `any` elsewhere.
 */
function parseNetworkList(value: string | undefined, production: boolean): string[] | 'any' {
  const text = value?.trim().toLowerCase();
  if (!text) return production ? [] : 'any';
  if (text === 'any') return 'any';
  if (text === 'none') return [];
  const networks = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const problems: string[] = [];
  for (const n of networks) {
    try {
      parseNetwork(n);
    } catch (error) {
      problems.push(`LIANXIN_WEBHOOK_ALLOW_NETWORKS: ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return networks;
}

/** Loads the configuration or prints every problem and exits 1. */
export function loadConfigOrExit(overrides: Partial<Config> = {}): Config {
  try {
    return loadConfig(process.env, overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
