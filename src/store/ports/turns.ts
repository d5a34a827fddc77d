/** What one finished turn leaves in storage, handed over at once so a store with transactions commits it in one. */
import type { TurnActivity } from './activity';
import type { ChannelUser, HandoffRecord } from './conversation-records';
import type { RecentLinesAppend } from './recent-lines';
import type { StateRecord } from './state';

/** What a turn reads of storage before it runs, read together (`TurnReader.read`). */
export interface TurnContextRead<T = unknown> {
  /** The conversation's memory, as `StateStore.read(key)` answers it. */
  state: StateRecord<T> | undefined;
  /**
   * The citizen's open hand-off, as `HandoffRepository.findOpen` answers it: read from storage on every turn, never
   * kept between turns, since another process sharing the store may open one (the old and new process of a restart).
   */
  openHandoff: HandoffRecord | undefined;
  /** Whether messages wait for the citizen that `OutboxRepository.claim` would take now (`OutboxRepository.claimable`). */
  outboxWaiting: boolean;
}

/**
 * The start of every turn: what it needs to know, in one call. On SQLite one statement, so one read transaction (in WAL
 * mode each takes and drops a read mark of the shared memory, two system calls) instead of three
 * (docs/performance.md, one-read round); on MongoDB the three queries at once.
 */
export interface TurnReader {
  read<T = unknown>(key: string, user: ChannelUser): Promise<TurnContextRead<T>>;
}

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

/** A turn's reads at its start and its writes at its end. */
export interface TurnStore extends TurnReader, TurnWriter {}
