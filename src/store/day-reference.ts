/** Human references that citizens read out over the phone: a prefix, the Vietnamese day and that day's number. */

/** Prefix of every feedback reference ("phản ánh"). */
export const FEEDBACK_REFERENCE_PREFIX = 'PA';
/** Prefix of every hand-off reference ("hỗ trợ"): the request to talk to an officer. */
export const HANDOFF_REFERENCE_PREFIX = 'HT';

// Vietnam has used UTC+7 without daylight saving since 1975, so a fixed offset is exact.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The Vietnamese calendar day of `at` as YYYYMMDD: references restart each local day, not each UTC day. */
export function referenceDay(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Formats a reference such as `PA-20261127-0042`; past 9999 a day the number simply grows wider. */
export function formatDayReference(prefix: string, day: string, sequence: number): string {
  return `${prefix}-${day}-${String(sequence).padStart(4, '0')}`;
}
