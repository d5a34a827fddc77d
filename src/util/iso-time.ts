/**
 * `Date.prototype.toISOString`'s text, character for character, without its cost: V8 formats every date through a
 * printf-style formatter (~7,000 instructions), and a web-chat turn formats about ten (its lines, its memory's
 * `updated_at`, the contact's interaction, the outbox read, the chart's day, the log line's time; docs/performance.md,
 * tenth round). The part up to the minute is kept for the minute last formatted; seconds and milliseconds are written
 * each time. Outside 1970–9999 (and for an invalid date) the built-in formats it, and throws as it does.
 */

// 10000-01-01T00:00:00.000Z: from there on the built-in writes a six-digit year.
const YEAR_10000 = 253_402_300_800_000;

let minute = Number.NaN;
let upToMinute = '';

/** The ISO 8601 text of a time in milliseconds since the epoch, exactly as `new Date(ms).toISOString()` writes it. */
export function isoString(ms: number): string {
  const m = Math.floor(ms / 60_000);
  if (m !== minute) {
    if (!(ms >= 0 && ms < YEAR_10000)) return new Date(ms).toISOString();
    upToMinute = new Date(m * 60_000).toISOString().slice(0, 17);
    minute = m;
  }
  const inMinute = ms - m * 60_000;
  const s = Math.floor(inMinute / 1000);
  const milli = Math.floor(inMinute - s * 1000);
  return `${upToMinute}${s < 10 ? '0' : ''}${s}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** `date.toISOString()`, the same text (see `isoString`). */
export function isoTime(date: Date): string {
  return isoString(date.getTime());
}
