import assert from 'node:assert/strict';
import { RECENT_LINE_WINDOW, type RecentLine, type Store } from '../../../src/store';

const at = (iso: string) => new Date(iso);
const web = { channel: 'rest', userId: 'w1' };
const line = (n: number, from: RecentLine['from'] = n % 2 ? 'bot' : 'citizen'): RecentLine => ({ at: at(`2026-12-01T08:00:${String(n).padStart(2, '0')}.000Z`), from, text: `dòng ${n}` });
const lines = (from: number, count: number) => Array.from({ length: count }, (_, i) => line(from + i));
const texts = (l: RecentLine[]) => l.map((x) => x.text);
const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `dòng ${from + i}`);

/** RecentLineStore: a conversation's rolling window of lines, appended per turn, with its personal-data rights. */
export function recentLinesContract(store: () => Store): void {
  describe('recent lines', () => {
    it('answers a conversation\'s newest lines oldest first, keeping only the window however the lines come', async () => {
      assert.equal(RECENT_LINE_WINDOW, 8);
      const s = store().recentLines;
      assert.deepEqual(await s.recent(web, 8), []);
      await s.append({ user: web, lines: [line(0), line(1)] });
      await s.append({ user: web, lines: [] });
      assert.deepEqual(await s.recent(web, 8), [line(0), line(1)], 'dates stay dates, speakers and texts as written');
      await s.append({ user: web, lines: lines(2, 5) });
      assert.deepEqual(texts(await s.recent(web, 8)), numbered(0, 6));
      await s.append({ user: web, lines: lines(7, 3) });
      assert.deepEqual(texts(await s.recent(web, 8)), numbered(2, 9), 'the two oldest dropped out');
      assert.deepEqual(texts(await s.recent(web, 3)), numbered(7, 9));
      await s.append({ user: web, lines: lines(10, 11) });
      assert.deepEqual(texts(await s.recent(web, 100)), numbered(13, 20), 'one append longer than the window keeps its newest');
      // One turn's lines share their time; their order is the order appended.
      const same = at('2026-12-01T09:00:00.000Z');
      await s.append({ user: web, lines: [{ at: same, from: 'citizen', text: 'b' }, { at: same, from: 'bot', text: 'a' }, { at: same, from: 'bot', text: 'c' }] });
      assert.deepEqual(texts(await s.recent(web, 8)), [...numbered(16, 20), 'b', 'a', 'c']);
      assert.deepEqual(texts((await s.exportUser(web)) as RecentLine[]), [...numbered(16, 20), 'b', 'a', 'c'], 'nothing beyond the window is kept');
    });

    it('keeps each conversation apart, the same id on another channel and a longer id included', async () => {
      const s = store().recentLines;
      const others = [{ channel: 'zalo', userId: 'w1' }, { channel: 'rest', userId: 'w10' }, { channel: 'rest', userId: 'x/w1' }];
      await s.append({ user: web, lines: [line(0)] });
      for (const [i, o] of others.entries()) await s.append({ user: o, lines: lines(i + 1, 9) });
      assert.deepEqual(texts(await s.recent(web, 8)), ['dòng 0']);
      for (const [i, o] of others.entries()) assert.deepEqual(texts(await s.recent(o, 8)), numbered(i + 2, i + 9));
      assert.equal(await s.eraseUser(web), 1);
      assert.deepEqual(await s.recent(web, 8), []);
      assert.deepEqual(await s.exportUser(web), []);
      for (const o of others) assert.equal((await s.exportUser(o)).length, 8);
      await s.append({ user: web, lines: [line(5)] });
      assert.deepEqual(texts(await s.recent(web, 8)), ['dòng 5'], 'an erased conversation starts afresh');
    });

    it('ages a conversation\'s lines together, by its newest line', async () => {
      const s = store().recentLines;
      const quiet = { channel: 'rest', userId: 'quiet' };
      const talking = { channel: 'rest', userId: 'talking' };
      await s.append({ user: quiet, lines: [line(0), line(1)] });
      await s.append({ user: talking, lines: [line(2)] });
      await s.append({ user: talking, lines: [{ at: at('2026-12-03T08:00:00.000Z'), from: 'citizen', text: 'hôm nay' }] });
      assert.equal(await s.purgeOlderThan(at('2026-12-02T00:00:00.000Z')), 2, 'the quiet conversation\'s two lines');
      assert.deepEqual(await s.recent(quiet, 8), []);
      assert.deepEqual(texts(await s.recent(talking, 8)), ['dòng 2', 'hôm nay'], 'an older line of a conversation still written goes with it, not before');
      assert.equal(await s.purgeOlderThan(at('2026-12-02T00:00:00.000Z')), 0);
    });

    it('is appended by a finished turn with its memory, and not on a stale eTag', async () => {
      const { turns, recentLines, state } = store();
      const { eTag } = await turns.save({ state: { key: 'rest/w1', data: { v: 1 }, expectedETag: null }, lines: { user: web, lines: [line(0), line(1)] } });
      assert.deepEqual(await recentLines.recent(web, 8), [line(0), line(1)]);
      await state.write('rest/w1', { v: 2 }, eTag);
      await assert.rejects(turns.save({ state: { key: 'rest/w1', data: { v: 'stale' }, expectedETag: eTag }, lines: { user: web, lines: [line(2)] } }));
      assert.deepEqual(texts(await recentLines.recent(web, 8)), ['dòng 0', 'dòng 1'], 'a turn that lost its memory write appends nothing');
      const current = (await state.read('rest/w1'))!.eTag;
      await turns.save({ state: { key: 'rest/w1', data: { v: 3 }, expectedETag: current }, lines: { user: web, lines: lines(3, 8) } });
      assert.deepEqual(texts(await recentLines.recent(web, 8)), ['dòng 1', ...numbered(3, 10)].slice(-8));
    });
  });
}
