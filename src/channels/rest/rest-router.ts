import express, { Router, type RequestHandler } from 'express';
import type { TurnContext } from 'botbuilder';
import { badRequest } from '../../http/errors';
import { cleanInboundText } from '../inbound-text';
import type { RestAdapter } from './rest-adapter';

export interface RestRouterOptions {
  adapter: RestAdapter;
  logic: (context: TurnContext) => Promise<void>;
  maxBodyBytes: number;
  /** Runs before the body is read: the per-address rate limit (a refused request costs nothing). */
  guard?: RequestHandler;
}

const SENDER_MAX = 128;
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * POST /webhooks/rest/webhook, the Rasa REST channel: `{sender, message}` in, the turn's replies out;
 * GET /webhooks/rest/pending?sender=…: what arrived for the sender since (an officer's replies), for the chat page.
 */
export function createRestRouter(options: RestRouterOptions): Router {
  const router = Router();
  const guard: RequestHandler = options.guard ?? ((_req, _res, next) => next());
  router.post('/webhooks/rest/webhook', guard, express.json({ limit: options.maxBodyBytes, strict: true }), async (req, res) => {
    const body = req.body as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('Body must be a JSON object with "sender" and "message"');
    const { sender, message } = body as Record<string, unknown>;
    const senderId = senderOf(sender);
    if (typeof message !== 'string') throw badRequest('"message" must be a string');
    const replies = await options.adapter.receive(senderId, cleanInboundText(message), options.logic, req.ip);
    // Serialised and sent as is: Express's `json` would also hash the answer for an ETag, which a POST's answer never uses.
    res.setHeader('Content-Type', JSON_TYPE);
    res.end(JSON.stringify(replies));
  });
  router.get('/webhooks/rest/pending', async (req, res) => {
    const senderId = senderOf(req.query.sender);
    // Each answer hands messages over once: no cache may keep or replay it.
    res.setHeader('Cache-Control', 'no-store');
    res.json(await options.adapter.poll(senderId));
  });
  return router;
}

/** The sender id as the chat page sends it, or a 400 naming what is wrong. */
function senderOf(sender: unknown): string {
  if (typeof sender !== 'string' || !sender.trim()) throw badRequest('"sender" must be a non-empty string');
  if (sender.length > SENDER_MAX) throw badRequest(`"sender" must be at most ${SENDER_MAX} characters`);
  const senderId = cleanInboundText(sender);
  if (!senderId) throw badRequest('"sender" must contain visible characters');
  return senderId;
}
