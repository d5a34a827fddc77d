import type { Reply } from '../../bot/reply';
import type { Coordination } from '../../coordination';
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
  /** The kinds `render` draws: the start-up sweep visits only citizens for whom one of them waits. */
  kinds: readonly string[];
  /** Lets one instance sweep for all that start together. */
  coordination: Pick<Coordination, 'withLock' | 'flagSeconds' | 'setFlag'>;
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

/** Instances starting within this long of a sweep leave the outbox to it (a rolling restart, several at once). */
const SWEEP_CLAIM_SECONDS = 10 * 60;
const SWEEP_KEY = 'outbox:start-up-sweep';
/** Citizens read from the store at a time by the sweep, each page pushed before the next is read. */
const SWEEP_PAGE = 100;

/**
 * Sends what waits in the outbox for a platform citizen at once, when the platform allows it. Each message is claimed
 * and marked delivered before its send ("never twice" wins over "always": a crash mid-send loses it), and put back
 * when the platform refused it without showing it (outside its window, unreachable, a failure): the citizen's next
 * answer then opens with it. A message refused for good (`rejected`) is not put back, or it would spoil that answer.
 */
export class OutboxPush {
  private readonly queued = new Map<string, ChannelUser>();
  private readonly inFlight = new Set<Promise<void>>();
  private sweeping: Promise<number> | undefined;
  private closed = false;

  constructor(private readonly options: OutboxPushOptions) {}

  /**
   * At start-up: pushes what waited for platform citizens (notices queued before a crash, answers kept while a
   * platform was down), by the rules of every push: inside the window it is sent, outside it waits for the citizen's
   * next message. One instance sweeps for every instance starting within SWEEP_CLAIM_SECONDS; even two sweeps never
   * send a message twice, since each message is claimed and marked delivered before its send. Answers how many
   * citizens this instance visited (0 when another instance sweeps).
   */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepOnce();
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    const { coordination, outbox, senders, kinds } = this.options;
    // The lock only guards the claim: a sweep may outlast any lock's lifetime.
    const ours = await coordination.withLock(SWEEP_KEY, async () => {
      if ((await coordination.flagSeconds(SWEEP_KEY)) > 0) return false;
      await coordination.setFlag(SWEEP_KEY, SWEEP_CLAIM_SECONDS);
      return true;
    });
    if (!ours) return 0;
    let visited = 0;
    let after: ChannelUser | undefined;
    while (!this.closed) {
      const page = await outbox.recipients([...senders.keys()], kinds, SWEEP_PAGE, after);
      for (const user of page) this.schedule(user);
      visited += page.length;
      await this.pushed();
      if (page.length < SWEEP_PAGE) break;
      after = page.at(-1);
    }
    if (visited > 0) this.options.logger.info({ citizens: visited }, 'start-up sweep: pushed what waited in the outbox where the platforms allow');
    return visited;
  }

  /** Asks for `user`'s waiting messages to be sent; returns at once. Several asks for one citizen make one push. */
  schedule(user: ChannelUser): void {
    if (!this.options.senders.has(user.channel)) return;
    this.queued.set(`${user.channel}\u0000${user.userId}`, user);
    this.pump();
  }

  /** Resolves once every push asked for so far, and the start-up sweep, are done. */
  async idle(): Promise<void> {
    await this.sweeping?.catch(() => undefined);
    await this.pushed();
  }

  /** Stops the start-up sweep after the page in hand (the rest waits for the next start or message); then idle. */
  close(): Promise<void> {
    this.closed = true;
    return this.idle();
  }

  private async pushed(): Promise<void> {
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
