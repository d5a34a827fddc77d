/** When officers are on duty to answer hand-offs: weekly hours in Vietnam time, minus holidays. */
import type { TFunction } from 'i18next';
import { formatVietnamDate } from '../dossiers/format-date';
import { vietnamDay, vietnamMidnight } from '../dossiers/instant';
import { localWeekMinute, openAt, WEEKDAYS, type WeeklyHours } from '../knowledge/hours';

/** Officers' working hours (HANDOFF_HOURS) and the days nobody is on duty (HANDOFF_HOLIDAYS, YYYY-MM-DD). */
export interface DutySchedule {
  hours: WeeklyHours;
  holidays: readonly string[];
}

/** Whether an officer is on duty at `at`, and if not, when the next working session starts. */
export type DutyStatus = { onDuty: true } | { onDuty: false; next?: Date };

// Far enough to cross any run of holidays (Tết is about a week); a schedule with no session in a year has none.
const LOOKAHEAD_DAYS = 366;
const DAY_MS = 24 * 3600_000;

/** On duty now, or the start of the next working session. */
export function dutyAt(schedule: DutySchedule, at: Date): DutyStatus {
  const holiday = (day: string) => schedule.holidays.includes(day);
  if (!holiday(vietnamDay(at)) && openAt(schedule.hours, at)) return { onDuty: true };
  const today = vietnamMidnight(vietnamDay(at));
  for (let i = 0; i <= LOOKAHEAD_DAYS; i++) {
    const midnight = new Date(today.getTime() + i * DAY_MS);
    if (holiday(vietnamDay(midnight))) continue;
    const { day } = localWeekMinute(midnight);
    const starts = schedule.hours
      .filter((rule) => rule.days.includes(day))
      .flatMap((rule) => rule.ranges.map((r) => new Date(midnight.getTime() + r.from * 60_000)))
      .filter((start) => start > at)
      .sort((a, b) => a.getTime() - b.getTime());
    if (starts[0]) return { onDuty: false, next: starts[0] };
  }
  return { onDuty: false };
}

/** The hours in the citizen's words, e.g. "Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00". */
export function describeHours(t: TFunction, hours: WeeklyHours): string {
  return hours
    .map((rule) => {
      const ranges = rule.ranges.map((r) => `${clock(r.from)}–${clock(r.to)}`).join(', ');
      return t('handoff:hours.rule', { days: describeDays(t, rule.days), ranges });
    })
    .join('; ');
}

/** The start of a session in the citizen's words, e.g. "07:30 Thứ Hai 13/04/2026". */
export function describeSession(t: TFunction, start: Date): string {
  const { day, minute } = localWeekMinute(start);
  return t('handoff:hours.session', { time: clock(minute), day: t(`handoff:days.${day}`), date: formatVietnamDate(start) });
}

/** Consecutive days as a range ("Thứ Hai – Thứ Sáu"), others listed. */
function describeDays(t: TFunction, days: readonly string[]): string {
  const indexes = [...new Set(days.map((d) => WEEKDAYS.indexOf(d as (typeof WEEKDAYS)[number])))].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const i of indexes) {
    const run = runs.at(-1);
    if (run && run.at(-1) === i - 1) run.push(i);
    else runs.push([i]);
  }
  const name = (i: number) => t(`handoff:days.${WEEKDAYS[i]}`);
  return runs.map((run) => (run.length > 2 ? `${name(run[0]!)} – ${name(run.at(-1)!)}` : run.map(name).join(', '))).join(', ');
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
