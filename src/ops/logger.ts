import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Citizens' messages, phone numbers and tokens are redacted by path,
 * because logs leave the building (log shippers, support tickets) and citizens' data must not.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['text', 'message', 'phone', 'password', 'token', 'authorization', '*.text', '*.phone', '*.password', '*.token', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
