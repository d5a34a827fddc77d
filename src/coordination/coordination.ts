/** What several instances of the assistant must agree on: who runs a conversation's turn, which events were seen, how often. */
export interface Coordination {
  readonly kind: 'memory' | 'redis';
  /** Runs `fn` while holding `key`; calls for the same key run one after another, never together. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** True the first time `id` is offered within `ttlSeconds` (webhook redeliveries answer false). */
  firstSeen(id: string, ttlSeconds: number): Promise<boolean>;
  /** Counts a hit on `key` in a fixed window of `windowSeconds`; answers the count including this hit. */
  hit(key: string, windowSeconds: number): Promise<number>;
  /** Clears the counter of `key` (e.g. after a successful verification). */
  resetHits(key: string): Promise<void>;
  /** Throws when the backing service cannot be reached (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Raised when a lock could not be taken in time (another instance holds it too long). */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  constructor(readonly key: string) {
    super(`Could not lock "${key}" in time`);
  }
}
