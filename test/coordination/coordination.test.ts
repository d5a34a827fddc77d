import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createMemoryCoordination, createRedisCoordination } from '../../src/coordination';
import { describeCoordinationContract } from './coordination-contract';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test:coordination:${process.pid}:${randomUUID()}:`;

describeCoordinationContract('in-process', async () => createMemoryCoordination());
describeCoordinationContract('Redis', () => createRedisCoordination({ url: REDIS_URL, prefix }));

describe('Redis coordination across instances', () => {
  it('serialises one conversation between two instances', async () => {
    const a = await createRedisCoordination({ url: REDIS_URL, prefix });
    const b = await createRedisCoordination({ url: REDIS_URL, prefix });
    try {
      const key = `conv-${Date.now()}`;
      const events: string[] = [];
      const work = (who: string) => async () => {
        events.push(`start ${who}`);
        await new Promise((r) => setTimeout(r, 30));
        events.push(`end ${who}`);
      };
      await Promise.all([a.withLock(key, work('a')), b.withLock(key, work('b'))]);
      assert.equal(events.length, 4);
      assert.equal(events[0].slice(6), events[1].slice(4), 'the first holder finishes before the other starts');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('takes over a lock whose holder died once its TTL ran out', async () => {
    const a = await createRedisCoordination({ url: REDIS_URL, prefix, lockTtlMs: 100, lockWaitMs: 2000 });
    try {
      const key = `dead-${Date.now()}`;
      // Simulates a crashed instance: the lock key exists with a TTL and nobody will release it.
      const { Redis } = await import('ioredis');
      const raw = new Redis(REDIS_URL);
      await raw.set(`${prefix}lock:${key}`, 'someone-else', 'PX', 100);
      await raw.quit();
      assert.equal(await a.withLock(key, async () => 'got it'), 'got it');
    } finally {
      await a.close();
    }
  });

  it('shares seen ids and counters between instances', async () => {
    const a = await createRedisCoordination({ url: REDIS_URL, prefix });
    const b = await createRedisCoordination({ url: REDIS_URL, prefix });
    try {
      const id = `mid-${Date.now()}`;
      assert.equal(await a.firstSeen(id, 60), true);
      assert.equal(await b.firstSeen(id, 60), false);
      const budget = { key: id, limit: 1, windowSeconds: 60 };
      assert.equal((await a.take([budget])).taken, true);
      assert.equal((await b.take([budget])).taken, false);
      await a.setFlag(id, 60);
      assert.ok((await b.flagSeconds(id)) > 0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('in-process coordination', () => {
  it('forgets seen ids, budgets and strikes after their time (injected clock)', async () => {
    let now = 0;
    const c = createMemoryCoordination(() => now);
    const budget = { key: 'k', limit: 1, windowSeconds: 10 };
    const policy = { free: 1, firstWaitSeconds: 60, maxWaitSeconds: 60, memorySeconds: 3600 };
    assert.equal(await c.firstSeen('x', 10), true);
    assert.equal((await c.take([budget])).taken, true);
    await c.strike('s', policy);
    assert.equal((await c.strike('s', policy)).counted, true);
    assert.equal((await c.strike('s', policy)).counted, false, 'waiting');
    now = 61_000;
    assert.equal(await c.firstSeen('x', 10), true);
    assert.deepEqual(await c.take([budget]), { taken: true, used: [1] });
    assert.deepEqual(await c.strike('s', policy), { counted: true, strikes: 3, waitSeconds: 60 }, 'strikes are remembered after the wait');
    now = 3600_000 + 200_000;
    assert.deepEqual(await c.strike('s', policy), { counted: true, strikes: 1, waitSeconds: 0 }, 'and forgotten after their memory');
    await c.close();
  });
});
