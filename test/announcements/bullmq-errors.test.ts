import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BullmqRunner, errorWarner, sendQueueName } from '../../src/announcements/bullmq-runner';
import type { DeliveryEngine } from '../../src/announcements/delivery-engine';
import { createLogger } from '../../src/ops/logger';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { eventually } from '../channels/zalo/zalo-support';
import { captureLogs } from '../support/log-lines';
import { OwnRedis } from '../support/own-redis';
import { uniqueRedisPrefix } from '../support/server';

describe('BullMQ runner errors while Redis is away (own redis-server)', function () {
  this.timeout(60_000);
  let redis: OwnRedis;
  let dir: string;
  let store: Store;
  let runner: BullmqRunner | undefined;
  const printed: unknown[][] = [];
  const { error, warn } = console;

  before(async () => {
    redis = await OwnRedis.onFreePort();
    await redis.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bullmq-errors-'));
    store = createSqliteStore(dir);
    // What BullMQ prints itself when an `error` event has no listener.
    console.error = (...args: unknown[]) => void printed.push(args);
    console.warn = (...args: unknown[]) => void printed.push(args);
  });
  after(async () => {
    console.error = error;
    console.warn = warn;
    // Back first: queues and workers left reconnecting to a server that is gone would hold close() past its grace.
    await redis.start();
    await runner?.close();
    await redis.kill();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('logs each worker\'s and queue\'s Redis errors as warnings, message only, and prints nothing to the console', async () => {
    const { lines, stream } = captureLogs();
    // No announcement is planned or sent here: the engine is never reached.
    runner = new BullmqRunner({} as DeliveryEngine, store.announcements, {
      redisUrl: redis.url,
      keyPrefix: uniqueRedisPrefix('bullmq-errors'),
      perSecond: { zalo: 10 },
      concurrency: 2,
      pollMs: 60_000,
      leaseMs: 60_000,
      now: () => new Date(),
      logger: createLogger('info', stream),
    });
    await runner.start();
    assert.equal(lines.length, 0, 'nothing logged while Redis is up');
    await redis.kill();

    const warned = (role: string, queue: string) => lines.some((l) => l.role === role && l.queue === queue);
    const sources = [['worker', 'announcement-plan'], ['worker', sendQueueName('zalo')], ['queue', 'announcement-plan'], ['queue', sendQueueName('zalo')]];
    await eventually(() => sources.every(([role, queue]) => warned(role!, queue!)), `a warning from each of ${JSON.stringify(sources)}: ${JSON.stringify(lines)}`, 30_000);
    for (const line of lines) {
      assert.equal(line.level, 'warn');
      assert.equal(typeof line.error, 'string');
      assert.equal(line.err, undefined, 'no stack');
    }
    // Within the 30-s window each source logged once, however many reconnect attempts failed.
    for (const [role, queue] of sources) assert.equal(lines.filter((l) => l.role === role && l.queue === queue).length, 1, `${role} ${queue}`);
    assert.deepEqual(printed, [], 'nothing printed to the console');
  });
});

describe('errorWarner', () => {
  it('logs a source once a window and says how many errors it left out since', () => {
    const { lines, stream } = captureLogs();
    let clock = 0;
    const warnOf = errorWarner(createLogger('info', stream), () => clock);
    const plan = warnOf('worker', 'announcement-plan');
    const send = warnOf('worker', 'announcement-send-zalo');
    for (let i = 0; i < 5; i++) plan(new Error('connect ECONNREFUSED'));
    send(new Error('Missing lock for job 1'));
    clock += 29_999;
    plan(new Error('connect ECONNREFUSED'));
    clock += 1;
    plan(new Error('connect ECONNREFUSED'));
    assert.deepEqual(
      lines.map((l) => [l.queue, l.error, l.leftOut]),
      [
        ['announcement-plan', 'connect ECONNREFUSED', undefined],
        ['announcement-send-zalo', 'Missing lock for job 1', undefined],
        ['announcement-plan', 'connect ECONNREFUSED', 5],
      ],
    );
  });
});
