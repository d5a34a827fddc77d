import { randomUUID } from 'node:crypto';
import type { Button, Reply } from '../../bot/reply';
import type { OutboxMessage, OutboxRepository } from '../../store/ports';
import type { ChannelSender } from '../outbound/channel-sender';
import { REST_CHANNEL } from './rest-adapter';

/** The outbox kind of a reply already drawn in the citizen's language (an officer's message, a hand-off notice). */
export const QUEUED_REPLY_KIND = 'reply';

/**
 * The web chat's outbound door: a page cannot be called, so messages wait in the durable outbox until the page asks
 * (`GET /webhooks/rest/pending`) or the citizen writes again. No window closes on the web, so every purpose is queued.
 */
export function createRestSender(outbox: OutboxRepository): ChannelSender {
  return {
    channel: REST_CHANNEL,
    async send(userId, replies, purpose) {
      const messageIds: string[] = [];
      for (const reply of replies) {
        const key = `${purpose}:${randomUUID()}`;
        const data: Record<string, unknown> = { text: reply.text, ...(reply.buttons?.length ? { buttons: reply.buttons } : {}) };
        await outbox.enqueue({ key, channel: REST_CHANNEL, userId, kind: QUEUED_REPLY_KIND, data });
        messageIds.push(key);
      }
      return { ok: true, messageIds };
    },
  };
}

/** A queued reply back as a Reply (undefined for other kinds); anything malformed is left undelivered rather than shown broken. */
export function renderQueuedReply(message: OutboxMessage): Reply | undefined {
  if (message.kind !== QUEUED_REPLY_KIND) return undefined;
  const { text, buttons } = message.data as { text?: unknown; buttons?: unknown };
  if (typeof text !== 'string') return undefined;
  if (!Array.isArray(buttons)) return { text };
  const valid = buttons.filter((b): b is Button => typeof b?.title === 'string' && typeof b?.payload === 'string');
  return valid.length ? { text, buttons: valid.map((b) => ({ title: b.title, payload: b.payload })) } : { text };
}
