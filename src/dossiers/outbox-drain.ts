import type { Reply } from '../bot/reply';
import type { ChannelUser, OutboxMessage, OutboxRepository } from '../store/ports';

/** Takes a user's waiting messages as replies, marking them delivered so they are never shown twice. */
export type OutboxDrain = (user: ChannelUser) => Promise<Reply[]>;

export interface OutboxDrainOptions {
  /** Most messages shown in one go; the rest wait for the next visit. */
  limit?: number;
  /** How long claimed messages stay hidden from another drain if this one dies before marking them. */
  leaseMs?: number;
}

/**
 * For channels that answer inside the citizen's own request (the web chat): claim, render, mark delivered, answer.
 * Marking happens before the HTTP answer is written, so a dropped connection loses a notice rather than repeating
 * it: "never twice" wins over "always". Kinds `render` does not know are left for a channel that does.
 */
export function createOutboxDrain(outbox: OutboxRepository, render: (m: OutboxMessage) => Reply | undefined, options: OutboxDrainOptions = {}): OutboxDrain {
  const limit = options.limit ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  return async (user) => {
    const claimed = await outbox.claim(user, limit, leaseMs);
    const replies: Reply[] = [];
    const delivered: string[] = [];
    for (const m of claimed) {
      const reply = render(m);
      if (!reply) continue;
      replies.push(reply);
      delivered.push(m.id);
    }
    if (delivered.length > 0) await outbox.markDelivered(delivered);
    return replies;
  };
}
