import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { openSqlite, type SqliteDb } from '../../src/store/sqlite/database';

/** The deliveries kept and forgotten in one event-loop iteration share one commit (src/store/sqlite/inbound-journal.ts). */
describe('SQLite delivery journal: the writes of one iteration in one commit', () => {
  let dir: string;
  let store: Store;
  /** A second connection to the same file: it sees only what was committed. */
  let other: SqliteDb;
  const committed = () => (other.prepare('SELECT body FROM inbound_journal ORDER BY rowid').all() as { body: string }[]).map((r) => r.body);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-journal-batch-'));
    store = createSqliteStore(dir);
    other = openSqlite(dir);
  });
  afterEach(async () => {
    other.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('settles each add and remove only once committed, all of one iteration together', async () => {
    const [first, second] = await Promise.all([store.inboundJournal.add('zalo', 'a', 60_000), store.inboundJournal.add('zalo', 'b', 60_000)]);
    const seen: string[][] = [];
    const kept = ['c', 'd', 'e'].map((body) =>
      store.inboundJournal.add('messenger', body, 60_000).then((id) => {
        seen.push(committed());
        return id;
      }),
    );
    const forgotten = [first!, second!].map((id) => store.inboundJournal.remove(id).then(() => seen.push(committed())));
    assert.deepEqual(committed(), ['a', 'b'], 'nothing of this iteration is committed while it runs');
    await Promise.all([...kept, ...forgotten]);
    assert.deepEqual(seen, Array(5).fill(['c', 'd', 'e']), 'each call settles after the one commit that holds all five writes');
    assert.deepEqual(await store.inboundJournal.waiting(), { messenger: 3 });
  });

  it('writes the others when one row fails: each call fails alone', async () => {
    const calls = [
      store.inboundJournal.add('zalo', 'a', 60_000),
      store.inboundJournal.add(null as unknown as string, 'no channel', 60_000),
      store.inboundJournal.add('zalo', 'b', 60_000),
    ];
    const outcomes = await Promise.allSettled(calls);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(committed(), ['a', 'b']);
  });

  it('commits what waits when the store closes', async () => {
    const id = await store.inboundJournal.add('zalo', 'a', 60_000);
    void store.inboundJournal.remove(id);
    void store.inboundJournal.add('zalo', 'b', 60_000);
    await store.close();
    store = createSqliteStore(dir);
    assert.deepEqual(committed(), ['b']);
  });
});
