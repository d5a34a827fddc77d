import assert from 'node:assert/strict';
import { retrying, type AttemptResult, type RetryPolicy } from '../../../src/channels/outbound/retry';

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

/** Plays back verdicts in order and records the waits between them. */
function script(verdicts: AttemptResult<string>[]) {
  const waits: number[] = [];
  let calls = 0;
  const attempt = async () => verdicts[calls++];
  const sleep = async (ms: number) => void waits.push(ms);
  return { attempt, sleep, waits, calls: () => calls };
}

describe('retrying', () => {
  it('stops at the first attempt that is done', async () => {
    const s = script([{ retry: 'busy' }, { done: 'sent' }, { done: 'never' }]);
    assert.equal(await retrying(s.attempt, policy, s.sleep), 'sent');
    assert.equal(s.calls(), 2);
  });

  it('gives up after the policy\'s attempts with the last verdict, backing off within the growing ceiling', async () => {
    const s = script([{ retry: 'a' }, { retry: 'b' }, { retry: 'c' }, { retry: 'd' }, { done: 'late' }]);
    assert.equal(await retrying(s.attempt, policy, s.sleep), 'd');
    assert.equal(s.calls(), 4);
    assert.equal(s.waits.length, 3);
    s.waits.forEach((w, i) => assert.ok(w >= 0 && w <= 100 * 2 ** i, `wait ${i} = ${w}`));
  });

  it('waits at least what the server asked, and hands back at once when it asks for more than the ceiling', async () => {
    const short = script([{ retry: 'slow down', afterMs: 700 }, { done: 'sent' }]);
    assert.equal(await retrying(short.attempt, policy, short.sleep), 'sent');
    assert.ok(short.waits[0] >= 700);
    const long = script([{ retry: 'come back in a minute', afterMs: 60_000 }, { done: 'never' }]);
    assert.equal(await retrying(long.attempt, policy, long.sleep), 'come back in a minute');
    assert.deepEqual(long.waits, []);
  });
});
