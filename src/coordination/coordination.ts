import type { SeenClaim } from '../store/ports';

/** What several instances of the assistant must agree on: who runs a conversation's turn, which events were seen, how often. */
export interface Coordination {
  readonly kind: 'memory' | 'redis';
  /**
   * Runs `fn` while holding `key`; calls for the same key run one after another, never together. A lock that cannot be
   * released after `fn` (the store went away) does not fail `fn`'s outcome: it lapses by itself.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /**
   * True the first time `id` is offered within `ttlSeconds` (webhook redeliveries answer false). With a `claim`, also
   * true for an `id` recorded by the same owner or by one it may reclaim (SeenEventLog.firstSeen in src/store/ports).
   */
  firstSeen(id: string, ttlSeconds: number, claim?: SeenClaim): Promise<boolean>;
  /**
   * `withLock(key)` whose work starts with `firstSeen(seen.id, seen.ttlSeconds, seen.claim)`: `fn` runs holding the lock
   * only when the id is seen for the first time (answers `{ first: true, value }`); otherwise the lock is let go at once
   * and `fn` never runs (`{ first: false }`). Redis takes the lock and marks the id in one command (a webhook delivery's
   * round trips: lock and mark, then release), and sending that command again after its answer was lost answers the
   * same. The lock taken is the one `withLock(key)` takes.
   */
  withLockIfFirstSeen<T>(key: string, seen: SeenOffer, fn: () => Promise<T>): Promise<{ first: true; value: T } | { first: false }>;
  /**
   * Takes one unit from every budget, atomically: all of them or none. A budget's window starts with its first unit.
   * Refused when any budget is spent; nothing is taken then.
   */
  take(budgets: readonly Budget[]): Promise<TakeResult>;
  /** Gives one unit back to each budget (a reservation that was not needed); never below zero, windows unchanged. */
  giveBack(keys: readonly string[]): Promise<void>;
  /** Seconds until every budget has a unit to give again (0 when they all have); takes nothing. */
  budgetWait(budgets: readonly Budget[]): Promise<number>;
  /**
   * Counts a failure on `key` and, beyond `policy.free` failures, makes the key wait before the next one, the wait
   * doubling with each further failure. Refused without counting while the key is waiting. Atomic.
   */
  strike(key: string, policy: BackoffPolicy): Promise<StrikeResult>;
  /** Seconds `key` must still wait after its strikes (0 when it may go on). */
  waitSeconds(key: string): Promise<number>;
  /** Forgets the strikes and the wait of `key` (e.g. after a successful sign-in). */
  forgive(key: string): Promise<void>;
  /** Raises `key` for `ttlSeconds` (raising it again restarts the time). */
  setFlag(key: string, ttlSeconds: number): Promise<void>;
  /** Seconds left before `key` falls (0 when it is not raised). */
  flagSeconds(key: string): Promise<number>;
  clearFlag(key: string): Promise<void>;
  /** Throws when the backing service cannot be reached (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** An id offered to `firstSeen`, with its time to live and the claim it is offered under. */
export interface SeenOffer {
  id: string;
  ttlSeconds: number;
  claim?: SeenClaim;
}

/** At most `limit` units per fixed window of `windowSeconds` (fractions allowed), counted under `key`. */
export interface Budget {
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Taken, with the units used so far in each budget (this one included, in the order given); or refused, with the
 * index of the spent budget that frees up last.
 */
export type TakeResult = { taken: true; used: number[] } | { taken: false; retryAfterSeconds: number; spent: number };

/** Back-off: `free` failures without waiting, then `firstWaitSeconds` doubling per failure up to `maxWaitSeconds`. */
export interface BackoffPolicy {
  free: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  /** Failures are forgotten this long after the last one. */
  memorySeconds: number;
}

/** A counted failure (with the wait it started, 0 when none), or a refusal because the key is still waiting. */
export type StrikeResult = { counted: true; strikes: number; waitSeconds: number } | { counted: false; retryAfterSeconds: number };

/** The wait after the `strikes`-th failure under `policy` (0 while within the free failures). */
export function backoffSeconds(policy: BackoffPolicy, strikes: number): number {
  if (strikes <= policy.free) return 0;
  return Math.min(policy.firstWaitSeconds * 2 ** (strikes - policy.free - 1), policy.maxWaitSeconds);
}

/** Raised while the shared coordination store (Redis) cannot be reached: retry shortly, nothing was done. */
export class CoordinationUnavailableError extends Error {
  override name = 'CoordinationUnavailableError';
  constructor(override readonly cause: unknown) {
    super(`Coordination store unreachable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Raised when a lock could not be taken in time (another instance holds it too long). */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  constructor(readonly key: string) {
    super(`Could not lock "${key}" in time`);
  }
}
