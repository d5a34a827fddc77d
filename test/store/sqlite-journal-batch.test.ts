import assert from 'node:assert/strict';
import { createSqliteStore } from '../../src/store/sqlite';
import { committedView } from './committed-view';

/** The deliveries kept and forgotten in one event-loop iteration share one commit (src/store/sqlite/inbound-journal.ts). */
describe('SQLite delivery journal: the writes of one iteration in one commit', () => {
  const view = committedView('store-journal-batch-');
  const committed = () => (view.other.prepare('SELECT body FROM inbound_journal ORDER BY rowid').all() as { body: string }[]).map((r) => r.body);

  it('settles each add and remove only once committed, all of one iteration together', async () => {
    const [first, second] = await Promise.all([view.store.inboundJournal.add('zalo', 'a', 60_000), view.store.inboundJournal.add('zalo', 'b', 60_000)]);
    const seen: string[][] = [];
    const kept = ['c', 'd', 'e'].map((body) =>
      view.store.inboundJournal.add('messenger', body, 60_000).then((id) => {
        seen.push(committed());
        return id;
      }),
    );
    const forgotten = [first!, second!].map((id) => view.store.inboundJournal.remove(id).then(() => seen.push(committed())));
    assert.deepEqual(committed(), ['a', 'b'], 'nothing of this iteration is committed while it runs');
    await Promise.all([...kept, ...forgotten]);
    assert.deepEqual(seen, Array(5).fill(['c', 'd', 'e']), 'each call settles after the one commit that holds all five writes');
    assert.deepEqual(await view.store.inboundJournal.waiting(), { messenger: 3 });
  });

  it('writes the others when one row fails: each call fails alone', async () => {
    const calls = [
      view.store.inboundJournal.add('zalo', 'a', 60_000),
      view.store.inboundJournal.add(null as unknown as string, 'no channel', 60_000),
      view.store.inboundJournal.add('zalo', 'b', 60_000),
    ];
    const outcomes = await Promise.allSettled(calls);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(committed(), ['a', 'b']);
  });

  it('commits what waits when the store closes', async () => {
    const id = await view.store.inboundJournal.add('zalo', 'a', 60_000);
    void view.store.inboundJournal.remove(id);
    void view.store.inboundJournal.add('zalo', 'b', 60_000);
    await view.store.close();
    view.store = createSqliteStore(view.dir);
    assert.deepEqual(committed(), ['b']);
  });
});
