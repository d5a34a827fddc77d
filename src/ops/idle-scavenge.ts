/**
 * A thread that answers one message at a time (the understanding's worker) scavenges its young generation when it has
 * nothing to do, instead of in the middle of the next answer.
 *
 * V8 scavenges when the young generation is full, which in the worker is always during a parse: at 200 parses/s about
 * one parse in twelve paid a scavenge (~1 MB allocated between two, ~85 KB a parse), and that scavenge also copied the
 * half-built parse it interrupted (docs/performance.md, "Parse and turn tail round"); most of them ran inside the
 * answer's `postMessage`. After each answer is posted, `IdleScavenger.answered()` queues one check for the loop's next
 * check phase (`setImmediate`: after the messages already delivered); it reads how full the young generation is and,
 * when another 1.5 of the largest recent answers' allocations would take it past the point where V8 schedules its own
 * scavenge (80 % of its capacity, `--minor-gc-task-trigger`), scavenges there, with nothing in flight. The next parse
 * starts with an empty young generation; V8's own scavenges remain for a burst that fills it anyway.
 *
 * `gc` exists when Node runs with --expose-gc, as `npm start` and the image start it (src/ops/start-up-garbage.ts);
 * elsewhere (tests, CLIs) this does nothing. One heap-statistics read a check (a few µs).
 */
import v8 from 'node:v8';

/** How full the young generation is now: bytes used in its active half and bytes left before V8 scavenges. */
export interface YoungGeneration {
  used: number;
  available: number;
}

export function youngGeneration(): YoungGeneration {
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space') return { used: space.space_used_size, available: space.space_available_size };
  }
  return { used: 0, available: Infinity };
}

/** How many of the largest recent allocations between two checks must still fit below TRIGGER, or the check scavenges. */
const HEADROOM = 1.5;
/** V8 schedules a scavenge once the young generation is this full (`--minor-gc-task-trigger`, 80 by default). */
const TRIGGER = 0.8;
/** The largest recent allocation fades by this a check, so one large letter does not keep the threshold up for good. */
const FADE = 0.95;

export class IdleScavenger {
  private queued = false;
  private lastUsed = 0;
  /** The largest allocation between two checks lately (bytes, fading). */
  private peak = 0;
  /** Scavenges this has asked for (tests, the docs' figures). */
  scavenges = 0;

  constructor(
    private readonly gc: NodeJS.GCFunction | undefined = globalThis.gc,
    private readonly read: () => YoungGeneration = youngGeneration,
    private readonly later: (fn: () => void) => void = (fn) => void setImmediate(fn),
  ) {}

  /** An answer was posted: check once the loop has handled what else has arrived. */
  answered(): void {
    if (!this.gc || this.queued) return;
    this.queued = true;
    this.later(() => this.check());
  }

  /** Scavenges when another HEADROOM of the largest recent allocations would take the young generation past TRIGGER. */
  check(): void {
    this.queued = false;
    const gc = this.gc;
    if (!gc) return;
    const now = this.read();
    // Used fell since the last check: V8 scavenged in between; what was allocated since is at least what is used now.
    const grown = now.used >= this.lastUsed ? now.used - this.lastUsed : now.used;
    this.peak = Math.max(grown, this.peak * FADE);
    if (now.used + HEADROOM * this.peak > TRIGGER * (now.used + now.available)) {
      gc({ type: 'minor' });
      this.scavenges++;
      this.lastUsed = this.read().used;
    } else this.lastUsed = now.used;
  }
}
