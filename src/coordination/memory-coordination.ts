import { backoffSeconds, type Budget, type Coordination } from './coordination';
import { KeyedQueue } from './keyed-queue';
import type { SeenClaim } from '../store/ports';

/**
 * Single-instance coordination kept in this process: right for `npm start` without Redis.
 * Every method reads and writes its maps without awaiting in between, so each call is atomic like a Redis script.
 */
export function createMemoryCoordination(now: () => number = Date.now): Coordination {
  const queue = new KeyedQueue();
  // Every entry dies at `until` (ms); counters, strikes, waits, flags and seen ids share this one shape.
  const entries = new Map<string, { count: number; until: number; owner?: string }>();

  const live = (key: string) => {
    const e = entries.get(key);
    if (e && e.until <= now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const secondsLeft = (key: string) => {
    const e = live(key);
    return e ? (e.until - now()) / 1000 : 0;
  };
  const put = (key: string, count: number, seconds: number) => entries.set(key, { count, until: now() + seconds * 1000 });

  // The longest wait among spent budgets (-1 when none is spent) and its index.
  const findSpent = (budgets: readonly Budget[]) => {
    let wait = -1;
    let spent = 0;
    budgets.forEach((b, i) => {
      if ((live(`budget:${b.key}`)?.count ?? 0) < b.limit) return;
      const left = secondsLeft(`budget:${b.key}`) || b.windowSeconds;
      if (left > wait) [wait, spent] = [left, i];
    });
    return { wait, spent };
  };

  const firstSeen = (id: string, ttlSeconds: number, claim?: SeenClaim): boolean => {
    const seen = live(`seen:${id}`);
    if (seen) {
      if (!claim || seen.owner === undefined || (seen.owner !== claim.owner && !claim.reclaim.includes(seen.owner))) return false;
      seen.owner = claim.owner;
      return true;
    }
    entries.set(`seen:${id}`, { count: 1, until: now() + ttlSeconds * 1000, owner: claim?.owner });
    return true;
  };

  // Expired entries are swept lazily so the map stays bounded by live keys.
  const sweeper = setInterval(() => {
    for (const key of entries.keys()) live(key);
  }, 60_000);
  sweeper.unref();

  return {
    kind: 'memory',
    withLock: (key, fn) => queue.run(key, fn),
    firstSeen: async (id, ttlSeconds, claim) => firstSeen(id, ttlSeconds, claim),
    withLockIfFirstSeen: (key, seen, fn) =>
      queue.run(key, async () => (firstSeen(seen.id, seen.ttlSeconds, seen.claim) ? { first: true as const, value: await fn() } : { first: false as const })),
    async take(budgets) {
      const { wait, spent } = findSpent(budgets);
      if (wait >= 0) return { taken: false, retryAfterSeconds: wait, spent };
      const used = budgets.map((b) => {
        const e = live(`budget:${b.key}`);
        if (e) return ++e.count;
        put(`budget:${b.key}`, 1, b.windowSeconds);
        return 1;
      });
      return { taken: true, used };
    },
    async budgetWait(budgets) {
      return Math.max(findSpent(budgets).wait, 0);
    },
    async giveBack(keys) {
      for (const key of keys) {
        const e = live(`budget:${key}`);
        if (e && e.count > 0) e.count -= 1;
      }
    },
    async strike(key, policy) {
      const wait = secondsLeft(`wait:${key}`);
      if (wait > 0) return { counted: false, retryAfterSeconds: wait };
      const strikes = (live(`strikes:${key}`)?.count ?? 0) + 1;
      put(`strikes:${key}`, strikes, policy.memorySeconds);
      const waitSeconds = backoffSeconds(policy, strikes);
      if (waitSeconds > 0) put(`wait:${key}`, 1, waitSeconds);
      return { counted: true, strikes, waitSeconds };
    },
    async waitSeconds(key) {
      return secondsLeft(`wait:${key}`);
    },
    async forgive(key) {
      entries.delete(`strikes:${key}`);
      entries.delete(`wait:${key}`);
    },
    async setFlag(key, ttlSeconds) {
      put(`flag:${key}`, 1, ttlSeconds);
    },
    async flagSeconds(key) {
      return secondsLeft(`flag:${key}`);
    },
    async clearFlag(key) {
      entries.delete(`flag:${key}`);
    },
    async ping() {},
    async close() {
      clearInterval(sweeper);
    },
  };
}
