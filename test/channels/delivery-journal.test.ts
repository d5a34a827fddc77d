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
});
