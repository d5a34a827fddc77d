import express, { type Express, type RequestHandler, type Router } from 'express';
import http from 'node:http';
import type { Logger } from '../ops/logger';
import { requestId } from '../ops/request-context';
import { createErrorHandler, notFound } from './error-handler';
import { securityHeaders, webChatCors } from './security';

export interface HttpAppOptions {
  logger: Logger;
  /** Runs before every route (request metrics). */
  before?: RequestHandler[];
  /** Routers mounted in order, each owning its paths (channels, understanding, admin, health, pages). */
  routers: Router[];
  /** Express's `trust proxy` (TRUST_PROXY): whose X-Forwarded-For decides req.ip. Off by default: req.ip is the socket's peer. */
  trustProxy?: boolean | number | string;
  /** Sites allowed to embed the web chat (CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
}

/** Assembles the Express app; it is returned, not started, so tests and main.ts decide where it listens. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  // First, so every line logged while serving a request, even a refused one, carries its id.
  app.use(requestId);
  app.use(securityHeaders);
  app.use(webChatCors(options.corsOrigins ?? []));
  for (const handler of options.before ?? []) app.use(handler);
  for (const router of options.routers) app.use(router);
  app.use(notFound);
  // Last, so it sees errors from every route above.
  app.use(createErrorHandler(options.logger));
  return app;
}

/**
 * The HTTP server for `app`, whose requests and responses are created with the app's own prototypes. Express gives each
 * request and response its prototypes with `Object.setPrototypeOf` as they enter the app; after that change V8 kept
 * each request's objects (~8 KiB with a bare Express endpoint) through every scavenge until a full collection, so every
 * request of every route fed the mark-compacts (docs/performance.md, GC-tails round). Born with those prototypes,
 * Express's own assignment changes nothing. Node's request and response constructors are plain functions, run here on
 * the new object as `new` would.
 */
export function createHttpServer(app: Express): http.Server {
  function Request(this: http.IncomingMessage, ...args: unknown[]): void {
    Reflect.apply(http.IncomingMessage, this, args);
  }
  Request.prototype = app.request;
  function Response(this: http.ServerResponse, ...args: unknown[]): void {
    Reflect.apply(http.ServerResponse, this, args);
  }
  Response.prototype = app.response;
  return http.createServer(
    { IncomingMessage: Request as unknown as typeof http.IncomingMessage, ServerResponse: Response as unknown as typeof http.ServerResponse },
    app,
  );
}
