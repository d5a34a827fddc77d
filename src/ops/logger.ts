import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequest } from './request-context';

export type { Logger };

const CENSOR = '[redacted]';

// Secrets and names, by field: always removed. `*.x` covers one level down ({ err: { token } }, { account: { name } }).
const SECRET_FIELDS = [
  'password', 'passwordHash', 'token', 'accessToken', 'refreshToken', 'access_token', 'refresh_token', 'secret',
  'appSecret', 'authorization', 'cookie', 'apiKey',
  'phone', 'phoneNumber', 'idNumber', 'cccd', 'cmnd', 'fullName', 'holderName', 'displayName', 'citizenName',
];
// What citizens wrote: removed unless LOG_LEVEL=debug, where the text is what one is debugging. `message` only at the
// top: an error's own message (`err.message`) is what operators need, and VALUE_PATTERNS still mask it.
const TEXT_FIELDS = ['text', 'body', 'lines'];
const HEADER_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'headers["x-hub-signature-256"]'];

const nested = (fields: string[]) => fields.flatMap((f) => [f, `*.${f}`]);

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

/** Masks personal data by shape in one piece of text. */
export function maskPersonalData(text: string): string {
  let out = text;
  for (const pattern of VALUE_PATTERNS) out = out.replace(pattern, CENSOR);
  return out;
}

// Every JSON string literal of a finished log line: masking inside them only can never break the line's JSON.
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
const REQUEST_ID_KEY = '"reqId":';

/**
 * Structured JSON logs, one object a line, for log shippers. Citizens' data never leaves in them: by field (paths
 * above) and by shape (VALUE_PATTERNS on every string of the finished line). Each line written while serving a
 * request carries its `reqId` (X-Request-Id), so one turn's lines are found together.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const debug = level === 'debug';
  const paths = [...nested(SECRET_FIELDS), ...HEADER_PATHS, ...(debug ? [] : [...nested(TEXT_FIELDS), 'message'])];
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths, censor: CENSOR },
      mixin: () => currentRequest() ?? {},
      // The request id is ours (or a caller's plain token), never citizens' data: a random UUID can hold a digit run
      // shaped like a phone number, and a masked id could no longer join a turn's lines.
      hooks: { streamWrite: (line) => line.replace(JSON_STRING, (text, at: number) => (line.startsWith(REQUEST_ID_KEY, at - REQUEST_ID_KEY.length) ? text : maskPersonalData(text))) },
    },
    destination,
  );
}
