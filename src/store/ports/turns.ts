/** What one finished turn leaves in storage, handed over at once so a store with transactions commits it in one. */
import type { TurnActivity } from './activity';
import type { ChannelUser } from './conversation-records';
import type { RecentLinesAppend } from './recent-lines';

export interface FinishedTurn {
  /** The conversation's memory, written as `StateStore.write(key, data, expectedETag)` does. */
  state: { key: string; data: unknown; expectedETag: string | null | '*' };
  /** The citizen's own action (a message, "Get started"), as `ContactRepository.recordInteraction` records it. */
  interaction?: { user: ChannelUser; at: Date; locale?: string };
  /** A question counted for the staff charts, as `ActivityLog.record` counts it. */
  activity?: TurnActivity;
  /** The lines the turn added to its conversation, as `RecentLineStore.append` appends them; written only with the state. */
  lines?: RecentLinesAppend;
}

/**
 * The end of every turn. The interaction is kept even when the state write meets a newer eTag (then
 * ETagConflictError is thrown, as from `StateStore.write`, and nothing is counted nor appended); the lines are appended
 * with the state (a store with transactions in the same one); a count that fails loses nothing
 * else and comes back as `activityError`, for the caller to log.
 */
export interface TurnWriter {
  save(turn: FinishedTurn): Promise<{ eTag: string; activityError?: unknown }>;
}
