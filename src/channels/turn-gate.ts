/**
 * Where the turns of acknowledged webhook deliveries wait for the CPU: at most one starts per event-loop iteration, in
 * arrival order, across every journal of the process (they share one loop).
 *
 * A turn runs on the CPU until its first network call (understanding, dialog and SQLite are synchronous): one is a
 * slice of ~1.5 ms, more under load. The webhook that acknowledges the next delivery runs on the same loop, so it waits
 * for whatever slice is running when its bytes arrive. Starting a single turn per iteration, from the check phase
 * (`setImmediate`), puts a poll phase between any two turns: every request that arrived during a turn is read, kept
 * and answered 200 before the next turn takes the CPU, however many deliveries wait (docs/performance.md, "Third
 * round"). Deliveries waiting here are already in the journal, so a crash loses none of them.
 *
 * Each released turn is followed by a second immediate of the same iteration: microtasks drain between immediates,
 * so the time between the two is the turn's synchronous stretch. What the turn defers by one immediate (the SQLite
 * dedupe log writes the keys of one iteration together, then the turn goes on with its understanding and dialog) runs
 * at the head of the next check phase, so two more immediates bracket it there; the sum is handed to the caller (a
 * metric). The next turn is released only from the closing one, into the iteration after: a check phase holds one
 * turn's stretch, never what one turn deferred and the next turn's start together, so a webhook that arrives during
 * the deferred part is acknowledged before the next turn (docs/performance.md, "Ack round 3").
 *
 * What the acknowledgements of a poll phase wait for before their 200 (the journal's group commit) is handed to
 * `beforeNextTurn`: it runs in an immediate of its own at the head of the next check phase, ahead of what the running
 * turn deferred and of the next turn, so the microtasks that write the 200s drain before either takes the loop.
 *
 * A turn body that resumes from the network instead (its citizen's previous turn ended with a send, the Redis dedupe
 * answered) would run in a poll phase, between acknowledgements, outside any slot: `inTurnSlot` tells it so, and
 * `withTurnSlot` makes it wait for a slot of its own.
 */

interface Waiting {
  start: () => void;
  onSlice?: (seconds: number) => void;
}

interface Slice {
  startedAt: number;
  heldMs: number;
  deferredFrom: number;
  onSlice?: (seconds: number) => void;
}

const waiting: Waiting[] = [];
/** Run once each, ahead of the next turn (a Set: each store's commit is asked for by every delivery of a poll phase). */
const beforeTurn = new Set<() => void>();
let releasing = false;
let current: Slice | undefined;
/** True while a released turn runs: its synchronous stretch and what it deferred to the next check phase. */
let inSlot = false;
/**
 * A released turn waiting on `holdSlotFor` (its understanding, in the worker): 'open' while its slot's check phases
 * still run, 'parked' once they have closed without releasing the next turn.
 */
let held: 'no' | 'open' | 'parked' = 'no';

/** Resolves when this turn may start; `onSlice` is told how long it then held the loop, what it deferred included. */
export function nextTurnSlot(onSlice?: (seconds: number) => void): Promise<void> {
  return new Promise((start) => {
    waiting.push({ start, onSlice });
    if (!releasing) {
      releasing = true;
      releaseNext();
    }
  });
}

/**
 * Runs `commit` at the head of the next check phase, ahead of any turn's work there (when no turn is under way, the
 * caller's own immediate runs it as soon): what acknowledgements wait for goes before the turns.
 */
export function beforeNextTurn(commit: () => void): void {
  beforeTurn.add(commit);
}

/** Whether code running now is a released turn's, within its slot (not resumed later from the network). */
export function inTurnSlot(): boolean {
  return inSlot;
}

/**
 * `waitingOn`, awaited by a released turn without giving up its slot: no other turn starts until it settles (a turn
 * waiting for its understanding counts as running), and the turn then goes on in a check phase of its own, at the head
 * of the queue, like a released turn (not in the poll phase the answer arrives in, between acknowledgements). Outside
 * a slot (web chat, warm-up, a turn resumed from the network), `waitingOn` itself.
 */
export function holdSlotFor<T>(waitingOn: Promise<T>): Promise<T> {
  if (!inSlot) return waitingOn;
  held = 'open';
  return new Promise<T>((resolve, reject) => {
    const resume = (settle: () => void) => {
      waiting.unshift({ start: settle });
      const wasParked = held === 'parked';
      held = 'no';
      // Parked: the slot's check phases are over and nothing was released since; start the chain again.
      if (wasParked) releaseNext();
    };
    waitingOn.then(
      (value) => resume(() => resolve(value)),
      (err: unknown) => resume(() => reject(err)),
    );
  });
}

/** Runs `body` now when already within a turn slot, otherwise in the next free one. */
export async function withTurnSlot<T>(body: () => Promise<T>): Promise<T> {
  if (!inSlot) await nextTurnSlot();
  return body();
}

function releaseNext(): void {
  // Queued together, these run in the same check phase, one after the other, with the microtasks between: what the
  // acknowledgements wait for, then the turn.
  setImmediate(runBeforeTurn);
  setImmediate(startOne);
  setImmediate(endOne);
}

function runBeforeTurn(): void {
  for (const commit of beforeTurn) {
    beforeTurn.delete(commit);
    commit();
  }
}

function startOne(): void {
  const next = waiting.shift()!;
  const slice: Slice = { startedAt: 0, heldMs: 0, deferredFrom: 0, onSlice: next.onSlice };
  // Queued before the turn runs, these open the next check phase, ahead of the immediates the turn queues: first
  // what the next poll phase's acknowledgements ask for (they would otherwise wait behind what the turn deferred).
  setImmediate(runBeforeTurn);
  setImmediate(() => {
    // Likewise one check phase further, ahead of what the deferred part defers again (the turn's commit).
    setImmediate(runBeforeTurn);
    slice.deferredFrom = performance.now();
    inSlot = true;
  });
  current = slice;
  inSlot = true;
  slice.startedAt = performance.now();
  next.start();
}

function endOne(): void {
  const slice = current!;
  current = undefined;
  inSlot = false;
  slice.heldMs = performance.now() - slice.startedAt;
  // Queued after the turn's own immediates: it closes what the turn deferred. Only then is the next turn released,
  // into the iteration after, so a poll phase (the acknowledgements of what arrived meanwhile) runs between what this
  // turn deferred and the next turn, as between the turn itself and what it deferred.
  setImmediate(() => {
    inSlot = false;
    slice.onSlice?.((slice.heldMs + performance.now() - slice.deferredFrom) / 1000);
    // The turn waits on `holdSlotFor`: it releases the chain again when it goes on, ahead of the others.
    if (held === 'open') held = 'parked';
    else if (waiting.length > 0) releaseNext();
    else releasing = false;
  });
}
