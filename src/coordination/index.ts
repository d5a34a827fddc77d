import type { Coordination } from './coordination';
import { createMemoryCoordination } from './memory-coordination';
import { createRedisCoordination } from './redis-coordination';

export * from './coordination';
export { createMemoryCoordination, createRedisCoordination };

/** Redis when a URL is configured (several instances), otherwise in-process (one instance). */
export function createCoordination(redisUrl: string | undefined, prefix?: string): Promise<Coordination> {
  return redisUrl ? createRedisCoordination({ url: redisUrl, prefix }) : Promise.resolve(createMemoryCoordination());
}
