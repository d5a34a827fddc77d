/** The Vietnamese calendar day the activity counters file a turn under. */
import { isoString } from '../util/iso-time';

// Vietnam has used UTC+7 without daylight saving since 1975, so a fixed offset is exact.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** `at` as YYYY-MM-DD in Vietnam. */
export function activityDay(at: Date): string {
  return isoString(at.getTime() + VIETNAM_OFFSET_MS).slice(0, 10);
}
