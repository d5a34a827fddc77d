import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { LockTimeoutError, type Coordination } from './coordination';
import { KeyedQueue } from './keyed-queue';

export interface RedisCoordinationOptions {
  url: string;
  /** Prefix for every key, so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  /** How long a lock lives if its holder dies mid-turn. A turn must finish well within it. */
  lockTtlMs?: number;
  /** How long to wait for a lock before giving up. Must outlast lockTtlMs so a crashed holder's lock expires first. */
  lockWaitMs?: number;
}

// Deletes the lock only if we still own it: a holder that overran its TTL must not free someone else's lock.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Coordination shared by every instance through Redis: locks, dedupe and counters survive restarts and scale-out. */
export async function createRedisCoordination(options: RedisCoordinationOptions): Promise<Coordination> {
  const prefix = options.prefix ?? 'assistant:';
  const lockTtlMs = options.lockTtlMs ?? 30_000;
  const lockWaitMs = options.lockWaitMs ?? 35_000;
  const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
  await redis.connect();
  // Turns of one conversation on this instance queue locally first, so only one of them polls Redis at a time.
  const local = new KeyedQueue();

  async function acquire(key: string, token: string): Promise<void> {
    const deadline = Date.now() + lockWaitMs;
    let delay = 10;
    for (;;) {
      if ((await redis.set(key, token, 'PX', lockTtlMs, 'NX')) === 'OK') return;
      if (Date.now() > deadline) throw new LockTimeoutError(key);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 250);
    }
  }

  return {
    kind: 'redis',
    withLock(key, fn) {
      return local.run(key, async () => {
        const lockKey = `${prefix}lock:${key}`;
        const token = randomUUID();
        await acquire(lockKey, token);
        try {
          return await fn();
        } finally {
          await redis.eval(RELEASE, 1, lockKey, token);
        }
      });
    },
    async firstSeen(id, ttlSeconds) {
      return (await redis.set(`${prefix}seen:${id}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    async hit(key, windowSeconds) {
      const k = `${prefix}hits:${key}`;
      const [[, count]] = (await redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec()) as [[null, number]];
      return count;
    },
    async resetHits(key) {
      await redis.del(`${prefix}hits:${key}`);
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await redis.quit();
    },
  };
}
