import assert from 'node:assert/strict';
import { mergeWindow, takeLegacyLines, windowLines } from '../../src/bot/conversation-lines';

const line = (at: string, from: 'citizen' | 'bot', text: string) => ({ at, from, text });

describe('conversation lines: the window and memory written by older versions', () => {
  it('takes the lines an older version kept out of the memory, ignoring what is not a line', () => {
    const memory: { locale: string; recent?: unknown } = {
      locale: 'vi',
      recent: [line('2026-04-13T01:00:00.000Z', 'citizen', 'a'), { from: 'bot' }, null, line('bad date', 'bot', 'x'), line('2026-04-13T01:00:01.000Z', 'officer' as never, 'y'), line('2026-04-13T01:00:02.000Z', 'bot', 'b')],
    };
    assert.deepEqual(takeLegacyLines(memory), [line('2026-04-13T01:00:00.000Z', 'citizen', 'a'), line('2026-04-13T01:00:02.000Z', 'bot', 'b')]);
    assert.deepEqual(memory, { locale: 'vi' }, 'gone from the memory');
    assert.equal(takeLegacyLines(memory), undefined, 'nothing to move the next time');
    const odd: { recent?: unknown } = { recent: 'not a list' };
    assert.deepEqual(takeLegacyLines(odd), []);
    assert.deepEqual(odd, {});
  });

  it('merges moved lines with the stored ones in time order, the newest eight', () => {
    const stored = [{ at: new Date('2026-04-13T02:00:00.000Z'), from: 'citizen' as const, text: 's1' }, { at: new Date('2026-04-13T02:00:00.000Z'), from: 'bot' as const, text: 's2' }];
    const legacy = Array.from({ length: 7 }, (_, i) => line(`2026-04-13T01:00:0${i}.000Z`, i % 2 ? 'bot' : 'citizen', `l${i}`));
    assert.deepEqual(mergeWindow(legacy, stored).map((l) => l.text), ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 's1', 's2']);
    assert.deepEqual(mergeWindow(undefined, stored), [line('2026-04-13T02:00:00.000Z', 'citizen', 's1'), line('2026-04-13T02:00:00.000Z', 'bot', 's2')]);
  });

  it('cuts a long line at 500 characters, as the transcript always showed it', () => {
    const [cut, short] = windowLines([line('2026-04-13T01:00:00.000Z', 'bot', 'x'.repeat(600)), line('2026-04-13T01:00:00.000Z', 'bot', 'ngắn')]);
    assert.equal(cut!.text, `${'x'.repeat(500)}…`);
    assert.equal(short!.text, 'ngắn');
  });
});
