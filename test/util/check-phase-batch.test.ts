import assert from 'node:assert/strict';
import { createCheckPhaseBatch } from '../../src/util/check-phase-batch';

/** Three jobs in one batch, the second throwing: only its promise rejects, the others resolve with their values. */
async function assertOnlyTheThrowingJobRejects(together: ReturnType<typeof createCheckPhaseBatch>): Promise<void> {
  const results = await Promise.allSettled([
    together(() => 1),
    together(() => {
      throw new Error('no parse');
    }),
    together(() => 3),
  ]);
  assert.deepEqual(
    results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    [1, 'no parse', 3],
  );
}

describe('createCheckPhaseBatch', () => {
  it("runs the jobs of one iteration in its check phase, in order, back to back before any job's continuation", async () => {
    const together = createCheckPhaseBatch();
    const events: string[] = [];
    const turn = async (name: string) => {
      const value = await together(() => {
        events.push(`${name} runs`);
        return name.toUpperCase();
      });
      events.push(`${name} continues with ${value}`);
    };
    setImmediate(() => events.push('an immediate queued before the jobs'));
    const turns = [turn('a'), turn('b'), turn('c')];
    events.push('queued');
    await Promise.all(turns);
    assert.deepEqual(events, ['queued', 'an immediate queued before the jobs', 'a runs', 'b runs', 'c runs', 'a continues with A', 'b continues with B', 'c continues with C']);
  });

  it('rejects the promise of a job that throws, and runs and resolves the others', async () => {
    const together = createCheckPhaseBatch();
    await assertOnlyTheThrowingJobRejects(together);
  });

  it('puts a job handed to it from a continuation of a batch into the next batch', async () => {
    const together = createCheckPhaseBatch();
    let batch = 0;
    setImmediate(function count() {
      batch++;
      if (batch < 5) setImmediate(count);
    });
    const first = await together(() => batch);
    const second = await together(() => batch);
    assert.ok(second > first, `second job in check phase ${second}, first in ${first}`);
  });

  it('runs at most maxJobs in one check phase and the rest, in order, in the following iterations', async () => {
    const together = createCheckPhaseBatch(2);
    let phase = 0;
    const ran: string[] = [];
    setImmediate(function count() {
      phase++;
      if (phase < 5) setImmediate(count);
    });
    const jobs = ['a', 'b', 'c', 'd', 'e'].map((name) =>
      together(() => {
        ran.push(`${name}@${phase}`);
        return name;
      }),
    );
    assert.deepEqual(await Promise.all(jobs), ['a', 'b', 'c', 'd', 'e']);
    const phases = ran.map((r) => Number(r.split('@')[1]));
    assert.deepEqual(ran.map((r) => r[0]), ['a', 'b', 'c', 'd', 'e']);
    assert.equal(phases[0], phases[1]);
    assert.ok(phases[2] > phases[1] && phases[2] === phases[3] && phases[4] > phases[3], ran.join(' '));
  });

  describe('with a gather window', () => {
    const nextIteration = () => new Promise<void>((resolve) => setImmediate(resolve));

    it('holds a batch that is not full while jobs keep coming, and runs the jobs of later iterations with it, in order', async () => {
      const together = createCheckPhaseBatch(8, { ms: 40, whileBusyMs: 1000, afterBatchBelow: 4 });
      await together(() => 'first');
      let batch = 0;
      const ran: string[] = [];
      const job = (name: string) => together(() => ran.push(`${name}@${batch}`));
      const b = job('b');
      await nextIteration();
      await nextIteration();
      const c = job('c');
      await nextIteration();
      const d = job('d');
      batch++;
      await Promise.all([b, c, d]);
      assert.deepEqual(ran, ['b@1', 'c@1', 'd@1']);
    });

    it('runs a batch that fills up in the next check phase without waiting for the window', async () => {
      const together = createCheckPhaseBatch(3, { ms: 5000, whileBusyMs: 5000, afterBatchBelow: 4 });
      await together(() => 'first');
      const started = performance.now();
      const ran = await Promise.all(['a', 'b', 'c'].map((name) => together(() => name)));
      assert.deepEqual(ran, ['a', 'b', 'c']);
      assert.ok(performance.now() - started < 1000, `a full batch waited ${performance.now() - started} ms`);
    });

    it('runs a job after a quiet spell at once, and holds the next one for the window', async () => {
      const together = createCheckPhaseBatch(8, { ms: 300, whileBusyMs: 100, afterBatchBelow: 4 });
      await together(() => 'first');
      await new Promise((resolve) => setTimeout(resolve, 150));
      let started = performance.now();
      await together(() => 'after a quiet spell');
      assert.ok(performance.now() - started < 100, `a job after a quiet spell waited ${performance.now() - started} ms`);
      started = performance.now();
      await together(() => 'while busy');
      assert.ok(performance.now() - started >= 250, `a job while busy waited only ${performance.now() - started} ms`);
    });

    it('lets a job that throws reject its own promise only, in a held batch too', async () => {
      const together = createCheckPhaseBatch(8, { ms: 20, whileBusyMs: 1000, afterBatchBelow: 4 });
      await together(() => 0);
      await assertOnlyTheThrowingJobRejects(together);
    });

    it('does not hold a batch that follows a large one', async () => {
      const together = createCheckPhaseBatch(8, { ms: 400, whileBusyMs: 5000, afterBatchBelow: 3 });
      await Promise.all([1, 2, 3].map((n) => together(() => n)));
      const started = performance.now();
      await together(() => 'after a batch of 3');
      assert.ok(performance.now() - started < 300, `a job after a large batch waited ${performance.now() - started} ms`);
      await together(() => 'after a batch of 1, held');
      assert.ok(performance.now() - started >= 380, `a job after a small batch waited only ${performance.now() - started} ms`);
    });
  });
});
