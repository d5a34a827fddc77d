import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { CoordinationUnavailableError, LockTimeoutError, type Budget, type Coordination } from './coordination';
import { KeyedQueue } from './keyed-queue';
import { BUDGET_WAIT, GIVE_BACK, LOCK_SEEN, RELEASE, SEEN, STRIKE, TAKE } from './redis-scripts';

export interface RedisCoordinationOptions {
  url: string;
  /** Prefix for every key, so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  /** How long a lock lives if its holder dies mid-turn. A turn must finish well within it. */
  lockTtlMs?: number;
  /** How long to wait for a lock before giving up. Must outlast lockTtlMs so a crashed holder's lock expires first. */
  lockWaitMs?: number;
}

const ms = (seconds: number) => Math.max(1, Math.round(seconds * 1000));

/** Coordination shared by every instance through Redis: locks, dedupe, budgets and flags survive restarts and scale-out. */
export async function createRedisCoordination(options: RedisCoordinationOptions): Promise<Coordination> {
  const prefix = options.prefix ?? 'assistant:';
  const lockTtlMs = options.lockTtlMs ?? 30_000;
  const lockWaitMs = options.lockWaitMs ?? 35_000;
  const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
  // ioredis reconnects by itself; each failed attempt is an 'error' event, which /readyz reports through ping().
  redis.on('error', () => undefined);
  await redis.connect();
  // Each script is sent whole once per connection, then by its SHA-1 (EVALSHA; EVAL again if Redis lost it, e.g. after
  // a restart): a turn's lock and seen mark no longer carry their Lua text with every call.
  const scripts = {
    take: script(redis, TAKE),
    budgetWait: script(redis, BUDGET_WAIT),
    giveBack: script(redis, GIVE_BACK),
    strike: script(redis, STRIKE),
    release: script(redis, RELEASE),
    seen: script(redis, SEEN),
    lockSeen: script(redis, LOCK_SEEN),
  };
  // Turns of one conversation on this instance queue locally first, so only one of them polls Redis at a time.
  const local = new KeyedQueue();
  const k = {
    budget: (key: string) => `${prefix}budget:${key}`,
    strikes: (key: string) => `${prefix}strikes:${key}`,
    wait: (key: string) => `${prefix}wait:${key}`,
    flag: (key: string) => `${prefix}flag:${key}`,
  };
  // A budget script's KEYS then ARGV: the prefixed keys, then limit and window (ms) of each.
  const budgetArgs = (budgets: readonly Budget[]) => [...budgets.map((b) => k.budget(b.key)), ...budgets.flatMap((b) => [b.limit, ms(b.windowSeconds)])];
  const secondsLeft = async (key: string) => Math.max(0, await redis.pttl(key)) / 1000;

  /** Tries `attempt` until it takes the lock (answers anything but undefined), backing off while another holds it. */
  async function acquire<T>(key: string, attempt: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + lockWaitMs;
    let delay = 10;
    for (;;) {
      const taken = await attempt();
      if (taken !== undefined) return taken;
      if (Date.now() > deadline) throw new LockTimeoutError(key);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 250);
    }
  }

  /**
   * Frees a lock after its work, as far as Redis can be reached. The work's outcome stands whatever happens here: a
   * turn that answered the citizen must not fail for its lock (its delivery would be replayed, and answered twice if
   * Redis lost the seen key meanwhile). A lock left behind lapses after lockTtlMs, delaying that citizen's next turn.
   */
  async function release(lockKey: string, token: string): Promise<void> {
    try {
      await scripts.release(1, lockKey, token);
    } catch {
      // Redis away or the connection cut: the lock lapses by itself.
    }
  }

  const coordination: Coordination = {
    kind: 'redis',
    withLock(key, fn) {
      return local.run(key, async () => {
        const lockKey = `${prefix}lock:${key}`;
        const token = randomUUID();
        await acquire(lockKey, async () => ((await redis.set(lockKey, token, 'PX', lockTtlMs, 'NX')) === 'OK' ? true : undefined));
        try {
          return await fn();
        } finally {
          await release(lockKey, token);
        }
      });
    },
    async firstSeen(id, ttlSeconds, claim) {
      const key = `${prefix}seen:${id}`;
      if (!claim) return (await redis.set(key, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
      return ((await scripts.seen(1, key, ttlSeconds, claim.owner, ...claim.reclaim)) as number) === 1;
    },
    withLockIfFirstSeen(key, seen, fn) {
      return local.run(key, async () => {
        const lockKey = `${prefix}lock:${key}`;
        const token = randomUUID();
        const args = [lockKey, `${prefix}seen:${seen.id}`, token, lockTtlMs, seen.ttlSeconds, seen.claim?.owner ?? '', ...(seen.claim?.reclaim ?? [])];
        const first = await acquire(lockKey, async () => {
          const answer = (await scripts.lockSeen(2, ...args)) as number;
          return answer === -1 ? undefined : answer === 1;
        });
        // Seen already: the script let the lock go itself.
        if (!first) return { first: false as const };
        try {
          return { first: true as const, value: await fn() };
        } finally {
          await release(lockKey, token);
        }
      });
    },
    async take(budgets) {
      if (budgets.length === 0) return { taken: true, used: [] };
      const [taken, ...rest] = (await scripts.take(budgets.length, ...budgetArgs(budgets))) as number[];
      return taken === 1 ? { taken: true, used: rest } : { taken: false, retryAfterSeconds: rest[0]! / 1000, spent: rest[1]! };
    },
    async budgetWait(budgets) {
      if (budgets.length === 0) return 0;
      return ((await scripts.budgetWait(budgets.length, ...budgetArgs(budgets))) as number) / 1000;
    },
    async giveBack(keys) {
      if (keys.length > 0) await scripts.giveBack(keys.length, ...keys.map(k.budget));
    },
    async strike(key, policy) {
      const { free, firstWaitSeconds, maxWaitSeconds, memorySeconds } = policy;
      const answer = (await scripts.strike(2, k.strikes(key), k.wait(key), free, ms(firstWaitSeconds), ms(maxWaitSeconds), ms(memorySeconds))) as number[];
      return answer[0] === 1 ? { counted: true, strikes: answer[1]!, waitSeconds: answer[2]! / 1000 } : { counted: false, retryAfterSeconds: answer[1]! / 1000 };
    },
    waitSeconds: (key) => secondsLeft(k.wait(key)),
    async forgive(key) {
      await redis.del(k.strikes(key), k.wait(key));
    },
    async setFlag(key, ttlSeconds) {
      await redis.set(k.flag(key), '1', 'PX', ms(ttlSeconds));
    },
    flagSeconds: (key) => secondsLeft(k.flag(key)),
    async clearFlag(key) {
      await redis.del(k.flag(key));
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      // While Redis is away, QUIT is refused at once (no offline queue): the connection is dropped instead.
      if (redis.status !== 'ready') return void redis.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
  return whileUnreachable(coordination, () => redis.status !== 'ready');
}

/**
 * `lua` as a command of `redis` (ioredis's defineCommand: EVALSHA, falling back to EVAL when Redis does not hold the
 * script); called with the number of keys, the keys, then the arguments, as EVAL is.
 */
function script(redis: Redis, lua: string): (...args: (string | number)[]) => Promise<unknown> {
  const name = `script${createHash('sha1').update(lua).digest('hex')}`;
  redis.defineCommand(name, { lua });
  const command = (redis as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>)[name]!;
  return (...args) => command.apply(redis, args);
}

/**
 * The same coordination, whose failures while Redis is away (restarting, a network cut) become
 * CoordinationUnavailableError: callers answer "retry shortly" (HTTP 503), not an internal error.
 */
function whileUnreachable(coordination: Coordination, unreachable: () => boolean): Coordination {
  const wrapped = { ...coordination } as Record<string, unknown>;
  for (const [name, value] of Object.entries(coordination)) {
    if (typeof value !== 'function' || name === 'close') continue;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (value as (...a: unknown[]) => Promise<unknown>).apply(coordination, args);
      } catch (err) {
        const away = unreachable() || isConnectionError(err);
        throw away && !(err instanceof CoordinationUnavailableError) ? new CoordinationUnavailableError(err) : err;
      }
    };
  }
  return wrapped as unknown as Coordination;
}

// What ioredis throws when the connection drops under a command, before its status says so.
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return err.name === 'MaxRetriesPerRequestError' || (code !== undefined && CONNECTION_CODES.has(code)) || /Stream isn't writeable|Connection is closed/.test(err.message);
}
