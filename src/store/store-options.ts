/** Answers the current time; injected so tests can cross midnight and age records without waiting. */
export type Clock = () => Date;

/** Tuning shared by every adapter factory. */
export interface StoreOptions {
  /** Defaults to the system clock. */
  now?: Clock;
  /**
   * What the store runs beside the requests (SQLite: its WAL checkpoints' worker thread) waits for `startBackground()`
   * instead of starting with the store: a server's start calls it once it listens (src/main.ts).
   */
  deferBackground?: boolean;
}

/** The wall clock used when no other is given. */
export const systemClock: Clock = () => new Date();
