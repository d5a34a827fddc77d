/**
 * Where the turns of acknowledged webhook deliveries wait for the CPU: one starts per event-loop iteration, in arrival
 * order, across every journal of the process (they share one loop).
 *
 * A turn runs on the CPU until its first network call (understanding, dialog and SQLite are synchronous): one is a
 * slice of ~1.5 ms, more under load. The webhook that acknowledges the next delivery runs on the same loop, so it waits
 * for whatever slice is running when its bytes arrive. Starting a single turn per iteration, from the check phase
 * (`setImmediate`), puts a poll phase between any two turns: every request that arrived during a turn is read, kept
 * and answered 200 before the next turn takes the CPU, however many deliveries wait (docs/performance.md, "Third
 * round"). Deliveries waiting here are already in the journal, so a crash loses none of them.
 *
 * Each released turn is followed by a second immediate of the same iteration: microtasks drain between immediates,
 * so the time between the two is that turn's synchronous slice, which is handed to the caller (a metric).
 */

interface Waiting {
  start: () => void;
  onSlice?: (seconds: number) => void;
}

const waiting: Waiting[] = [];
let releasing = false;
let current: { startedAt: number; onSlice?: (seconds: number) => void } | undefined;

/** Resolves when this turn may start; `onSlice` is told how long it then held the loop before it first waited. */
export function nextTurnSlot(onSlice?: (seconds: number) => void): Promise<void> {
  return new Promise((start) => {
    waiting.push({ start, onSlice });
    if (!releasing) {
      releasing = true;
      releaseNext();
    }
  });
}

function releaseNext(): void {
  // Queued together, these two run in the same check phase, one after the other, with the turn's microtasks between.
  setImmediate(startOne);
  setImmediate(endOne);
}

function startOne(): void {
  const next = waiting.shift()!;
  current = { startedAt: performance.now(), onSlice: next.onSlice };
  next.start();
}

function endOne(): void {
  const ended = current!;
  current = undefined;
  const seconds = (performance.now() - ended.startedAt) / 1000;
  // Immediates queued now run in the next iteration, after its poll phase: the acknowledgements go first. Queued
  // before the listener is told, so a listener that throws cannot stop the turns that wait.
  if (waiting.length > 0) releaseNext();
  else releasing = false;
  ended.onSlice?.(seconds);
}
