/** What of an unanswered message may be shown to content editors in the staff console. */

// Four or more digits, possibly split by spaces, dots or dashes: a verification answer, a phone or an ID number.
const DIGIT_RUN = /\d(?:[\s.-]?\d){3,}/g;

/**
 * The text to log for content editors, or undefined when nothing should be logged. A message without a single
 * letter (bare digits: "5678", "0912 345 678") is never logged, whatever the flow; in other messages every run of
 * 4 or more digits is masked, so verification digits and phone numbers never reach the console.
 */
export function loggableText(text: string, maxChars: number): string | undefined {
  const trimmed = text.trim();
  if (!/\p{L}/u.test(trimmed)) return undefined;
  return trimmed.replace(DIGIT_RUN, '••••').slice(0, maxChars);
}
