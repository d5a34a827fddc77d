/**
 * Round 36 (perf27): the understanding's worker scavenges its young generation between answers, not in the middle of
 * the next parse or its answer's post (src/ops/idle-scavenge.ts; docs/performance.md, "Idle-scavenge round").
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import v8 from 'node:v8';
import { IdleScavenger, youngGeneration, type YoungGeneration } from '../../src/ops/idle-scavenge';

const KB = 1024;

/** A scavenger with a fake `gc`, young generation and loop: `reads` are what each read returns, in turn. */
function fake(reads: YoungGeneration[]) {
  const calls: string[] = [];
  const queued: Array<() => void> = [];
  const gc = ((options?: { type?: string }) => calls.push(options?.type ?? 'full')) as unknown as NodeJS.GCFunction;
  const scavenger = new IdleScavenger(gc, () => reads.shift() ?? { used: 0, available: 1000 * KB }, (fn) => queued.push(fn));
  return { scavenger, calls, queued };
}


describe('scavenging between answers (IdleScavenger)', () => {
  it('does nothing where the runtime gives no gc (tests, CLIs: no --expose-gc)', () => {
    const queued: Array<() => void> = [];
    const scavenger = new IdleScavenger(undefined, () => assert.fail('read without gc'), (fn) => queued.push(fn));
    scavenger.answered();
    assert.equal(queued.length, 0);
    scavenger.check();
    assert.equal(scavenger.scavenges, 0);
  });

  it('queues one check however many answers were posted before the loop gets to it', () => {
    const { scavenger, queued } = fake([]);
    scavenger.answered();
    scavenger.answered();
    scavenger.answered();
    assert.equal(queued.length, 1);
    queued.shift()!();
    scavenger.answered();
    assert.equal(queued.length, 1, 'a new check once the last has run');
  });

  /** A young generation of 1,000 KB (V8 schedules its own scavenge at 800 KB) answering `sizes` KB in turn, checked after each. */
  function simulate(sizes: number[]) {
    let used = 30 * KB;
    let highest = 0;
    const scavengedAfter: number[] = [];
    const gc = (() => {
      used = 30 * KB;
    }) as unknown as NodeJS.GCFunction;
    const scavenger = new IdleScavenger(gc, () => ({ used, available: 1000 * KB - used }), () => undefined);
    sizes.forEach((size, i) => {
      used += size * KB;
      highest = Math.max(highest, used);
      const before = scavenger.scavenges;
      scavenger.check();
      if (scavenger.scavenges > before) scavengedAfter.push(i);
    });
    return { highest, scavengedAfter };
  }

  it('scavenges between answers before the next would take the young generation past 80 %', () => {
    const { highest, scavengedAfter } = simulate(Array.from({ length: 100 }, (_, i) => 60 + (i % 5) * 20));
    assert.ok(highest <= 800 * KB, `highest ${highest / KB} KB`);
    // 100 KB an answer on average: 10 MB in all, a scavenge every ~5–7 answers (V8 alone: every ~8).
    assert.ok(scavengedAfter.length >= 12 && scavengedAfter.length <= 20, `${scavengedAfter.length} scavenges`);
  });

  it('after one large letter, keeps room for another for a few answers, then returns to the usual', () => {
    const sizes = Array.from({ length: 100 }, (_, i) => (i === 20 ? 600 : 80));
    const { highest, scavengedAfter } = simulate(sizes);
    assert.ok(highest <= 30 * KB + 80 * 20 * KB + 600 * KB, 'the letter itself may land anywhere');
    const afterLetter = scavengedAfter.filter((i) => i >= 20 && i < 30).length;
    assert.ok(afterLetter <= 7, `scavenges in the 10 answers after it: ${afterLetter}`);
    const late = scavengedAfter.filter((i) => i >= 60);
    assert.ok(late.length >= 4 && late.length <= 8, `the last 40 answers of 80 KB: ${late.length} scavenges`);
  });

  it('reads the real young generation', () => {
    const young = youngGeneration();
    assert.ok(young.used > 0 && young.available > 0 && Number.isFinite(young.available));
  });

  it('with V8: a worker with the understanding worker\'s 2-MB young generation scavenges between answers, not while answering', async function () {
    this.timeout(60_000);
    const file = path.join(__dirname, '..', 'support', 'idle-scavenge-worker.ts');
    async function run(idle: boolean, messages: number) {
      // --expose-gc for this worker, as `npm start` gives every thread; cleared once its context exists (`online`), so
      // the workers of later tests in this process start as mocha's own do.
      v8.setFlagsFromString('--expose-gc');
      const worker = new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(file)});`, {
        eval: true,
        workerData: { idle },
        resourceLimits: { maxYoungGenerationSizeMb: 2 },
      });
      try {
        await new Promise((resolve) => worker.once('online', resolve));
        v8.setFlagsFromString('--no-expose-gc');
        const next = () => new Promise<unknown>((resolve) => worker.once('message', resolve));
        for (let i = 0; i < messages; i++) {
          const answered = next();
          worker.postMessage(i);
          await answered;
          // Requests apart, as `/model/parse`'s at 200 a second are (back to back, the worker is never idle).
          await new Promise((r) => setTimeout(r, 1));
        }
        const report = next();
        worker.postMessage('report');
        return (await report) as { inside: number; between: number; hasGc: boolean; asked: number };
      } finally {
        await worker.terminate();
      }
    }
    const withIt = await run(true, 1000);
    assert.ok(withIt.hasGc, 'the worker has gc');
    // ~100 MB allocated in a ~1 MB young generation: ~100 scavenges, nearly all of them the scavenger's, between answers.
    const all = withIt.inside + withIt.between;
    assert.ok(withIt.asked >= 0.8 * all && all >= 50, `the scavenger asked for most: ${JSON.stringify(withIt)}`);
    assert.ok(withIt.inside <= 0.02 * all, `inside answers: ${JSON.stringify(withIt)}`);
    // Without it, every scavenge is V8's own (here, with nothing else allocating, its scheduled task also lands between
    // answers; in the understanding's worker 74–92 of 93–94 landed on the answer's path: docs/performance.md).
    const without = await run(false, 200);
    assert.equal(without.asked, 0);
    // And the flag is cleared for the workers of later tests.
    const later = new Worker(`require('node:worker_threads').parentPort.postMessage(typeof globalThis.gc)`, { eval: true });
    const gcType = await new Promise((resolve) => later.once('message', resolve));
    await later.terminate();
    assert.equal(gcType, 'undefined');
  });
});
