import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';

const at = (iso: string) => new Date(iso);

/** The counters behind the staff charts: per Vietnamese day, channel and intent. */
export function activityContract(store: () => Store): void {
  describe('activity', () => {
    it('counts questions and the unanswered per day and channel, each citizen once a day, on Vietnam days', async () => {
      const a = store().activity;
      // 2026-03-01T17:30Z is already 2 March in Vietnam.
      await a.record({ channel: 'zalo', userId: 'z1', intent: 'procedure_fee', answered: true, at: at('2026-03-01T10:00:00Z') });
      await a.record({ channel: 'zalo', userId: 'z1', intent: 'procedure_fee', answered: true, at: at('2026-03-01T11:00:00Z') });
      await a.record({ channel: 'zalo', userId: 'z2', intent: 'out_of_scope', answered: false, at: at('2026-03-01T12:00:00Z') });
      await a.record({ channel: 'rest', userId: 'w1', intent: 'human_agent', answered: true, at: at('2026-03-01T17:30:00Z') });
      await Promise.all(Array.from({ length: 5 }, () => a.record({ channel: 'rest', userId: 'w1', intent: 'procedure_fee', answered: true, at: at('2026-03-02T02:00:00Z') })));
      assert.deepEqual(await a.daily('2026-03-01', '2026-03-02'), [
        { day: '2026-03-01', channel: 'zalo', conversations: 2, questions: 3, unanswered: 1 },
        { day: '2026-03-02', channel: 'rest', conversations: 1, questions: 6, unanswered: 0 },
      ]);
      assert.deepEqual(await a.daily('2026-03-02', '2026-03-02'), [{ day: '2026-03-02', channel: 'rest', conversations: 1, questions: 6, unanswered: 0 }]);
      assert.deepEqual(await a.topIntents('2026-03-01', '2026-03-02', 5), [
        { intent: 'procedure_fee', questions: 7 },
        { intent: 'human_agent', questions: 1 },
      ]);
      assert.deepEqual(await a.topIntents('2026-03-01', '2026-03-02', 1), [{ intent: 'procedure_fee', questions: 7 }]);
      assert.deepEqual(await a.daily('2026-04-01', '2026-04-30'), []);
    });
  });
}
