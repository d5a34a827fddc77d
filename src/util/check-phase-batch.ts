/**
 * Runs the synchronous jobs handed to it during one event-loop iteration one after another in that iteration's check
 * phase (`setImmediate`). Every job's promise settles once its batch has run, so the batch's jobs run back to back,
 * none of them between another's continuations. Made for work whose cost is mostly its code and data being out of the
 * CPU's caches (a turn's understanding: ~40 µs a message back to back, 150–350 µs between other turns' work;
 * docs/performance.md, tenth round). A job that throws rejects its own promise only.
 *
 * At most `maxJobs` run in one check phase; the rest wait for the next iteration's, in order, so a poll phase (other
 * requests read, answers written) comes between: a batch and its continuations hold the loop for a bounded time
 * however many turns arrived together (eleventh round).
 */
export type CheckPhaseBatch = <T>(job: () => T) => Promise<T>;

interface Queued {
  job: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export function createCheckPhaseBatch(maxJobs = Infinity): CheckPhaseBatch {
  let queue: Queued[] = [];
  const flush = () => {
    const batch = queue.length > maxJobs ? queue.splice(0, maxJobs) : queue;
    if (batch === queue) queue = [];
    else setImmediate(flush);
    for (const queued of batch) {
      try {
        queued.resolve(queued.job());
      } catch (err) {
        queued.reject(err);
      }
    }
  };
  return <T>(job: () => T) =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
    });
}
