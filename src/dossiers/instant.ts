/** ISO-8601 instants as the one-stop system and staff spreadsheets write them. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Vietnam has no daylight saving: local time is always UTC+7. */
export const VIETNAM_OFFSET = '+07:00';
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/**
 * Parses an ISO-8601 date or date-time; without an offset it is Vietnam time (spreadsheets drop the zone).
 * Answers undefined for anything else, including impossible dates such as 2026-02-30.
 */
export function parseInstant(text: string): Date | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const offset = zone === undefined ? VIETNAM_OFFSET : zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const ms = frac ? `.${frac.padEnd(3, '0').slice(0, 3)}` : '';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date rolls 2026-02-30 over to March; the calendar day must survive the round trip.
  const local = new Date(date.getTime() + (offset === 'Z' ? 0 : offsetMs(offset)));
  if (local.getUTCDate() !== Number(d) || local.getUTCMonth() + 1 !== Number(mo)) return undefined;
  return date;
}

function offsetMs(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 3600_000 + Number(offset.slice(4, 6)) * 60_000);
}

/** The calendar day in Vietnam, `YYYY-MM-DD`. */
export function vietnamDay(date: Date): string {
  return new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight in Vietnam at the start of the given `YYYY-MM-DD`. */
export function vietnamMidnight(day: string): Date {
  return new Date(`${day}T00:00:00${VIETNAM_OFFSET}`);
}
