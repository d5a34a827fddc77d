import assert from 'node:assert/strict';
import type { Clock, Store } from '../../../src/store';

/** A clock the test moves by hand. */
export interface ManualClock {
  now: Clock;
  set(iso: string): void;
}

/** Makes a clock that stands still until set. */
export function manualClock(iso: string): ManualClock {
  let current = new Date(iso);
  return { now: () => new Date(current), set: (next) => (current = new Date(next)) };
}

/** Behaviour that depends on the time of writing, driven by the injected clock. */
export function clockContract(store: () => Store, clock: () => ManualClock): void {
  describe('clock', () => {
    it('dates feedback references by the day in Vietnam (UTC+7) and restarts the number each day', async () => {
      clock().set('2026-11-27T16:59:59.999Z'); // 23:59:59.999 in Thái Nguyên
      const lateEvening = await store().feedback.add({ channel: 'web', userId: 'u', text: 'tối' });
      const secondLate = await store().feedback.add({ channel: 'web', userId: 'u', text: 'tối 2' });
      clock().set('2026-11-27T17:00:00.000Z'); // midnight in Thái Nguyên
      const midnight = await store().feedback.add({ channel: 'web', userId: 'u', text: 'nửa đêm' });
      assert.deepEqual(
        [lateEvening, secondLate, midnight].map((f) => f.reference),
        ['PA-20261127-0001', 'PA-20261127-0002', 'PA-20261128-0001'],
      );
      assert.deepEqual(midnight.createdAt, new Date('2026-11-27T17:00:00.000Z'));
      assert.deepEqual((await store().feedback.list(5)).map((f) => f.text), ['nửa đêm', 'tối 2', 'tối']);
    });

    it('dates hand-off references by the day in Vietnam and restarts the number each day', async () => {
      const ask = (userId: string) => store().handoffs.open({ channel: 'web', userId, locale: 'vi', reason: 'human_agent', transcript: [] });
      clock().set('2026-11-27T16:59:59.999Z');
      const late = (await ask('a')).record;
      const secondLate = (await ask('b')).record;
      clock().set('2026-11-27T17:00:00.000Z');
      const midnight = (await ask('c')).record;
      assert.deepEqual([late, secondLate, midnight].map((h) => h.id), ['HT-20261127-0001', 'HT-20261127-0002', 'HT-20261128-0001']);
    });

    it('stamps hand-offs and unanswered questions with the time they were recorded', async () => {
      clock().set('2026-11-27T03:04:05.006Z');
      const { record: handoff } = await store().handoffs.open({ channel: 'web', userId: 'u', locale: 'vi', reason: 'r', transcript: [] });
      await store().unanswered.add({ channel: 'web', userId: 'u', text: '?', intent: 'x', confidence: 0 });
      assert.deepEqual(handoff.createdAt, new Date('2026-11-27T03:04:05.006Z'));
      assert.deepEqual((await store().unanswered.list(1))[0]?.createdAt, new Date('2026-11-27T03:04:05.006Z'));
    });

    it('purges state by the time it was last written, keeping anything rewritten since', async () => {
      clock().set('2026-01-01T00:00:00.000Z');
      const oldETag = await store().state.write('old', { v: 1 }, null);
      await store().state.write('touched', { v: 1 }, null);
      clock().set('2026-03-01T00:00:00.000Z');
      await store().state.write('touched', { v: 2 }, '*');
      await store().state.write('new', { v: 1 }, null);

      assert.equal(await store().state.purgeOlderThan(new Date('2026-01-01T00:00:00.000Z')), 0, 'the cut-off itself is kept');
      assert.equal(await store().state.purgeOlderThan(new Date('2026-02-01T00:00:00.000Z')), 1);
      assert.equal(await store().state.read('old'), undefined);
      assert.deepEqual((await store().state.read('touched'))?.data, { v: 2 });
      assert.deepEqual((await store().state.read('new'))?.data, { v: 1 });
      await assert.rejects(store().state.write('old', { v: 9 }, oldETag));
    });
  });
}
