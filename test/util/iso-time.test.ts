import assert from 'node:assert/strict';
import { isoString, isoTime } from '../../src/util/iso-time';

describe('isoString', () => {
  const builtin = (ms: number) => new Date(ms).toISOString();

  it('writes what toISOString writes, across minute, hour, day, month, year and leap-day boundaries', () => {
    const edges = [0, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    for (const edge of edges) {
      for (let d = -1500; d <= 1500; d++) {
        const ms = edge + d;
        if (ms < 0) continue;
        assert.equal(isoString(ms), builtin(ms), String(ms));
      }
    }
  });

  it('writes what toISOString writes for times drawn across 1970–9999, in any order (the kept minute changes each time)', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(next() * 253_402_300_800_000);
      assert.equal(isoString(ms), builtin(ms), String(ms));
    }
  });

  it('writes every millisecond of a minute as toISOString does, after a time of another minute', () => {
    const minute = Date.UTC(2026, 11, 6, 17, 59);
    for (let ms = minute; ms < minute + 60_000; ms++) {
      isoString(ms - 3_600_000);
      assert.equal(isoString(ms), builtin(ms));
    }
  });

  it('leaves years outside 1970–9999 to toISOString (six-digit and negative years), and throws as it does for an invalid date', () => {
    for (const ms of [-1, -62_198_755_200_000, 253_402_300_800_000, 8.64e15]) assert.equal(isoString(ms), builtin(ms));
    assert.throws(() => isoString(Number.NaN), RangeError);
    assert.throws(() => isoTime(new Date('not a date')), RangeError);
  });

  it('isoTime formats a Date', () => {
    const at = new Date('2026-12-06T17:05:09.007Z');
    assert.equal(isoTime(at), '2026-12-06T17:05:09.007Z');
  });
});
