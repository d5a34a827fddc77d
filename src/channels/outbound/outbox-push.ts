import type { Reply } from '../../bot/reply';
import type { Logger } from '../../ops/logger';
import type { ChannelUser, OutboxMessage, OutboxRepository } from '../../store/ports';
import type { Inbox } from '../inbox';
import type { ChannelSender, SendPurpose } from './channel-sender';

export interface OutboxPushOptions {
  outbox: OutboxRepository;
  /** Platform channels' senders by channel name; a citizen of another channel (the web chat) waits for their visit. */
  senders: ReadonlyMap<string, ChannelSender>;
  /** Draws a waiting message in the citizen's language; undefined for a kind it does not know (left for a drain that does). */
  render: (message: OutboxMessage) => Reply | undefined;
  /** Pushes run in the citizen's inbox queue, so a notice never lands between the parts of an answer. */
  inbox: Inbox;
  logger: Logger;
  /** Why these messages go out, for the platform's rules (windows, message types). */
  purpose?: SendPurpose;
  /** Citizens served at once. */
  concurrency?: number;
  /** Most messages sent to one citizen per push; the rest wait for the next push or message. */
  limit?: number;
  /** How long claimed messages stay hidden from other claims if this process dies mid-push. */
  leaseMs?: number;
}

/**
 * Sends what waits in the outbox for a platform citizen at once, when the platform allows it. Each message is claimed
 * and marked delivered before its send ("never twice" wins over "always": a crash mid-send loses it), and put back
 * when the platform refused it without showing it (outside its window, unreachable, a failure): the citizen's next
 * answer then opens with it. A message refused for good (`rejected`) is not put back, or it would spoil that answer.
 */
export class OutboxPush {
  private readonly queued = new Map<string, ChannelUser>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: OutboxPushOptions) {}

  /** Asks for `user`'s waiting messages to be sent; returns at once. Several asks for one citizen make one push. */
  schedule(user: ChannelUser): void {
    if (!this.options.senders.has(user.channel)) return;
    this.queued.set(`${user.channel}\u0000${user.userId}`, user);
    this.pump();
  }

  /** Resolves once every push asked for so far is done. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 4;
    for (const [key, user] of this.queued) {
      if (this.inFlight.size >= concurrency) return;
      this.queued.delete(key);
      const work = this.push(user)
        .catch((err: unknown) => this.options.logger.error({ err, channel: user.channel }, 'outbox push failed; the messages wait for the next one'))
        .finally(() => {
          this.inFlight.delete(work);
          this.pump();
        });
      this.inFlight.add(work);
    }
  }

  private async push(user: ChannelUser): Promise<void> {
    const { outbox, senders, render, inbox, logger } = this.options;
    const sender = senders.get(user.channel)!;
    const purpose = this.options.purpose ?? 'notice';
    await inbox.deliver(user.channel, user.userId, undefined, async () => {
      const claimed = await outbox.claim(user, this.options.limit ?? 10, this.options.leaseMs ?? 60_000);
      for (const [i, message] of claimed.entries()) {
        const reply = render(message);
        if (!reply) continue;
        await outbox.markDelivered([message.id]);
        const result = await sender.send(user.userId, [reply], purpose);
        if (result.ok) continue;
        if (result.failure === 'rejected') {
          logger.error({ channel: user.channel, kind: message.kind, code: result.code, detail: result.detail }, 'the platform refused a waiting message for good; dropped');
          continue;
        }
        // Whatever kept this one back keeps the rest back too: all wait for the citizen's next message.
        await outbox.requeue(claimed.slice(i).map((m) => m.id));
        logger.info({ channel: user.channel, failure: result.failure, waiting: claimed.length - i }, 'waiting messages kept for the citizen\'s next message');
        return;
      }
    });
  }
}
