import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** What every log line written while serving one request carries, however deep the call (the turn, its sends). */
export interface RequestContext {
  reqId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request being served on this async path, if any (timers and work started by a request keep its id). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

// A caller's id is kept only when it is short and plain, so nobody can write arbitrary text into our logs.
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the caller's X-Request-Id (a reverse proxy's, a load tester's) or makes one, answers it in the response's
 * X-Request-Id, and runs the rest of the request inside its context so the logger stamps every line with it.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  const reqId = given !== undefined && ACCEPTED_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', reqId);
  storage.run({ reqId }, next);
};
