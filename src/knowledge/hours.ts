/** Structured opening hours: parsing the directory's `hours` cell and answering "open at?". */

/** Day ids used in the hours cell, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A day id. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening ranges (minutes after local midnight, `to` exclusive) for a set of days. */
export interface HoursRule {
  days: Weekday[];
  ranges: Array<{ from: number; to: number }>;
}

/** A week of opening hours, in Asia/Ho_Chi_Minh local time. */
export type WeeklyHours = HoursRule[];

/** The time zone all directory hours are written in. */
export const OFFICE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutes(hhmm: string): number | undefined {
  const m = TIME.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

function parseDays(spec: string): Weekday[] | string {
  const days = new Set<Weekday>();
  for (const part of spec.split(',')) {
    const [a, b] = part.split('-');
    const from = WEEKDAYS.indexOf(a as Weekday);
    const to = b === undefined ? from : WEEKDAYS.indexOf(b as Weekday);
    if (from < 0 || to < 0 || to < from) return `bad days "${part}" (use mon..sun, e.g. mon-fri or sat)`;
    for (let i = from; i <= to; i++) days.add(WEEKDAYS[i]);
  }
  return [...days];
}

/**
 * Parses an hours cell such as `mon-fri 07:30-11:30,13:30-17:00|sat 07:30-11:30`.
 * Returns the rules, or an error message naming the bad part.
 */
export function parseHours(cell: string): WeeklyHours | string {
  const rules: WeeklyHours = [];
  for (const group of cell.split('|').map((g) => g.trim()).filter(Boolean)) {
    const [daySpec, rangeSpec, ...rest] = group.split(/\s+/);
    if (!rangeSpec || rest.length > 0) return `bad group "${group}" (expected "<days> <hh:mm-hh:mm>[,<hh:mm-hh:mm>]")`;
    const days = parseDays(daySpec);
    if (typeof days === 'string') return days;
    const ranges: HoursRule['ranges'] = [];
    for (const range of rangeSpec.split(',')) {
      const [a, b] = range.split('-');
      const from = minutes(a ?? '');
      const to = minutes(b ?? '');
      if (from === undefined || to === undefined || to <= from) return `bad time range "${range}" (expected hh:mm-hh:mm)`;
      ranges.push({ from, to });
    }
    rules.push({ days, ranges });
  }
  return rules.length > 0 ? rules : 'empty hours';
}

const weekdayFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: OFFICE_TIME_ZONE,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The local weekday and minute-of-day of an instant, in the office time zone. */
export function localWeekMinute(date: Date): { day: Weekday; minute: number } {
  const parts = Object.fromEntries(weekdayFormat.formatToParts(date).map((p) => [p.type, p.value]));
  const day = String(parts.weekday).toLowerCase().slice(0, 3) as Weekday;
  return { day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** True/false when the hours say whether the office is open at that instant. */
export function openAt(hours: WeeklyHours, date: Date): boolean {
  const { day, minute } = localWeekMinute(date);
  return hours.some((rule) => rule.days.includes(day) && rule.ranges.some((r) => minute >= r.from && minute < r.to));
}
