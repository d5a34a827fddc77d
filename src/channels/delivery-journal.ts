import type { Logger } from '../ops/logger';
import type { DeliveryProgress, InboundJournal } from '../store/ports';
import type { DeliveryAttempt } from './inbox';
import { beforeNextTurn, nextTurnSlot } from './turn-gate';

const RECOVER_BATCH = 50;

export interface DeliveryJournalOptions {
  channel: string;
  journal: InboundJournal;
  /**
   * Hands a delivery's events to the inbox, with `attempt` (Inbox.deliver); resolves when they are all handled. A throw
   * keeps it for a replay, with what this attempt decided.
   */
  process: (delivery: unknown, receivedAt: Date, attempt: DeliveryAttempt) => Promise<void>;
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
  /**
   * How many parsed deliveries may wait in memory for their turn slot. Beyond it, a delivery is only journaled (free
   * for the taking) and loaded back, oldest first, as slots free: a flood costs journal rows, not heap. Its claim
   * counts as a start, so such a delivery has one retry fewer (7 of the default 8).
   */
  maxWaiting?: number;
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
  private readonly maxWaiting: number;
  /** Deliveries in memory waiting for their turn slot, places being taken included. */
  private waitingForSlot = 0;
  /**
   * The journal may hold deliveries for the taking (left there for lack of room, or by a dead process): while it may,
   * new deliveries go there too, behind them, so each citizen's stay in arrival order.
   */
  private backlog = false;
  /** Deliveries being written to the backlog: until they are in, a claim that finds nothing does not prove it empty. */
  private backlogWrites = 0;
  private loading: Promise<number> | undefined;
  private loadAgain = false;
  /** A load waits for its turn slot (loadInSlot). */
  private loadQueued = false;
  private closed = false;

  constructor(private readonly options: DeliveryJournalOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.maxWaiting = options.maxWaiting ?? 500;
  }

  /** Keeps the delivery, then processes it in the background; resolves once it is kept (answer the platform then). */
  async accept(body: string, delivery: unknown): Promise<void> {
    if (this.backlog || this.waitingForSlot >= this.maxWaiting) {
      this.backlog = true;
      this.backlogWrites++;
      try {
        // No lease: the next claim (this process's as slots free, or another instance's) takes it, oldest first.
        await this.keep(body, 0);
      } finally {
        this.backlogWrites--;
      }
      this.loadInSlot();
      return;
    }
    this.waitingForSlot++;
    let id: string;
    try {
      id = await this.keep(body, this.leaseMs);
    } catch (err) {
      this.waitingForSlot--;
      throw err;
    }
    this.run(id, delivery, new Date(), 1);
  }

  /**
   * Writes the delivery to the journal. A store that commits the deliveries of a poll phase together (SQLite) commits
   * them ahead of the next turn, so their 200s do not wait for it (src/channels/turn-gate.ts).
   */
  private keep(body: string, leaseMs: number): Promise<string> {
    const { journal, channel } = this.options;
    const kept = journal.add(channel, body, leaseMs);
    if (journal.flush) beforeNextTurn(journal.flush);
    return kept;
  }

  /** Takes over deliveries waiting in the journal (a dead process left them, or there was no room) as room allows; answers how many. */
  async recover(): Promise<number> {
    this.backlog = true;
    const taken = await this.loadBacklog();
    if (taken > 0) this.options.logger.warn({ channel: this.options.channel, deliveries: taken }, 'replaying webhook deliveries left unprocessed');
    return taken;
  }

  /**
   * Loads the backlog in a turn slot of its own rather than in the acknowledgement's path: a claim is a transaction
   * over the journal (up to 50 rows read and leased), and run from `accept` it ran after the commit and before the
   * 200s of that commit's deliveries (docs/performance.md, "Ack round 3"). One load queued at a time; `idle()` waits for it.
   */
  private loadInSlot(): void {
    if (this.loadQueued) return;
    this.loadQueued = true;
    const load = nextTurnSlot()
      .then(() => {
        this.loadQueued = false;
        return this.loadBacklog();
      })
      // Its failure is logged by loadBacklog; the next delivery or the periodic recovery loads again.
      .then(
        () => undefined,
        () => undefined,
      );
    this.inFlight.add(load);
    void load.finally(() => this.inFlight.delete(load));
  }

  /** One load at a time; a call during one makes it look again once done. */
  private loadBacklog(): Promise<number> {
    if (this.loading) {
      this.loadAgain = true;
      return this.loading;
    }
    const load = (async () => {
      let taken = 0;
      try {
        do {
          this.loadAgain = false;
          taken += await this.claimWhileRoom();
        } while (this.loadAgain);
      } finally {
        this.loading = undefined;
      }
      return taken;
    })();
    this.loading = load;
    load.catch((err: unknown) => this.options.logger.error({ err, channel: this.options.channel }, 'could not load deliveries back from the journal'));
    return load;
  }

  private async claimWhileRoom(): Promise<number> {
    const { journal, channel, logger } = this.options;
    let taken = 0;
    // Once closing, what waits in the journal is left for the next start.
    while (this.backlog && !this.closed) {
      const room = Math.min(RECOVER_BATCH, this.maxWaiting - this.waitingForSlot);
      // Full: a turn starting frees a place and loads again.
      if (room <= 0) break;
      const batch = await journal.claimAbandoned(channel, room, this.leaseMs);
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
        this.waitingForSlot++;
        this.run(entry.id, delivery, entry.receivedAt, entry.attempts, entry.progress);
        taken++;
      }
      if (batch.length < room) {
        // Drained, unless a delivery is still being written to it (its writer loads again once it is in).
        if (this.backlogWrites === 0 && !this.loadAgain) this.backlog = false;
        break;
      }
    }
    return taken;
  }

  /** Recovers now and then periodically, until `close`. */
  start(): void {
    const sweep = () => void this.recover().catch((err) => this.options.logger.error({ err, channel: this.options.channel }, 'journal recovery failed'));
    sweep();
    this.timer = setInterval(sweep, this.options.recoverEveryMs ?? 30_000);
    this.timer.unref();
  }

  /** Resolves once every delivery accepted or recovered so far is processed (those loaded back from the journal included). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.loading) await Promise.allSettled([...this.inFlight, this.loading]);
  }

  /** Stops recovering and waits for the deliveries in hand (shutdown). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.closed = true;
    await this.idle();
  }

  private run(id: string, delivery: unknown, receivedAt: Date, attempt: number, progress?: DeliveryProgress): void {
    const { journal, channel, logger, process } = this.options;
    this.inHand.add(id);
    const decided = new Set(progress?.decided);
    const decidedBefore = new Set(decided);
    const failedAttempts = progress?.failedAttempts ?? [];
    // Marks are owned by this attempt; those of attempts that failed (rather than died mid-turn) and that they did
    // not decide may be taken back: their answer was lost, their turn never started.
    const owner = (n: number) => `${channel}:${id}#${n}`;
    const attemptView: DeliveryAttempt = {
      claim: { owner: owner(attempt), reclaim: failedAttempts.map(owner) },
      decidedBefore: (key) => decidedBefore.has(key),
      decide: (key) => void decided.add(key),
    };
    const work = (async () => {
      // At most one turn per event-loop iteration (src/channels/turn-gate.ts): the platform's 200, and every request that
      // arrives while a turn runs, go out before the next turn takes the CPU.
      await nextTurnSlot(this.options.onTurnSlice && ((seconds) => this.options.onTurnSlice!(channel, seconds)));
      this.waitingForSlot--;
      // Load the next batch while the slots already queued keep the gate busy.
      if (this.backlog && this.maxWaiting - this.waitingForSlot >= Math.min(RECOVER_BATCH, this.maxWaiting)) void this.loadBacklog();
      try {
        const processing = process(delivery, receivedAt, attemptView);
        // Not kept while processing waits: it ends with a send that waits seconds on the platform, and this closure
        // lives until then (docs/performance.md, "What a pending send keeps").
        delivery = undefined;
        await processing;
      } catch (err) {
        const delayMs = Math.min(this.leaseMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
        logger.error({ err, channel, journalId: id, attempt, retryInSeconds: Math.round(delayMs / 1000) }, 'delivery processing failed; kept for a replay');
        const kept: DeliveryProgress = { decided: [...decided], failedAttempts: [...failedAttempts, attempt] };
        await journal.retryLater(id, delayMs, kept).catch((e) => logger.error({ err: e, channel, journalId: id }, 'could not postpone a failed delivery'));
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
