import express, { Router, type Request } from 'express';
import { badRequest, HttpError } from '../../http/errors';
import type { FailedVerificationCharge } from '../../http/rate-limit';
import type { Logger } from '../../ops/logger';
import { zaloTimestamp } from './zalo-events';
import { hasValidZaloSignature } from './zalo-signature';

/** Why a delivery was refused (a metric label; the rate limiter counts the signature failures per address). */
export type ZaloRefusal = 'malformed' | 'bad_signature' | 'replay';

export interface ZaloRouterOptions {
  appId: string;
  oaSecretKey: string;
  /** Bodies whose `timestamp` is older than this are replays; 0 turns the check off. */
  maxEventAgeSeconds: number;
  /** Keeps a verified delivery (the raw text and its parsed body) and starts processing it; resolves once it is safe to answer 200. */
  accept: (body: string, delivery: Record<string, unknown>) => Promise<void>;
  onRefused?: (req: Request, reason: ZaloRefusal) => void;
  /** Charged before a forged or replayed delivery is refused; answers 429 once the address has spent its budget. */
  chargeFailure: FailedVerificationCharge;
  logger: Logger;
  now?: () => number;
}

/** Zalo's limit is not documented; real events are a few kB, so 1 MB only stops abuse. */
const MAX_BODY_BYTES = 1024 * 1024;
/** A sender's clock may run a little ahead; more than this is not a real delivery. */
const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** The acknowledgement, built once: Express's `json` would serialise it and hash it for an ETag on every delivery. */
const RECEIVED = Buffer.from(JSON.stringify({ received: true }));
const RECEIVED_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(RECEIVED.length) };

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POST /webhooks/zalo: verifies the signature on the raw bytes and the event's age, keeps the delivery in the journal
 * and answers 200 at once (Zalo wants an answer within 2 s and warns the OA admin otherwise); the event is processed
 * afterwards. Bad input gets a 4xx, never a 5xx, which Zalo would retry; a store that cannot keep it gets a 500, so
 * Zalo delivers it again.
 */
export function createZaloRouter(options: ZaloRouterOptions): Router {
  const now = options.now ?? Date.now;
  const router = Router();
  const refuse = (req: Request, reason: ZaloRefusal, error: HttpError): never => {
    options.onRefused?.(req, reason);
    options.logger.warn({ channel: 'zalo', reason, numRetry: req.get('num_retry') }, 'Zalo delivery refused');
    throw error;
  };

  router.post('/webhooks/zalo', express.raw({ type: () => true, limit: MAX_BODY_BYTES }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const text = raw.toString('utf8');
    const body = parseObject(text) ?? refuse(req, 'malformed', badRequest('Body must be a JSON object'));
    const ts = zaloTimestamp(body) ?? refuse(req, 'malformed', badRequest('"timestamp" must be epoch milliseconds'));
    if (!hasValidZaloSignature(req.get('x-zevent-signature'), options.appId, raw, ts, options.oaSecretKey)) {
      await options.chargeFailure(req, res);
      refuse(req, 'bad_signature', new HttpError('unauthorized', 'X-ZEvent-Signature does not sign this body'));
    }
    // A valid signature can be replayed; the window outlasts Zalo's redelivery ladder, the dedupe covers what is inside it.
    const age = now() - Number(ts);
    if (options.maxEventAgeSeconds > 0 && (age > options.maxEventAgeSeconds * 1000 || age < -MAX_FUTURE_SKEW_MS)) {
      await options.chargeFailure(req, res);
      refuse(req, 'replay', new HttpError('forbidden', 'Event timestamp is outside the accepted window'));
    }
    await options.accept(text, body);
    res.writeHead(200, RECEIVED_HEADERS).end(RECEIVED);
  });
  return router;
}

/**
 * Zalo's domain verification: the `zalo_verifier<code>.html` file the developer console asks for (also under the
 * hyphenated name seen in the wild), carrying the code in the meta tag Zalo reads.
 */
export function createZaloVerifierRouter(code: string): Router {
  const router = Router();
  const page = `<!DOCTYPE html>\n<html><head><meta property="zalo-platform-site-verification" content="${code}" /></head><body></body></html>\n`;
  router.get([`/zalo_verifier${code}.html`, `/zalo-verifier-${code}.html`], (_req, res) => {
    res.type('html').set('Content-Security-Policy', "default-src 'none'").send(page);
  });
  return router;
}
