/**
 * Per-address limits for public doors, counted in Coordination (Redis when configured, so every instance shares
 * the count). The address is Express's `req.ip`: the socket's peer, or the forwarded client only when TRUST_PROXY
 * trusts the proxy; IPv6 addresses count by their /64. Over a limit the answer is `429` with `Retry-After` (seconds)
 * and the coded body `{error: {code: "too_many_requests", message}}`.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Budget, Coordination } from '../coordination';
import { addressKey } from './address-key';
import { HttpError } from './errors';

/** A budget of requests per client address. */
export interface AddressLimitOptions {
  coordination: Coordination;
  /** Keeps this limiter's counts apart from others' (e.g. "chat", "messenger-signature"). */
  name: string;
  /** Units per window per address; 0 turns the limiter off. */
  limit: number;
  windowSeconds: number;
}

const budgetOf = (o: AddressLimitOptions, req: Request): Budget => ({ key: `rate:${o.name}:${addressKey(req.ip)}`, limit: o.limit, windowSeconds: o.windowSeconds });

function tooMany(res: Parameters<RequestHandler>[1], retryAfterSeconds: number, what: string): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  res.setHeader('Retry-After', String(seconds));
  return new HttpError('too_many_requests', `Too many ${what} from this address; retry in ${seconds} s`);
}

/**
 * At most `limit` requests per window from one address; mount it before the body parser so a refused request
 * costs nothing. Used on the public chat endpoint (`CHAT_RATE_LIMIT_PER_MINUTE`).
 *
 * @example router.post('/webhooks/rest/webhook', limitRequests({ coordination, name: 'chat', limit: 30, windowSeconds: 60 }), express.json(), handle)
 */
export function limitRequests(options: AddressLimitOptions): RequestHandler {
  return async (req, res, next) => {
    if (options.limit === 0) return next();
    const taken = await options.coordination.take([budgetOf(options, req)]);
    if (!taken.taken) throw tooMany(res, taken.retryAfterSeconds, 'requests');
    next();
  };
}

/** Counts one failed verification against the caller's address; throws 429 with Retry-After once the budget is spent. */
export type FailedVerificationCharge = (req: Request, res: Response) => Promise<void>;

/**
 * For platform webhooks (Messenger, Zalo): a delivery whose signature verifies is never limited, whatever the volume
 * (the platforms send a great deal from few addresses). Only failed verifications count, per address: the router
 * charges one before refusing a delivery (401/403), and once the address has spent its budget the charge itself
 * refuses with 429 and Retry-After, so nobody can probe signatures at speed. `limit: 0` turns it off.
 */
export function failedVerificationBudget(options: AddressLimitOptions): FailedVerificationCharge {
  return async (req, res) => {
    if (options.limit === 0) return;
    const taken = await options.coordination.take([budgetOf(options, req)]);
    if (!taken.taken) throw tooMany(res, taken.retryAfterSeconds, 'deliveries that fail verification');
  };
}
