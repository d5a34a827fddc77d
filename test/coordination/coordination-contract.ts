import assert from 'node:assert/strict';
import type { Coordination } from '../../src/coordination';

/** The behaviour both coordination backends promise; run against each. */
export function describeCoordinationContract(name: string, create: () => Promise<Coordination>): void {
  describe(`${name} coordination`, () => {
    let c: Coordination;
    const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    beforeEach(async () => {
      c = await create();
    });
    afterEach(async () => {
      await c.close();
    });

    it('runs work for one key one at a time, in order', async () => {
      const key = unique();
      const events: string[] = [];
      const work = (id: number) =>
        c.withLock(key, async () => {
          events.push(`start ${id}`);
          await new Promise((r) => setTimeout(r, 5));
          events.push(`end ${id}`);
          return id;
        });
      const results = await Promise.all([1, 2, 3, 4].map(work));
      assert.deepEqual(results, [1, 2, 3, 4]);
      assert.deepEqual(events, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3', 'start 4', 'end 4']);
    });

    it('lets different keys run side by side', async () => {
      let inside = 0;
      let most = 0;
      const work = (key: string) =>
        c.withLock(key, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 20));
          inside--;
        });
      await Promise.all([work(unique()), work(unique())]);
      assert.equal(most, 2);
    });

    it('releases the lock when the work fails', async () => {
      const key = unique();
      await assert.rejects(c.withLock(key, async () => Promise.reject(new Error('boom'))), /boom/);
      assert.equal(await c.withLock(key, async () => 'next'), 'next');
    });

    it('remembers seen ids', async () => {
      const id = unique();
      assert.equal(await c.firstSeen(id, 60), true);
      assert.equal(await c.firstSeen(id, 60), false);
      assert.equal(await c.firstSeen(unique(), 60), true);
    });

    it('counts hits per key and resets them', async () => {
      const key = unique();
      assert.equal(await c.hit(key, 60), 1);
      assert.equal(await c.hit(key, 60), 2);
      assert.equal(await c.hit(unique(), 60), 1);
      await c.resetHits(key);
      assert.equal(await c.hit(key, 60), 1);
    });

    it('answers ping', async () => {
      await c.ping();
    });
  });
}
