import type { Coordination } from '../coordination';

/** How long a platform message id is remembered for de-duplication: longer than any platform's retry ladder. */
const DEDUPE_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The door every inbound event passes: duplicates (webhook redeliveries) are dropped and each
 * conversation's events run one at a time, in arrival order, across every instance.
 */
export class Inbox {
  constructor(private readonly coordination: Coordination) {}

  /** Runs `turn` for the conversation; answers undefined without running it when `messageId` was already handled. */
  async deliver<T>(channel: string, conversationId: string, messageId: string | undefined, turn: () => Promise<T>): Promise<T | undefined> {
    if (messageId && !(await this.coordination.firstSeen(`${channel}:msg:${messageId}`, DEDUPE_TTL_SECONDS))) return undefined;
    return this.coordination.withLock(`${channel}:conv:${conversationId}`, turn);
  }
}
