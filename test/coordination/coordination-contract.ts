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
      // Each holder stays inside until the other is inside too (a 20 ms stay could end before a slow lock is taken);
      // locks that kept different keys apart would leave the first one waiting until it gives up.
      let inside = 0;
      let bothInside!: () => void;
      const together = new Promise<boolean>((resolve) => (bothInside = () => resolve(true)));
      let giveUp: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<boolean>((resolve) => (giveUp = setTimeout(() => resolve(false), 10_000)));
      const work = (key: string) =>
        c.withLock(key, async () => {
          if (++inside === 2) bothInside();
          return Promise.race([together, gaveUp]);
        });
      try {
        assert.deepEqual(await Promise.all([work(unique()), work(unique())]), [true, true]);
      } finally {
        clearTimeout(giveUp);
      }
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

    it('lets a claim through for its own mark or a reclaimable one, and no one else', async () => {
      const id = unique();
      const attempt = (n: number, ...reclaim: number[]) => ({ owner: `j#${n}`, reclaim: reclaim.map((r) => `j#${r}`) });
      assert.equal(await c.firstSeen(id, 60, attempt(1)), true);
      // The same command again (its first answer lost on the way): still the owner's.
      assert.equal(await c.firstSeen(id, 60, attempt(1)), true);
      // A later attempt that may not take attempt 1's mark (attempt 1 died mid-turn), a claimless offer: seen.
      assert.equal(await c.firstSeen(id, 60, attempt(2)), false);
      assert.equal(await c.firstSeen(id, 60), false);
      // Attempt 1 failed before its turn: attempt 3 takes the mark over, and attempt 1 no longer holds it.
      assert.equal(await c.firstSeen(id, 60, attempt(3, 1)), true);
      assert.equal(await c.firstSeen(id, 60, attempt(3)), true);
      assert.equal(await c.firstSeen(id, 60, attempt(1)), false);
      // A mark without an owner (the sender's ids, a store without claims) is never reclaimed.
      const plain = unique();
      assert.equal(await c.firstSeen(plain, 60), true);
      assert.equal(await c.firstSeen(plain, 60, attempt(1)), false);
    });

    it('runs work under the lock only for an id seen the first time, with the same claims as firstSeen', async () => {
      const key = unique();
      const id = unique();
      const attempt = (n: number, ...reclaim: number[]) => ({ owner: `j#${n}`, reclaim: reclaim.map((r) => `j#${r}`) });
      const runs: string[] = [];
      const offer = (name: string, claim?: ReturnType<typeof attempt>) =>
        c.withLockIfFirstSeen(key, { id, ttlSeconds: 60, claim }, async () => {
          runs.push(name);
          return name;
        });
      assert.deepEqual(await offer('first', attempt(1)), { first: true, value: 'first' });
      // The same claim again (the first answer lost), a later attempt that may not reclaim it, a claimless offer.
      assert.deepEqual(await offer('again', attempt(1)), { first: true, value: 'again' });
      assert.deepEqual(await offer('other', attempt(2)), { first: false });
      assert.deepEqual(await offer('plain'), { first: false });
      assert.deepEqual(await offer('reclaimed', attempt(3, 1)), { first: true, value: 'reclaimed' });
      assert.deepEqual(runs, ['first', 'again', 'reclaimed']);
      // It is the mark firstSeen reads, and a seen id let the lock go: withLock on the key runs at once.
      assert.equal(await c.firstSeen(id, 60), false);
      const plain = unique();
      assert.deepEqual(await c.withLockIfFirstSeen(key, { id: plain, ttlSeconds: 60 }, async () => 1), { first: true, value: 1 });
      assert.deepEqual(await c.withLockIfFirstSeen(key, { id: plain, ttlSeconds: 60 }, async () => 2), { first: false });
      assert.equal(await c.withLock(key, async () => 'free'), 'free');
    });

    it('holds the same lock as withLock while the work of a first-seen id runs', async () => {
      const key = unique();
      const events: string[] = [];
      let release!: () => void;
      const held = c.withLock(key, async () => {
        events.push('withLock in');
        await new Promise<void>((r) => (release = r));
        events.push('withLock out');
      });
      await new Promise((r) => setTimeout(r, 20));
      const marked = c.withLockIfFirstSeen(key, { id: unique(), ttlSeconds: 60 }, async () => {
        events.push('marked in');
        await new Promise((r) => setTimeout(r, 20));
        events.push('marked out');
      });
      const after = (async () => {
        await new Promise((r) => setTimeout(r, 40));
        return c.withLock(key, async () => void events.push('after'));
      })();
      await new Promise((r) => setTimeout(r, 30));
      release();
      await Promise.all([held, marked, after]);
      assert.deepEqual(events, ['withLock in', 'withLock out', 'marked in', 'marked out', 'after']);
    });

    it('takes units from budgets and refuses a spent one, taking nothing from the others', async () => {
      const a = { key: unique(), limit: 2, windowSeconds: 60 };
      const b = { key: unique(), limit: 5, windowSeconds: 60 };
      assert.deepEqual(await c.take([a, b]), { taken: true, used: [1, 1] });
      assert.deepEqual(await c.take([a, b]), { taken: true, used: [2, 2] });
      const waiting = await c.budgetWait([b, a]);
      assert.ok(waiting > 58 && waiting <= 60, String(waiting));
      const refused = await c.take([b, a]);
      assert.equal(refused.taken, false);
      assert.ok(!refused.taken && refused.retryAfterSeconds > 58 && refused.retryAfterSeconds <= 60, JSON.stringify(refused));
      assert.ok(!refused.taken && refused.spent === 1, 'names the spent budget');
      assert.equal(await c.budgetWait([b]), 0, 'b still has room');
      assert.deepEqual(await c.take([b]), { taken: true, used: [3] }, 'the refused call took nothing from b');
    });

    it('gives units back without going below zero', async () => {
      const a = { key: unique(), limit: 1, windowSeconds: 60 };
      assert.equal((await c.take([a])).taken, true);
      assert.equal((await c.take([a])).taken, false);
      await c.giveBack([a.key, a.key, unique()]);
      assert.deepEqual(await c.take([a]), { taken: true, used: [1] });
    });

    it('never lets concurrent takers overdraw a budget', async () => {
      const shared = { key: unique(), limit: 7, windowSeconds: 60 };
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => c.take([shared, { key: `${shared.key}:${i % 3}`, limit: 100, windowSeconds: 60 }])));
      assert.equal(results.filter((r) => r.taken).length, 7);
    });

    it('counts strikes, makes the key wait with a doubling back-off, and refuses without counting while it waits', async () => {
      const key = unique();
      const policy = { free: 2, firstWaitSeconds: 30, maxWaitSeconds: 100, memorySeconds: 600 };
      assert.deepEqual(await c.strike(key, policy), { counted: true, strikes: 1, waitSeconds: 0 });
      assert.deepEqual(await c.strike(key, policy), { counted: true, strikes: 2, waitSeconds: 0 });
      assert.equal(await c.waitSeconds(key), 0);
      assert.deepEqual(await c.strike(key, policy), { counted: true, strikes: 3, waitSeconds: 30 });
      const waiting = await c.waitSeconds(key);
      assert.ok(waiting > 29 && waiting <= 30, String(waiting));
      const refused = await c.strike(key, policy);
      assert.equal(refused.counted, false);
      await c.forgive(key);
      assert.equal(await c.waitSeconds(key), 0);
      assert.deepEqual(await c.strike(key, policy), { counted: true, strikes: 1, waitSeconds: 0 });
    });

    it('counts exactly one strike among concurrent ones once the free strikes are used', async () => {
      const key = unique();
      const policy = { free: 3, firstWaitSeconds: 60, maxWaitSeconds: 60, memorySeconds: 600 };
      const results = await Promise.all(Array.from({ length: 40 }, () => c.strike(key, policy)));
      assert.equal(results.filter((r) => r.counted).length, 4, 'three free strikes, then the one that started the wait');
    });

    it('raises, reads and clears flags', async () => {
      const key = unique();
      assert.equal(await c.flagSeconds(key), 0);
      await c.setFlag(key, 60);
      const left = await c.flagSeconds(key);
      assert.ok(left > 59 && left <= 60, String(left));
      await c.clearFlag(key);
      assert.equal(await c.flagSeconds(key), 0);
    });

    it('lets budgets, waits and flags lapse after their time', async () => {
      const key = unique();
      // A second: the refusal below must come before it ends, a few round trips to a busy Redis on a slow machine.
      const budget = { key, limit: 1, windowSeconds: 1 };
      await c.take([budget]);
      await c.setFlag(key, 1);
      await c.strike(key, { free: 0, firstWaitSeconds: 1, maxWaitSeconds: 1, memorySeconds: 600 });
      assert.equal((await c.take([budget])).taken, false);
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await c.take([budget])).taken, true);
      assert.equal(await c.flagSeconds(key), 0);
      assert.equal(await c.waitSeconds(key), 0);
    });

    it('answers ping', async () => {
      await c.ping();
    });
  });
}
