import assert from 'node:assert/strict';
import { describeHours, describeSession, dutyAt, type DutySchedule } from '../../src/handoff/duty-hours';
import { parseHours, type WeeklyHours } from '../../src/knowledge/hours';
import { en, vi } from '../support/locale';

const hours = (cell: string): WeeklyHours => {
  const parsed = parseHours(cell);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};
/** An instant given in Vietnam time. */
const local = (iso: string) => new Date(`${iso}+07:00`);

describe('duty hours of the hand-off desk', () => {
  const weekdays: DutySchedule = { hours: hours('mon-fri 07:30-11:30,13:30-17:00|sat 07:30-11:30'), holidays: ['2026-09-01', '2026-09-02'] };

  const cases: [string, string, string | 'on duty'][] = [
    ['opening minute', '2026-04-13T07:30', 'on duty'],
    ['last minute of the morning', '2026-04-13T11:29', 'on duty'],
    ['the morning session ends at 11:30', '2026-04-13T11:30', '2026-04-13T13:30'],
    ['before dawn', '2026-04-13T05:00', '2026-04-13T07:30'],
    ['Friday evening goes to Saturday morning', '2026-04-17T18:00', '2026-04-18T07:30'],
    ['Saturday afternoon goes to Monday', '2026-04-18T12:00', '2026-04-20T07:30'],
    ['a holiday that falls on a weekday is off', '2026-09-01T09:00', '2026-09-03T07:30'],
    ['the evening before a holiday skips it', '2026-08-31T20:00', '2026-09-03T07:30'],
    ['late on Sunday, near midnight in Vietnam but not in UTC', '2026-04-19T23:59', '2026-04-20T07:30'],
  ];
  for (const [what, at, expected] of cases) {
    it(`${what}: ${at} → ${expected}`, () => {
      const status = dutyAt(weekdays, local(at));
      if (expected === 'on duty') assert.deepEqual(status, { onDuty: true });
      else assert.deepEqual(status, { onDuty: false, next: local(expected) });
    });
  }

  it('answers no next session when holidays cover every working day within a year', () => {
    const allYear = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 3, 13 + i)).toISOString().slice(0, 10));
    assert.deepEqual(dutyAt({ hours: hours('mon 08:00-09:00'), holidays: allYear }, local('2026-04-13T10:00')), { onDuty: false });
  });

  it('says the hours and the next session in the citizen\'s language', () => {
    assert.equal(describeHours(vi, weekdays.hours), 'Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00; Thứ Bảy: 07:30–11:30');
    assert.equal(describeHours(en, hours('mon,wed,sat-sun 08:00-12:00')), 'Monday, Wednesday, Saturday, Sunday: 08:00–12:00');
    assert.equal(describeHours(vi, hours('mon-tue 08:00-12:00')), 'Thứ Hai, Thứ Ba: 08:00–12:00');
    assert.equal(describeSession(vi, local('2026-04-20T07:30')), '07:30 Thứ Hai 20/04/2026');
    assert.equal(describeSession(en, local('2026-04-20T13:30')), '13:30 on Monday 20/04/2026');
  });
});
