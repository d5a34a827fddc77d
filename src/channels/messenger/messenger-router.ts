import express, { Router } from 'express';
import type { FailedVerificationCharge } from '../../http/rate-limit';
import { badRequest, HttpError } from '../../http/errors';
import { checkHubSignature, sameSecret } from './hub-signature';

export const MESSENGER_WEBHOOK_PATH = '/webhooks/messenger';
/** Meta batches many events per POST; the contract caps a webhook body at 1 MB. */
const MAX_BODY_BYTES = 1024 * 1024;
/** The acknowledgement Meta's samples send, built once (Express's `send` would hash it for an ETag every time). */
const RECEIVED = Buffer.from('EVENT_RECEIVED');
const RECEIVED_HEADERS = { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(RECEIVED.length) };
/** Meta's challenge is a number; anything else in it is not echoed back. */
const CHALLENGE = /^[A-Za-z0-9_-]{1,128}$/;

/** Why a delivery was refused (a metric label, shared with Zalo's). */
export type MessengerRefusal = 'malformed' | 'bad_signature';

export interface MessengerRouterOptions {
  verifyToken: string;
  appSecret: string;
  /** Keeps a verified delivery and starts processing it; resolves once it is safe to answer 200. */
  accept: (body: string, delivery: unknown) => Promise<void>;
  /** Charged before a delivery is refused for its signature; answers 429 once the address has spent its budget. */
  chargeFailure: FailedVerificationCharge;
  /** Told of every refused delivery (metrics). */
  onRefused?: (reason: MessengerRefusal) => void;
}

/**
 * GET /webhooks/messenger: the subscription handshake. POST /webhooks/messenger: a signed delivery is kept, answered
 * 200 at once, and processed afterwards; a forged one is refused before anything is read from it.
 */
export function createMessengerRouter(options: MessengerRouterOptions): Router {
  const router = Router();
  const refuse = (reason: MessengerRefusal, error: HttpError): never => {
    options.onRefused?.(reason);
    throw error;
  };

  router.get(MESSENGER_WEBHOOK_PATH, (req, res) => {
    const token = req.query['hub.verify_token'];
    const challenge = req.query['hub.challenge'];
    if (req.query['hub.mode'] !== 'subscribe' || typeof token !== 'string' || !sameSecret(token, options.verifyToken)) {
      throw new HttpError('forbidden', 'hub.mode must be "subscribe" and hub.verify_token must match MESSENGER_VERIFY_TOKEN');
    }
    if (typeof challenge !== 'string' || !CHALLENGE.test(challenge)) throw badRequest('hub.challenge is missing or malformed');
    res.type('text/plain').send(challenge);
  });

  // Raw bytes for any content type: the signature covers them exactly as sent.
  router.post(MESSENGER_WEBHOOK_PATH, express.raw({ type: () => true, limit: MAX_BODY_BYTES }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = checkHubSignature(raw, req.get('x-hub-signature-256'), options.appSecret);
    if (signature !== 'valid') await options.chargeFailure(req, res);
    if (signature === 'missing') refuse('bad_signature', new HttpError('unauthorized', 'X-Hub-Signature-256 is missing'));
    if (signature === 'invalid') refuse('bad_signature', new HttpError('forbidden', 'X-Hub-Signature-256 does not match the body'));
    const body = raw.toString('utf8');
    let delivery: unknown;
    try {
      delivery = JSON.parse(body);
    } catch {
      refuse('malformed', badRequest('Body is not valid JSON'));
    }
    await options.accept(body, delivery);
    res.writeHead(200, RECEIVED_HEADERS).end(RECEIVED);
  });

  return router;
}
