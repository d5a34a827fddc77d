import type { Coordination } from '../coordination';
import type { SeenEventLog } from '../store/ports';

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

  /** Runs `turn` for the conversation; answers undefined without running it when `messageId` was already handled. */
  async deliver<T>(channel: string, conversationId: string, messageId: string | undefined, turn: () => Promise<T>): Promise<T | undefined> {
    this.running += 1;
    try {
      return await this.deliverNow(channel, conversationId, messageId, turn);
    } finally {
      this.running -= 1;
    }
  }

  /** Turns running or waiting for their conversation in this process (a metric). */
  get inProgress(): number {
    return this.running;
  }

  private async deliverNow<T>(channel: string, conversationId: string, messageId: string | undefined, turn: () => Promise<T>): Promise<T | undefined> {
    return this.coordination.withLock(`${channel}:conv:${conversationId}`, async () => {
      // Marked when its turn starts, not when it arrives: an event still queued when the process dies stays unseen,
      // so replaying its delivery from the journal runs it; one already started is not run twice.
      if (messageId && !(await this.seen.firstSeen(`${channel}:msg:${messageId}`, DEDUPE_TTL_SECONDS))) return undefined;
      return turn();
    });
  }
}
