import type { Coordination } from '../coordination';

/*
 * Coordination offers counters (hit/resetHits), not flags. A flag is a counter that was hit once when raised:
 * a check hits it again, so a raised flag answers 2 or more, and a check that answers 1 found nothing and clears
 * the counter it just created. Each user's turns run one at a time (the inbox), so checks never race each other.
 */

/** Raises `key` for `ttlSeconds` (from the first raise; raising again does not extend it). */
export async function raiseFlag(coordination: Coordination, key: string, ttlSeconds: number): Promise<void> {
  await coordination.hit(`flag:${key}`, ttlSeconds);
}

/** True while `key` is raised. */
export async function isFlagRaised(coordination: Coordination, key: string, ttlSeconds: number): Promise<boolean> {
  const count = await coordination.hit(`flag:${key}`, ttlSeconds);
  if (count > 1) return true;
  await coordination.resetHits(`flag:${key}`);
  return false;
}

/** Lowers `key` now. */
export async function lowerFlag(coordination: Coordination, key: string): Promise<void> {
  await coordination.resetHits(`flag:${key}`);
}
