import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeliveryJournal } from '../../src/channels/delivery-journal';
import { createLogger } from '../../src/ops/logger';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';

const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DeliveryJournal', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
    store = createSqliteStore(dir);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A journal whose leases run out at once, so what it keeps is visible to the next claim. */
  const journalWith = (process: (delivery: unknown, receivedAt: Date) => Promise<void>) =>
    new DeliveryJournal({ channel: 'messenger', journal: store.inboundJournal, process, logger, leaseMs: 1 });
  const leftBehind = async () => {
    await sleep(10);
    return store.inboundJournal.claimAbandoned('messenger', 10, 60_000);
  };

  it('keeps a delivery before accept resolves, processes it afterwards, then forgets it', async () => {
    const seen: unknown[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const journal = journalWith(async (delivery) => {
      await gate;
      seen.push(delivery);
    });
    await journal.accept('{"n":1}', { n: 1 });
    assert.deepEqual(seen, [], 'accept resolves before processing ends');
    release();
    await journal.idle();
    assert.deepEqual(seen, [{ n: 1 }]);
    assert.deepEqual(await leftBehind(), []);
  });

  it('keeps a delivery whose processing failed, for a replay', async () => {
    const journal = journalWith(async () => {
      throw new Error('store went away');
    });
    await journal.accept('{"n":2}', { n: 2 });
    await journal.idle();
    assert.deepEqual((await leftBehind()).map((e) => e.body), ['{"n":2}']);
  });

  it('keeps with a failed delivery what its attempts decided, and hands it and their claims to the next attempt', async () => {
    const seenAttempts: { owner: string; reclaim: readonly string[]; decidedBefore: boolean }[] = [];
    const journal = new DeliveryJournal({
      channel: 'messenger',
      journal: store.inboundJournal,
      logger,
      leaseMs: 1,
      process: async (_delivery, _at, attempt) => {
        seenAttempts.push({ ...attempt.claim, decidedBefore: attempt.decidedBefore('messenger:msg:a') });
        attempt.decide('messenger:msg:a');
        throw new Error('Redis went away before the next event');
      },
    });
    await journal.accept('{"n":9}', { n: 9 });
    await journal.idle();
    await sleep(10);
    assert.equal(await journal.recover(), 1);
    await journal.idle();
    const [first, second] = seenAttempts;
    assert.equal(first!.decidedBefore, false);
    assert.deepEqual(first!.reclaim, [], 'no attempt failed before the first');
    assert.equal(second!.decidedBefore, true, 'the replay knows the first attempt decided the event');
    assert.deepEqual(second!.reclaim, [first!.owner], 'and may take back the marks of the attempt that failed');
    assert.notEqual(second!.owner, first!.owner);
    const [kept] = await leftBehind();
    assert.deepEqual(kept!.progress, { decided: ['messenger:msg:a'], failedAttempts: [1, 2] });
  });

  it('replays what a dead process left, with the time it was received, and drops an unreadable entry', async () => {
    await store.inboundJournal.add('messenger', '{"n":3}', 1);
    await store.inboundJournal.add('messenger', 'not json', 1);
    await sleep(10);
    const replayed: [unknown, Date][] = [];
    const journal = journalWith(async (delivery, receivedAt) => void replayed.push([delivery, receivedAt]));
    assert.equal(await journal.recover(), 1, 'the readable one is replayed, the other dropped');
    await journal.idle();
    assert.deepEqual(replayed.map(([d]) => d), [{ n: 3 }]);
    assert.ok(replayed[0][1] < new Date(Date.now() - 5), 'the original receipt time');
    assert.deepEqual(await leftBehind(), []);
  });

  it('retries a failing delivery after a delay that doubles, then gives it up, counted, instead of replaying it for ever', async () => {
    let clock = new Date('2026-12-05T08:00:00.000Z');
    await store.close();
    store = createSqliteStore(dir, { now: () => clock });
    const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));
    const givenUp: string[] = [];
    let runs = 0;
    const journal = new DeliveryJournal({
      channel: 'messenger',
      journal: store.inboundJournal,
      logger,
      leaseMs: 1000,
      maxAttempts: 3,
      onGiveUp: (channel) => givenUp.push(channel),
      process: async () => {
        runs++;
        throw new Error('this body breaks a handler every time');
      },
    });
    await journal.accept('{"n":4}', { n: 4 });
    await journal.idle();
    for (const [delay, attempt] of [[1000, 2], [2000, 3]] as const) {
      tick(delay - 1);
      assert.equal(await journal.recover(), 0, `not before ${delay} ms (attempt ${attempt})`);
      tick(1);
      assert.equal(await journal.recover(), 1, `after ${delay} ms`);
      await journal.idle();
      assert.equal(runs, attempt);
    }
    tick(4000);
    assert.equal(await journal.recover(), 0, 'the fourth start is never made');
    assert.equal(runs, 3);
    assert.deepEqual(givenUp, ['messenger']);
    assert.deepEqual(await store.inboundJournal.waiting(), {});
  });

  it('gives up nothing that succeeds on a retry', async () => {
    let fail = true;
    const journal = journalWith(async () => {
      if (fail) throw new Error('store went away for a moment');
    });
    await journal.accept('{"n":5}', { n: 5 });
    await journal.idle();
    fail = false;
    await sleep(10);
    assert.equal(await journal.recover(), 1);
    await journal.idle();
    assert.deepEqual(await store.inboundJournal.waiting(), {});
  });

  it('under a flood larger than its bound keeps only the bound in memory, the rest in the journal, and runs each once, in order per citizen', async () => {
    const bound = 5;
    const citizens = ['c1', 'c2', 'c3'];
    const flood = Array.from({ length: 40 }, (_, n) => ({ citizen: citizens[n % citizens.length], n }));
    const handed: { citizen: string; n: number }[] = [];
    let slow = false;
    const journal = new DeliveryJournal({
      channel: 'messenger',
      journal: store.inboundJournal,
      logger,
      maxWaiting: bound,
      process: async (delivery) => {
        handed.push(delivery as { citizen: string; n: number });
        // Some turns wait on the network, so later ones are claimed while earlier ones still run.
        if ((slow = !slow)) await sleep(1);
      },
    });
    // Accepted together, as a burst of webhooks read in one poll phase: no turn has started yet.
    await Promise.all(flood.map((d) => journal.accept(JSON.stringify(d), d)));
    assert.equal((await store.inboundJournal.waiting()).messenger, 40, 'every delivery is in the journal before its 200');
    await journal.idle();

    assert.deepEqual(handed.map((d) => d.n).sort((a, b) => a - b), flood.map((d) => d.n), 'each delivery is handled exactly once');
    for (const citizen of citizens) {
      const theirs = handed.filter((d) => d.citizen === citizen).map((d) => d.n);
      assert.deepEqual(theirs, flood.filter((d) => d.citizen === citizen).map((d) => d.n), `${citizen}'s deliveries in arrival order`);
    }
    // The parsed bodies of the first `bound` were kept in memory; every later one was read back from the journal.
    const keptInMemory = handed.filter((d) => flood.includes(d)).map((d) => d.n);
    assert.deepEqual(keptInMemory, flood.slice(0, bound).map((d) => d.n));
    assert.deepEqual(await store.inboundJournal.waiting(), {}, 'all forgotten once handled');
  });

  it('acknowledges a delivery kept in its backlog without waiting for a claim: the backlog is loaded in a turn slot of its own', async () => {
    const order: string[] = [];
    const inbound = store.inboundJournal;
    let sixth: Promise<unknown> | undefined;
    const journal = new DeliveryJournal({
      channel: 'messenger',
      // A claim reads and leases rows in one transaction: the acknowledgement has no use for it.
      journal: { ...inbound, claimAbandoned: (...args) => (order.push('claim'), inbound.claimAbandoned(...args)) },
      logger,
      maxWaiting: 2,
      process: async (delivery) => {
        const { n } = delivery as { n: number };
        order.push(`turn ${n}`);
        // Arrives while the backlog is loaded back and there is room for one more in memory.
        if (n === 2) sixth = journal.accept('{"n":6}', { n: 6 }).then(() => order.push('ack 6'));
      },
    });
    const flood = Array.from({ length: 6 }, (_, n) => ({ n }));
    await Promise.all(flood.map((d) => journal.accept(JSON.stringify(d), d)));
    await journal.idle();
    await sixth;
    await journal.idle();

    const acknowledged = order.indexOf('ack 6');
    assert.ok(acknowledged > order.indexOf('turn 2'), order.join(', '));
    assert.ok(!order.slice(order.indexOf('turn 2'), acknowledged).includes('claim'), `no claim between its arrival and its 200: ${order.join(', ')}`);
    assert.deepEqual(order.filter((e) => e.startsWith('turn')).map((e) => Number(e.slice(5))).sort(), [0, 1, 2, 3, 4, 5, 6], 'each handled once');
    assert.deepEqual(await store.inboundJournal.waiting(), {});
  });

  it('shares a flood it could not hold with another instance, and nothing runs twice', async () => {
    const ran: string[] = [];
    const mine = new DeliveryJournal({ channel: 'messenger', journal: store.inboundJournal, logger, maxWaiting: 3, process: async (d) => void ran.push(`mine ${(d as { n: number }).n}`) });
    const other = new DeliveryJournal({ channel: 'messenger', journal: store.inboundJournal, logger, maxWaiting: 3, process: async (d) => void ran.push(`other ${(d as { n: number }).n}`) });
    const flood = Array.from({ length: 20 }, (_, n) => ({ n }));
    await Promise.all(flood.map((d) => mine.accept(JSON.stringify(d), d)));
    // Another instance's periodic sweep comes by while this one's backlog waits in the journal.
    await other.recover();
    await Promise.all([mine.idle(), other.idle()]);
    const numbers = ran.map((r) => Number(r.split(' ')[1])).sort((a, b) => a - b);
    assert.deepEqual(numbers, flood.map((d) => d.n), 'each once, across both');
    assert.ok(ran.some((r) => r.startsWith('other')), 'the other instance took part of the backlog');
    assert.deepEqual(await store.inboundJournal.waiting(), {});
  });
});
