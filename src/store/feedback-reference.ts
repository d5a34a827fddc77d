/** Prefix of every feedback reference ("phản ánh"), read out to citizens over the phone. */
export const FEEDBACK_REFERENCE_PREFIX = 'PA';

// Vietnam has used UTC+7 without daylight saving since 1975, so a fixed offset is exact.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The Vietnamese calendar day of `at` as YYYYMMDD: references restart each local day, not each UTC day. */
export function feedbackDay(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Formats a reference such as `PA-20261127-0042`; past 9999 a day the number simply grows wider. */
export function formatFeedbackReference(day: string, sequence: number): string {
  return `${FEEDBACK_REFERENCE_PREFIX}-${day}-${String(sequence).padStart(4, '0')}`;
}
