import type { Coordination } from '../coordination';
import type { SeenClaim, SeenEventLog } from '../store/ports';

/**
 * One attempt at processing a journaled delivery, as the inbox sees it (src/channels/delivery-journal.ts): which events
 * earlier failed attempts decided, and the claim under which this one marks events seen.
 */
export interface DeliveryAttempt {
  readonly claim: SeenClaim;
  /** Whether an earlier attempt at this delivery decided the event (ran its turn, or found it already seen). */
  decidedBefore(eventKey: string): boolean;
  /** This attempt decided the event: its turn starts now, or it was found already seen. */
  decide(eventKey: string): void;
}

/** How long a platform message id is remembered for de-duplication: longer than any platform's retry ladder. */
const DEDUPE_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The door every inbound event passes: duplicates (webhook redeliveries) are dropped and each
 * conversation's events run one at a time, in arrival order, across every instance.
 * Seen ids live in Redis when it is configured (shared by instances), otherwise in the store (they survive a restart).
 */
export class Inbox {
  private running = 0;

  constructor(
    private readonly coordination: Coordination,
    private readonly seen: SeenEventLog = coordination,
  ) {}

  /**
   * Runs `turn` for the conversation; answers undefined without running it when `messageId` was already handled.
   * `attempt`: the journaled delivery's attempt the event comes from (none for events outside the journal).
   */
  async deliver<T>(channel: string, conversationId: string, messageId: string | undefined, turn: () => Promise<T>, attempt?: DeliveryAttempt): Promise<T | undefined> {
    this.running += 1;
    try {
      return await this.deliverNow(channel, conversationId, messageId, turn, attempt);
    } finally {
      this.running -= 1;
    }
  }

  /** Turns running or waiting for their conversation in this process (a metric). */
  get inProgress(): number {
    return this.running;
  }

  private async deliverNow<T>(channel: string, conversationId: string, messageId: string | undefined, turn: () => Promise<T>, attempt?: DeliveryAttempt): Promise<T | undefined> {
    const lockKey = `${channel}:conv:${conversationId}`;
    if (messageId && this.seen === this.coordination) {
      // The same steps as below, the lock and the mark in one round trip (Redis: one command instead of two).
      const key = `${channel}:msg:${messageId}`;
      if (attempt?.decidedBefore(key)) return undefined;
      const outcome = await this.coordination.withLockIfFirstSeen(lockKey, { id: key, ttlSeconds: DEDUPE_TTL_SECONDS, claim: attempt?.claim }, () => {
        attempt?.decide(key);
        return turn();
      });
      if (outcome.first) return outcome.value;
      attempt?.decide(key);
      return undefined;
    }
    // Nothing to mark (the web chat's messages carry no platform id): the turn itself is what waits for the lock.
    if (!messageId) return this.coordination.withLock(lockKey, turn);
    return this.coordination.withLock(lockKey, async () => {
      // Marked when its turn starts, not when it arrives: an event still queued when the process dies stays unseen,
      // so replaying its delivery from the journal runs it; one already started is not run twice.
      const key = `${channel}:msg:${messageId}`;
      // Decided by a failed attempt at this delivery: kept in the journal, so it holds even if Redis lost the mark.
      if (attempt?.decidedBefore(key)) return undefined;
      const first = await this.seen.firstSeen(key, DEDUPE_TTL_SECONDS, attempt?.claim);
      // Only once the mark's answer is known: a mark whose answer was lost is left for the replay to reclaim.
      attempt?.decide(key);
      if (!first) return undefined;
      return turn();
    });
  }
}
