import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequest } from './request-context';
import { isoString } from '../util/iso-time';

export type { Logger };

const CENSOR = '[redacted]';

// Secrets and names, by field: always removed, at the top of a line and one level down ({ err: { token } },
// { account: { name } }).
const SECRET_FIELDS = [
  'password', 'passwordHash', 'token', 'accessToken', 'refreshToken', 'access_token', 'refresh_token', 'secret',
  'appSecret', 'authorization', 'cookie', 'apiKey',
  'phone', 'phoneNumber', 'idNumber', 'cccd', 'cmnd', 'fullName', 'holderName', 'displayName', 'citizenName',
];
// What citizens wrote: removed unless LOG_LEVEL=debug, where the text is what one is debugging. `message` only at the
// top: an error's own message (`err.message`) is what operators need, and VALUE_PATTERNS still mask it.
const TEXT_FIELDS = ['text', 'body', 'lines'];
// Request headers, wherever a line carries them: `headers.<name>` and `req.headers.<name>`.
const HEADER_FIELDS = new Set(['authorization', 'cookie', 'x-hub-signature-256']);
const REQUEST_HEADER_FIELDS = new Set(['authorization', 'cookie']);

const ERROR_KEY = 'err';
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `o` with its own fields named in `fields` censored, or `o` itself when it has none (nothing allocated). */
function censorOwn(o: Record<string, unknown>, fields: ReadonlySet<string>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in o) if (fields.has(key) && hasOwn(o, key)) (copy ??= { ...o })[key] = CENSOR;
  return copy ?? o;
}

/**
 * Removes fields by name from one log line's object, before pino writes it: a top-level field in `top`, a field in
 * `nested` one level down, the headers above; an error under `err` is serialised first (pino's standard serializer), so
 * the fields it carries are censored too. Done once per field, by a set lookup, where pino's generic redaction walked
 * every path for every key of every line (a quarter of the bytes a turn allocated, docs/performance.md). Nothing is
 * copied for a line with nothing to remove, and the caller's objects are never changed.
 */
function fieldCensor(top: ReadonlySet<string>, nested: ReadonlySet<string>): (line: Record<string, unknown>) => Record<string, unknown> {
  return (line) => {
    let out: Record<string, unknown> | undefined;
    for (const key in line) {
      const value = line[key];
      if (value === undefined || !hasOwn(line, key)) continue;
      let censored: unknown = value;
      if (top.has(key)) censored = CENSOR;
      else if (key === ERROR_KEY) {
        const serialised: unknown = pino.stdSerializers.err(value as Error);
        censored = isObject(serialised) ? censorOwn(serialised, nested) : serialised;
      } else if (isObject(value)) {
        censored = censorOwn(value, nested);
        if (key === 'headers') censored = censorOwn(censored as Record<string, unknown>, HEADER_FIELDS);
        const headers = key === 'req' ? value.headers : undefined;
        if (isObject(headers)) {
          const kept = censorOwn(headers, REQUEST_HEADER_FIELDS);
          if (kept !== headers) censored = { ...(censored as Record<string, unknown>), headers: kept };
        }
      }
      if (censored !== value) (out ??= { ...line })[key] = censored;
    }
    return out ?? line;
  };
}

/**
 * Personal data by shape, wherever it appears (an error message quoting a webhook body, a detail from a platform):
 * Vietnamese phone numbers (0 or +84 then 9 digits, with spaces, dots or dashes), 12-digit CCCD and 9-digit CMND
 * numbers, bearer tokens and JWTs. Longer digit runs (timestamps, platform user ids) are left alone.
 */
const VALUE_PATTERNS: readonly RegExp[] = [
  /(?<![\w+])(?:\+84|0084|84|0)[\s.-]?[1-9](?:[\s.-]?\d){8}(?!\d)/g,
  /(?<!\d)\d{12}(?!\d)/g,
  /(?<!\d)\d{9}(?!\d)/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
];

// Every pattern above needs a digit, "bearer" or "eyJ": most strings of a line (keys, levels, names) have none.
const MAY_HOLD_PERSONAL_DATA = /\d|bearer|eyJ/i;

/** Masks personal data by shape in one piece of text. */
export function maskPersonalData(text: string): string {
  if (!MAY_HOLD_PERSONAL_DATA.test(text)) return text;
  let out = text;
  for (const pattern of VALUE_PATTERNS) out = out.replace(pattern, CENSOR);
  return out;
}

// Every JSON string literal of a finished log line: masking inside them only can never break the line's JSON.
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
const REQUEST_ID_KEY = '"reqId":';

/** Bytes of log lines kept before one write to stdout; `periodicFlush` writes a quieter trickle at least this often. */
const STDOUT_BUFFER_BYTES = 4096;
const STDOUT_FLUSH_MS = 250;

/**
 * Standard output, written from a buffer: one `write` per ~4 KiB of lines (about a dozen turns' lines under load)
 * instead of one per line, each of which cost the event loop a write request and its async hooks (docs/performance.md,
 * "Ack round 2"). Lines wait at most `STDOUT_FLUSH_MS`; pino writes what is left synchronously when the process exits
 * (`process.exit` after a graceful stop, a start-up failure, an uncaught error), so nothing logged is lost on the way out.
 */
export function bufferedStdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: STDOUT_BUFFER_BYTES, periodicFlush: STDOUT_FLUSH_MS });
}

/**
 * Structured JSON logs, one object a line, for log shippers. Citizens' data never leaves in them: by field (paths
 * above) and by shape (VALUE_PATTERNS on every string of the finished line). Each line written while serving a
 * request carries its `reqId` (X-Request-Id), so one turn's lines are found together.
 */
export function createLogger(level: string, destination: DestinationStream = bufferedStdout()): Logger {
  const debug = level === 'debug';
  const nested = new Set([...SECRET_FIELDS, ...(debug ? [] : TEXT_FIELDS)]);
  const censor = fieldCensor(new Set([...nested, ...(debug ? [] : ['message'])]), nested);
  return pino(
    {
      level,
      base: undefined,
      // pino's `isoTime`, the same text (`,"time":"…"`) through src/util/iso-time.ts.
      timestamp: () => `,"time":"${isoString(Date.now())}"`,
      formatters: { level: (label) => ({ level: label }), log: censor },
      // `err` is serialised by the censor, which runs first (pino's own would serialise it again, as a plain object).
      serializers: { [ERROR_KEY]: (value: unknown) => value },
      mixin: () => currentRequest() ?? {},
      // A new object per line: pino's default merges a line's fields into the mixin's object, which here is the
      // request's own context, so a request's later lines carried its earlier lines' fields.
      mixinMergeStrategy: (line, context) => ({ ...context, ...line }),
      // The request id is ours (or a caller's plain token), never citizens' data: a random UUID can hold a digit run
      // shaped like a phone number, and a masked id could no longer join a turn's lines.
      hooks: { streamWrite: (line) => line.replace(JSON_STRING, (text, at: number) => (line.startsWith(REQUEST_ID_KEY, at - REQUEST_ID_KEY.length) ? text : maskPersonalData(text))) },
    },
    destination,
  );
}
