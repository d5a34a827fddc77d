import assert from 'node:assert/strict';
import { createMemoryCoordination, createRedisCoordination } from '../../src/coordination';
import { describeCoordinationContract } from './coordination-contract';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test:${process.pid}:`;

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
      assert.equal(await a.hit(id, 60), 1);
      assert.equal(await b.hit(id, 60), 2);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('in-process coordination', () => {
  it('forgets seen ids and counters after their time', async () => {
    let now = 0;
    const c = createMemoryCoordination(() => now);
    assert.equal(await c.firstSeen('x', 10), true);
    assert.equal(await c.hit('k', 10), 1);
    now = 11_000;
    assert.equal(await c.firstSeen('x', 10), true);
    assert.equal(await c.hit('k', 10), 1);
    await c.close();
  });
});
