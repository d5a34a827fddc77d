import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { isKnownWeakPassword, USERNAME_PATTERN, USERNAME_RULE } from './admin/credential-rules';
import { OWASP_SCRYPT_LN } from './admin/passwords';
import { parseInstant } from './dossiers/instant';
import { parseHours } from './knowledge/hours';

/** The project folder: content/, intents/ and the chat page are found from here, in source and in dist alike. */
export const projectRoot = path.resolve(__dirname, '..');

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (what: string) =>
  z.string().trim().url(`${what} must be a URL such as https://example.org`);

/** Shorter integration tokens could be guessed online; the partner is given 32 random bytes or more. */
const MIN_INTEGRATION_TOKEN_LENGTH = 32;

const seconds = (fallback: number) => z.coerce.number().positive().max(365 * 24 * 3600).default(fallback);
/** An age in days; fractions allowed (tests age records in seconds), at most 100 years. */
const days = (fallback: number) => z.coerce.number().positive().max(36_500).default(fallback);
const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).max(1_000_000).default(fallback);

// Express's `trust proxy`: off, true (every hop: only behind a proxy that overwrites the header), a hop count, or
// a comma-separated list of proxy addresses / subnets / the names loopback, linklocal, uniquelocal.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyEntry = (entry: string) => {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
};
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((v, ctx): boolean | number | string => {
    if (v === '' || v === 'false') return false;
    if (v === 'true') return true;
    if (/^\d+$/.test(v)) return Number(v);
    const entries = v.split(',').map((e) => e.trim());
    if (entries.every(isProxyEntry)) return entries.join(',');
    ctx.addIssue({ code: 'custom', message: 'TRUST_PROXY must be false, true, a hop count, or proxy addresses/subnets (e.g. loopback or 10.0.0.0/8)' });
    return z.NEVER;
  });

/** Exact origins (scheme://host[:port]) of sites embedding the web chat, comma-separated; none by default. */
const corsOrigins = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => {
    const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
    const bad = origins.find((o) => {
      try {
        const u = new URL(o);
        return !/^https?:$/.test(u.protocol) || u.origin !== o;
      } catch {
        return true;
      }
    });
    if (bad === undefined) return origins;
    ctx.addIssue({ code: 'custom', message: `"${bad}" is not an origin such as https://congan.thainguyen.gov.vn (scheme and host, no path or trailing slash)` });
    return z.NEVER;
  });

/** Hours as the office-hours cells write them (`mon-fri 07:30-11:30,13:30-17:00|sat 07:30-11:30`), any letter case. */
const weeklyHours = (fallback: string) =>
  z.string().trim().prefault(fallback).transform((value, ctx) => {
    const hours = parseHours((value || fallback).toLowerCase());
    if (typeof hours !== 'string') return hours;
    ctx.addIssue({ code: 'custom', message: hours });
    return z.NEVER;
  });

/** A comma-separated list of calendar days, YYYY-MM-DD. */
const isoDays = () =>
  z.string().trim().prefault('').transform((value, ctx) => {
    const days = value.split(',').map((d) => d.trim()).filter(Boolean);
    const bad = days.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || !parseInstant(d));
    if (bad === undefined) return days;
    ctx.addIssue({ code: 'custom', message: `"${bad}" is not a date such as 2026-09-02 (comma-separated list)` });
    return z.NEVER;
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  CONTENT_DIR: optionalText,
  INTENTS_DIR: optionalText,
  MONGODB_URI: optionalText.pipe(z.string().regex(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI must start with mongodb:// or mongodb+srv://').optional()),
  REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://').optional()),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).max(100_000).default(2000),
  /** A shared location farther than this from every unit is outside the province (about 200 km long since the merger with Bắc Kạn). */
  NEAREST_WITHIN_KM: z.coerce.number().min(1).max(20_000).default(200),
  ADMIN_USERNAME: optionalText.pipe(z.string().regex(USERNAME_PATTERN, `ADMIN_USERNAME ${USERNAME_RULE}`).optional()),
  ADMIN_PASSWORD: optionalText.pipe(
    z
      .string()
      .min(12, 'ADMIN_PASSWORD must have at least 12 characters')
      .refine((p) => !isKnownWeakPassword(p), 'ADMIN_PASSWORD is on the list of known weak passwords (src/admin/weak-passwords.txt); choose another')
      .optional(),
  ),
  INTEGRATION_TOKENS: optionalText.pipe(
    z
      .string()
      .refine(
        (v) => v.split(',').every((t) => t.trim() === '' || t.trim().length >= MIN_INTEGRATION_TOKEN_LENGTH),
        `INTEGRATION_TOKENS: every token must have at least ${MIN_INTEGRATION_TOKEN_LENGTH} characters (give the one-stop system 32 random bytes or more)`,
      )
      .optional(),
  ),
  MESSENGER_VERIFY_TOKEN: optionalText,
  MESSENGER_APP_SECRET: optionalText,
  MESSENGER_PAGE_ACCESS_TOKEN: optionalText,
  MESSENGER_API_BASE: url('MESSENGER_API_BASE').default('https://graph.facebook.com/v25.0'),
  MESSENGER_INBOX_APP_ID: z.string().trim().regex(/^\d+$/, 'MESSENGER_INBOX_APP_ID must be a numeric app id').default('263902037430900'),
  ZALO_APP_ID: optionalText,
  ZALO_APP_SECRET: optionalText,
  ZALO_OA_SECRET_KEY: optionalText,
  ZALO_ACCESS_TOKEN: optionalText,
  ZALO_REFRESH_TOKEN: optionalText,
  ZALO_API_BASE: url('ZALO_API_BASE').default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: url('ZALO_OAUTH_BASE').default('https://oauth.zaloapp.com'),
  ZALO_OA_ID: optionalText.pipe(z.string().regex(/^\d{1,30}$/, 'ZALO_OA_ID must be the OA id (digits)').optional()),
  // Zalo redelivers the same body for about 2 hours (+30 s … +1 h): the window must outlast that ladder.
  ZALO_MAX_EVENT_AGE_SECONDS: z.coerce.number().int().min(0).max(7 * 24 * 3600).default(3 * 3600),
  ZALO_SITE_VERIFICATION: optionalText.pipe(z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'ZALO_SITE_VERIFICATION must be the code from the zalo_verifier<code>.html file').optional()),
  ZALO_BUTTON_STYLE: z.enum(['numbered', 'template']).default('numbered'),
  /**
   * Offers staff the Zalo article broadcast (POST /v2.0/oa/message). Off by default: its quotas and payload are known
   * from two sources only, some disagreeing (docs/announcements.md); turn on once tried against the department's OA.
   */
  ZALO_ARTICLE_BROADCAST: z.stringbool({ error: 'ZALO_ARTICLE_BROADCAST must be true or false' }).default(false),
  REDIS_KEY_PREFIX: z.string().trim().regex(/^[A-Za-z0-9:_.-]{1,100}$/, 'REDIS_KEY_PREFIX may hold letters, digits and : _ . -').default('assistant:'),
  TRUST_PROXY: trustProxy,
  CHAT_RATE_LIMIT_PER_MINUTE: count(30, 0),
  WEBHOOK_FAILED_VERIFICATIONS_PER_HOUR: count(30, 0),
  DOSSIER_QUESTION_TTL_SECONDS: seconds(5 * 60),
  DOSSIER_CODE_FREE_FAILURES: count(5, 0),
  DOSSIER_CODE_BACKOFF_SECONDS: seconds(60),
  DOSSIER_CODE_BACKOFF_MAX_SECONDS: seconds(60 * 60),
  DOSSIER_ADDRESS_FAILURES_PER_HOUR: count(20),
  DOSSIER_GLOBAL_FAILURES_PER_HOUR: count(100),
  STATE_RETENTION_SECONDS: seconds(30 * 24 * 3600),
  STATE_PURGE_INTERVAL_SECONDS: seconds(3600),
  // Retention of citizens' records by kind (docs/personal-data.md); the sweep runs every STATE_PURGE_INTERVAL_SECONDS.
  FEEDBACK_RETENTION_DAYS: days(365),
  UNANSWERED_RETENTION_DAYS: days(90),
  HANDOFF_RETENTION_DAYS: days(90),
  LOOKUP_LOG_RETENTION_DAYS: days(180),
  DOSSIER_WATCH_RETENTION_DAYS: days(180),
  OUTBOX_RETENTION_DAYS: days(30),
  CONTACT_RETENTION_DAYS: days(365),
  ACTIVITY_RETENTION_DAYS: days(365),
  STAFF_PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(OWASP_SCRYPT_LN),
  HANDOFF_HOURS: weeklyHours('mon-fri 07:30-11:30,13:30-17:00'),
  HANDOFF_HOLIDAYS: isoDays(),
  HANDOFF_BOT_PAUSE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
  // Operations (docs/production.md).
  CORS_ORIGINS: corsOrigins,
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(25),
  KEPT_ANSWER_RETRY_SECONDS: z.coerce.number().positive().max(24 * 3600).default(60),
  // Announcements (docs/announcements.md): sends per second per platform, 0 = unpaced. Zalo allows 4000 calls a
  // minute per app and Messenger guards Pages above 40 messages/s; replies to citizens need the rest.
  ANNOUNCEMENT_ZALO_PER_SECOND: z.coerce.number({ error: 'ANNOUNCEMENT_ZALO_PER_SECOND must be a number' }).min(0).max(10_000).default(40),
  ANNOUNCEMENT_MESSENGER_PER_SECOND: z.coerce.number({ error: 'ANNOUNCEMENT_MESSENGER_PER_SECOND must be a number' }).min(0).max(10_000).default(30),
  ANNOUNCEMENT_CONCURRENCY: count(16),
  ANNOUNCEMENT_POLL_SECONDS: seconds(30),
  PUBLIC_BASE_URL: optionalText.pipe(url('PUBLIC_BASE_URL').optional()),
});

export type Env = z.infer<typeof schema>;

/** Validated settings; the rest of the program never reads process.env. */
export interface Config extends Env {
  dataDir: string;
  contentDir: string;
  intentsDir: string;
  integrationTokens: string[];
}

/** Raised when an environment variable holds a bad value; its message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment (and `.env` when present, without overriding real variables). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  // Tests lower the hashing cost to stay fast on shared machines; a deployment may only raise it.
  if (e.STAFF_PASSWORD_COST < OWASP_SCRYPT_LN && e.NODE_ENV !== 'test') {
    throw new ConfigError(`Invalid configuration:\n  STAFF_PASSWORD_COST: must be at least ${OWASP_SCRYPT_LN} (scrypt N=2^${OWASP_SCRYPT_LN}, OWASP) outside NODE_ENV=test`);
  }
  return {
    ...e,
    dataDir: path.resolve(e.DATA_DIR),
    contentDir: path.resolve(e.CONTENT_DIR ?? path.join(projectRoot, 'content')),
    intentsDir: path.resolve(e.INTENTS_DIR ?? path.join(projectRoot, 'intents')),
    integrationTokens: (e.INTEGRATION_TOKENS ?? '').split(',').map((t) => t.trim()).filter(Boolean),
  };
}

/**
 * The configuration of a command or of the server: `.env` read, then the environment checked. A bad value is
 * written to stderr (the message names the variable) and gives undefined, so every entry point exits the same way.
 */
export function loadConfigOrReport(): Config | undefined {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return undefined;
  }
}

/** Loads `.env` into process.env for local runs; real environment variables win. */
export function loadDotEnv(file = path.join(process.cwd(), '.env')): void {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
