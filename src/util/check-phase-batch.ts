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
 *
 * With `gather`, a batch may also span iterations: when jobs keep coming in small batches (the last batch ran less
 * than `gather.whileBusyMs` before this one's first job and held fewer than `gather.afterBatchBelow`), the batch waits
 * up to `gather.ms` for more before it runs, or runs in the next check phase as soon as it holds `maxJobs`. Turns that
 * come spread out at a moderate rate then run several to a batch instead of one or two, each waking the loop and paying
 * the cold caches on its own (main thread's CPU a turn at 1,000 req/s about twice what it is flat out;
 * docs/performance.md, turn-tail round). A job after a quiet spell runs in the check phase, as without it: a lone
 * citizen never waits for the window; nor does a batch after a large one (flat out the batches fill by themselves, and a
 * wait would only leave the loop idle).
 */
export type CheckPhaseBatch = <T>(job: () => T) => Promise<T>;

export interface Gather {
  /** The longest a batch that is not full waits for more jobs. */
  ms: number;
  /** A batch waits only if the last one ran less than this long before its first job… */
  whileBusyMs: number;
  /** … and held fewer jobs than this. */
  afterBatchBelow: number;
}

interface Queued {
  job: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export function createCheckPhaseBatch(maxJobs = Infinity, gather?: Gather): CheckPhaseBatch {
  let queue: Queued[] = [];
  let immediate = false;
  let timer: NodeJS.Timeout | undefined;
  let lastRun = -Infinity;
  let lastSize = 0;
  const runSoon = () => {
    if (immediate) return;
    immediate = true;
    setImmediate(flush);
  };
  const flush = () => {
    immediate = false;
    clearTimeout(timer);
    timer = undefined;
    lastRun = performance.now();
    const batch = queue.length > maxJobs ? queue.splice(0, maxJobs) : queue;
    if (batch === queue) queue = [];
    else runSoon();
    lastSize = batch.length;
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
      queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length >= maxJobs) runSoon();
      else if (queue.length === 1 && !immediate) {
        if (gather && lastSize < gather.afterBatchBelow && performance.now() - lastRun < gather.whileBusyMs) timer = setTimeout(flush, gather.ms);
        else runSoon();
      }
    });
}
