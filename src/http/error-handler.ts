import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../ops/logger';
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

/** The one error handler, last in the chain: coded JSON for the client, full detail only in the log. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: HttpError;
    if (err instanceof HttpError) error = err;
    else if (typeof err?.type === 'string' && bodyParserErrors[err.type]) {
      const [code, message] = bodyParserErrors[err.type];
      error = new HttpError(code, err.type === 'entity.too.large' ? `${message} (limit ${err.limit} bytes)` : message);
    } else {
      logger.error({ err, method: req.method, path: req.path }, 'request failed');
      error = new HttpError('internal', 'Internal error; nothing was changed. Please retry.');
    }
    if (res.headersSent) return;
    res.status(error.status).json({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
  };
}
