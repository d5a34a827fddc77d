import path from 'node:path';
import { z } from 'zod';
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
  MONGODB_URI: optionalText.pipe(z.string().regex(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI must start with mongodb:// or mongodb+srv://').optional()),
  REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://').optional()),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).max(100_000).default(2000),
  ADMIN_USERNAME: optionalText,
  ADMIN_PASSWORD: optionalText.pipe(z.string().min(12, 'ADMIN_PASSWORD must have at least 12 characters').optional()),
  INTEGRATION_TOKENS: optionalText,
  MESSENGER_VERIFY_TOKEN: optionalText,
  MESSENGER_APP_SECRET: optionalText,
  MESSENGER_PAGE_ACCESS_TOKEN: optionalText,
  MESSENGER_API_BASE: url('MESSENGER_API_BASE').default('https://graph.facebook.com/v25.0'),
  ZALO_APP_ID: optionalText,
  ZALO_APP_SECRET: optionalText,
  ZALO_OA_SECRET_KEY: optionalText,
  ZALO_ACCESS_TOKEN: optionalText,
  ZALO_REFRESH_TOKEN: optionalText,
  ZALO_API_BASE: url('ZALO_API_BASE').default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: url('ZALO_OAUTH_BASE').default('https://oauth.zaloapp.com'),
  HANDOFF_HOURS: weeklyHours('mon-fri 07:30-11:30,13:30-17:00'),
  HANDOFF_HOLIDAYS: isoDays(),
  HANDOFF_BOT_PAUSE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
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
  return {
    ...e,
    dataDir: path.resolve(e.DATA_DIR),
    contentDir: path.resolve(e.CONTENT_DIR ?? path.join(projectRoot, 'content')),
    intentsDir: path.join(projectRoot, 'intents'),
    integrationTokens: (e.INTEGRATION_TOKENS ?? '').split(',').map((t) => t.trim()).filter(Boolean),
  };
}

/** Loads `.env` into process.env for local runs; real environment variables win. */
export function loadDotEnv(file = path.join(process.cwd(), '.env')): void {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
