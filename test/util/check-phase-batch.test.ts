import assert from 'node:assert/strict';
import { createCheckPhaseBatch } from '../../src/util/check-phase-batch';

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
});
