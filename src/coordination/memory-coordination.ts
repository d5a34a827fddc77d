import type { Coordination } from './coordination';
import { KeyedQueue } from './keyed-queue';

/** Single-instance coordination kept in this process: right for `npm start` without Redis. */
export function createMemoryCoordination(now: () => number = Date.now): Coordination {
  const queue = new KeyedQueue();
  const seen = new Map<string, number>();
  const counters = new Map<string, { count: number; resetAt: number }>();

  // Expired entries are swept lazily so the maps stay bounded by live keys.
  function sweep(): void {
    const t = now();
    for (const [k, until] of seen) if (until <= t) seen.delete(k);
    for (const [k, c] of counters) if (c.resetAt <= t) counters.delete(k);
  }
  const sweeper = setInterval(sweep, 60_000);
  sweeper.unref();

  return {
    kind: 'memory',
    withLock: (key, fn) => queue.run(key, fn),
    async firstSeen(id, ttlSeconds) {
      const t = now();
      const until = seen.get(id);
      if (until !== undefined && until > t) return false;
      seen.set(id, t + ttlSeconds * 1000);
      return true;
    },
    async hit(key, windowSeconds) {
      const t = now();
      let c = counters.get(key);
      if (!c || c.resetAt <= t) {
        c = { count: 0, resetAt: t + windowSeconds * 1000 };
        counters.set(key, c);
      }
      c.count += 1;
      return c.count;
    },
    async resetHits(key) {
      counters.delete(key);
    },
    async ping() {},
    async close() {
      clearInterval(sweeper);
    },
  };
}
