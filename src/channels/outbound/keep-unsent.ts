import { randomUUID } from 'node:crypto';
import type { Reply } from '../../bot/reply';
import type { Logger } from '../../ops/logger';
import type { ChannelUser, OutboxRepository } from '../../store/ports';
import { QUEUED_REPLY_KIND } from '../rest/rest-sender';
import type { ChannelSender, SendFailure } from './channel-sender';

/** Failures that pass: the platform was down or slow past our retries, asked us to slow down, or refused our token. */
const PASSING: ReadonlySet<SendFailure> = new Set(['temporary', 'rate_limited', 'quota_exhausted', 'auth']);

export interface KeepUnsentOptions {
  outbox: OutboxRepository;
  /** Asks for the kept answer to be sent again later (the outbox push, after a pause). */
  retry: (user: ChannelUser) => void;
  logger: Logger;
}

/**
 * A platform sender whose answers survive a platform outage: when an answer could not go out at all for a reason that
 * passes (the API down, 429, a refused token), it is kept in the outbox, drawn as it was, and the platform gets it
 * later, by the outbox push or at the top of the citizen's next answer, once. An answer cut off after some of its
 * messages went out is not kept: sending those again would say them twice, and "never twice" wins.
 */
export function keepUnsentReplies(sender: ChannelSender, options: KeepUnsentOptions): ChannelSender {
  return {
    channel: sender.channel,
    async send(userId, replies, purpose) {
      const result = await sender.send(userId, replies, purpose);
      if (result.ok || purpose !== 'reply' || !result.nothingSent || !PASSING.has(result.failure) || replies.length === 0) return result;
      const user = { channel: sender.channel, userId };
      const key = `kept:${randomUUID()}`;
      for (const [i, reply] of replies.entries()) {
        await options.outbox.enqueue({ ...user, key: `${key}:${i}`, kind: QUEUED_REPLY_KIND, data: queued(reply) });
      }
      options.logger.warn({ channel: sender.channel, failure: result.failure, code: result.code, kept: replies.length }, 'answer kept in the outbox until the platform takes it');
      options.retry(user);
      return result;
    },
  };
}

// The shape renderQueuedReply reads back.
const queued = (reply: Reply): Record<string, unknown> => ({ text: reply.text, ...(reply.buttons?.length ? { buttons: reply.buttons } : {}) });
