/** The Vietnamese calendar day the activity counters file a turn under. */

// Vietnam has used UTC+7 without daylight saving since 1975, so a fixed offset is exact.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** `at` as YYYY-MM-DD in Vietnam. */
export function activityDay(at: Date): string {
  // The built-in, not util/iso-time: a time seven hours ahead would evict that formatter's minute on every turn.
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
