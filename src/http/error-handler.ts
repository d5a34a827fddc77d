import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../ops/logger';
import { CoordinationUnavailableError } from '../coordination/coordination';
import { HttpError } from './errors';

/** Answers unknown paths with a coded 404. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError('not_found', `No route for ${req.method} ${req.path}`));
};

// body-parser errors carry a `type`; they are the client's fault and get clear 4xx answers.
const bodyParserErrors: Record<string, [HttpError['code'], string]> = {
  'entity.parse.failed': ['bad_request', 'Body is not valid JSON'],
  'entity.too.large': ['payload_too_large', 'Body is too large'],
  'encoding.unsupported': ['unsupported_media_type', 'Unsupported body encoding'],
  'charset.unsupported': ['unsupported_media_type', 'Unsupported body charset'],
  'request.aborted': ['bad_request', 'Request was aborted'],
};

// Other errors the body parsers mark as the client's (`expose`, 4xx), by status.
const clientErrorCodes: Record<number, HttpError['code']> = { 400: 'bad_request', 413: 'payload_too_large', 415: 'unsupported_media_type' };

/** The one error handler, last in the chain: coded JSON for the client, full detail only in the log. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: HttpError;
    if (err instanceof HttpError) error = err;
    else if (err instanceof CoordinationUnavailableError) {
      // Redis restarting or cut off: nothing was done, the client may simply send again in a moment.
      logger.warn({ err: err.message, method: req.method, path: req.path }, 'request refused: coordination store unreachable');
      res.setHeader('Retry-After', '5');
      error = new HttpError('not_ready', 'Temporarily unavailable; nothing was changed. Please retry in a few seconds.');
    }
    else if (typeof err?.type === 'string' && bodyParserErrors[err.type]) {
      const [code, message] = bodyParserErrors[err.type];
      error = new HttpError(code, err.type === 'entity.too.large' ? `${message} (limit ${err.limit} bytes)` : message);
    } else if (typeof err?.code === 'string' && err.code.startsWith('Z_')) {
      // zlib could not inflate a body sent with Content-Encoding gzip, deflate or br: the body is broken, not us.
      error = new HttpError('bad_request', 'Body does not match its Content-Encoding (it could not be decompressed)');
    } else if (err?.expose === true && clientErrorCodes[err.status as number]) {
      error = new HttpError(clientErrorCodes[err.status as number]!, 'The request body could not be read');
    } else {
      logger.error({ err, method: req.method, path: req.path }, 'request failed');
      error = new HttpError('internal', 'Internal error; nothing was changed. Please retry.');
    }
    if (res.headersSent) return;
    res.status(error.status).json({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
  };
}
