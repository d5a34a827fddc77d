/** Waits for the next send slot of one platform; resolves at once when no rate is set. */
export type Pacer = () => Promise<void>;

/**
 * Spaces calls `1000 / perSecond` ms apart in this process (the BullMQ mode uses its queue limiter instead, shared by
 * every instance). `perSecond` 0 turns pacing off, as the benchmark does to measure the engine itself.
 */
export function createPacer(perSecond: number, now: () => number = Date.now): Pacer {
  if (perSecond <= 0) return async () => undefined;
  const gap = 1000 / perSecond;
  let next = 0;
  return () => {
    const at = Math.max(now(), next);
    next = at + gap;
    const wait = at - now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };
}
