/** The API's coded errors: every 4xx/5xx body is `{ error: { code, message } }` with one of these codes. */
export const errorCodes = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error meant for the client: its message is safe to show and names what was wrong. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorCodes[code];
  }
}

/** Shorthand for the most common client error. */
export function badRequest(message: string, details?: unknown): HttpError {
  return new HttpError('bad_request', message, details);
}
