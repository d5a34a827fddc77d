import type { Coordination } from './coordination';
import { createMemoryCoordination } from './memory-coordination';
import type { RedisCoordinationOptions } from './redis-coordination';

export * from './coordination';
export { createMemoryCoordination };

/** Redis-backed coordination. ioredis is loaded on first use: a single instance never pays its ~20 MB (docs/performance.md). */
export function createRedisCoordination(options: RedisCoordinationOptions): Promise<Coordination> {
  return (require('./redis-coordination') as typeof import('./redis-coordination')).createRedisCoordination(options);
}

/** Redis when a URL is configured (several instances), otherwise in-process (one instance). */
export function createCoordination(redisUrl: string | undefined, prefix?: string): Promise<Coordination> {
  return redisUrl ? createRedisCoordination({ url: redisUrl, prefix }) : Promise.resolve(createMemoryCoordination());
}
