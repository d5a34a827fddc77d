import type { Logger } from '../ops/logger';
import type { InboundJournal } from '../store/ports';
import { nextTurnSlot } from './turn-gate';

const RECOVER_BATCH = 50;

export interface DeliveryJournalOptions {
  channel: string;
  journal: InboundJournal;
  /** Hands a delivery's events to the inbox; resolves when they are all handled. A throw keeps it for a replay. */
  process: (delivery: unknown, receivedAt: Date) => Promise<void>;
  logger: Logger;
  /** How long a delivery stays with the process handling it before another may take it over. */
  leaseMs?: number;
  /** How often deliveries left by a dead process are looked for. */
  recoverEveryMs?: number;
  /**
   * How many times processing may start before the delivery is given up (logged and counted, then forgotten). Between
   * failures the delay doubles from `leaseMs`, up to an hour: the default 8 keeps retrying for about three hours.
   */
  maxAttempts?: number;
  /** Told when a delivery is given up (a metric staff alert on). */
  onGiveUp?: (channel: string) => void;
  /** Told how long each delivery's turn held the event loop before its first wait (a metric: what an acknowledgement may wait for). */
  onTurnSlice?: (channel: string, seconds: number) => void;
}

const MAX_RETRY_DELAY_MS = 3600_000;

/**
 * At-least-once between the platform's 200 and the bot: a verified delivery is written to the store before the
 * platform hears 200, processed in the background, and forgotten once its events are handled. Deliveries whose
 * process died are taken over when their lease runs out (at start-up and every `recoverEveryMs`); their events pass
 * the inbox's de-duplication again, so those already handled are not answered twice.
 */
export class DeliveryJournal {
  private readonly inFlight = new Set<Promise<void>>();
  /** Journal ids this process is handling: a lease that runs out meanwhile must not hand them to it twice. */
  private readonly inHand = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: DeliveryJournalOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** Keeps the delivery, then processes it in the background; resolves once it is kept (answer the platform then). */
  async accept(body: string, delivery: unknown): Promise<void> {
    const id = await this.options.journal.add(this.options.channel, body, this.leaseMs);
    this.run(id, delivery, new Date(), 1);
  }

  /** Takes over deliveries a dead process left behind; answers how many it replays. */
  async recover(): Promise<number> {
    const { journal, channel, logger } = this.options;
    let taken = 0;
    for (;;) {
      const batch = await journal.claimAbandoned(channel, RECOVER_BATCH, this.leaseMs);
      for (const entry of batch) {
        if (this.inHand.has(entry.id)) continue;
        if (entry.attempts > this.maxAttempts) {
          // The same failure every time (a bug this body triggers, a store that stays down): stop replaying it.
          logger.error({ channel, journalId: entry.id, attempts: entry.attempts - 1, receivedAt: entry.receivedAt }, 'webhook delivery given up after repeated failures');
          this.options.onGiveUp?.(channel);
          await journal.remove(entry.id);
          continue;
        }
        let delivery: unknown;
        try {
          delivery = JSON.parse(entry.body);
        } catch {
          // Only verified, parsed bodies are kept; one that no longer parses can never be processed.
          logger.error({ channel, journalId: entry.id }, 'unreadable journal entry dropped');
          await journal.remove(entry.id);
          continue;
        }
        this.run(entry.id, delivery, entry.receivedAt, entry.attempts);
        taken++;
      }
      if (batch.length < RECOVER_BATCH) break;
    }
    if (taken > 0) logger.warn({ channel, deliveries: taken }, 'replaying webhook deliveries left unprocessed');
    return taken;
  }

  /** Recovers now and then periodically, until `close`. */
  start(): void {
    const sweep = () => void this.recover().catch((err) => this.options.logger.error({ err, channel: this.options.channel }, 'journal recovery failed'));
    sweep();
    this.timer = setInterval(sweep, this.options.recoverEveryMs ?? 30_000);
    this.timer.unref();
  }

  /** Resolves once every delivery accepted or recovered so far is processed. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops recovering and waits for the deliveries in hand (shutdown). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.idle();
  }

  private run(id: string, delivery: unknown, receivedAt: Date, attempt: number): void {
    const { journal, channel, logger, process } = this.options;
    this.inHand.add(id);
    const work = (async () => {
      // One turn per event-loop iteration (src/channels/turn-gate.ts): the platform's 200, and every request that
      // arrives while a turn runs, go out before the next turn takes the CPU.
      await nextTurnSlot(this.options.onTurnSlice && ((seconds) => this.options.onTurnSlice!(channel, seconds)));
      try {
        await process(delivery, receivedAt);
      } catch (err) {
        const delayMs = Math.min(this.leaseMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
        logger.error({ err, channel, journalId: id, attempt, retryInSeconds: Math.round(delayMs / 1000) }, 'delivery processing failed; kept for a replay');
        await journal.retryLater(id, delayMs).catch((e) => logger.error({ err: e, channel, journalId: id }, 'could not postpone a failed delivery'));
        return;
      }
      await journal.remove(id).catch((err) => logger.error({ err, channel, journalId: id }, 'could not forget a processed delivery'));
    })();
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.inHand.delete(id);
    });
  }
}
