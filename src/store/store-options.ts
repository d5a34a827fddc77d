/** Answers the current time; injected so tests can cross midnight and age records without waiting. */
export type Clock = () => Date;

/** Tuning shared by every adapter factory. */
export interface StoreOptions {
  /** Defaults to the system clock. */
  now?: Clock;
}

/** The wall clock used when no other is given. */
export const systemClock: Clock = () => new Date();
