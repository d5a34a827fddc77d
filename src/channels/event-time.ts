/** Platforms began sending events well after this; an earlier time is a broken field, not an old message. */
const EARLIEST_MS = Date.UTC(2010, 0, 1);
/** Clocks drift a little; an event further ahead than this is a broken field. */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * A platform's event time (epoch milliseconds), or now when it is missing, absurd or ahead of us. The time opens the
 * citizen's messaging window and stamps stored rows, so it must always be a real date: `new Date(1e308)` is not, and
 * would fail every write that stores it.
 */
export function eventTime(ms: number, now: Date = new Date()): Date {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= now.getTime() + FUTURE_SKEW_MS ? new Date(ms) : now;
}
