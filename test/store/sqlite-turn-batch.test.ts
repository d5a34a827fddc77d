import assert from 'node:assert/strict';
import { ETagConflictError, type FinishedTurn } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { committedView } from './committed-view';
import { openSqlite } from '../../src/store/sqlite/database';
import { systemClock } from '../../src/store/store-options';
import { createSqliteTurnWriter } from '../../src/store/sqlite/turn-writer';

const at = new Date('2026-12-04T08:00:00.000Z');
const turnOf = (userId: string, data: unknown, expectedETag: string | null = null): FinishedTurn => ({
  state: { key: `rest/${userId}`, data, expectedETag },
  interaction: { user: { channel: 'rest', userId }, at },
  activity: { channel: 'rest', userId, intent: 'procedure_fee', answered: true, at },
  lines: { user: { channel: 'rest', userId }, lines: [{ at, from: 'citizen', text: `hỏi ${userId}` }, { at, from: 'bot', text: `đáp ${userId}` }] },
});

/** The turns of one event-loop iteration are committed together (src/store/sqlite/turn-writer.ts). */
describe('SQLite turn writer: turns of one iteration in one commit', () => {
  const view = committedView('store-turn-batch-');
  const committedState = (key: string) => view.other.prepare('SELECT data FROM state WHERE key = ?').get(key) as { data: string } | undefined;
  const committedContact = (userId: string) => view.other.prepare("SELECT 1 FROM contacts WHERE channel = 'rest' AND user_id = ?").get(userId) !== undefined;
  const committedLines = (userId: string) =>
    (view.other.prepare("SELECT text FROM conversation_lines WHERE channel = 'rest' AND user_id = ? ORDER BY seq").all(userId) as { text: string }[]).map((r) => r.text);

  it('settles a save only once its turn is committed, and writes the memory as it was when saved', async () => {
    const memory = { step: 1 };
    const saving = view.store.turns.save(turnOf('a', memory));
    memory.step = 2;
    assert.equal(committedState('rest/a'), undefined, 'not committed while the iteration runs');
    const { eTag } = await saving;
    assert.deepEqual(JSON.parse(committedState('rest/a')!.data), { step: 1 });
    assert.deepEqual(await view.store.state.read('rest/a'), { data: { step: 1 }, eTag });
  });

  it('loses nothing of the other turns of a batch when one throws', async () => {
    const broken: FinishedTurn = { ...turnOf('b', { v: 'b' }), interaction: { user: { channel: 'rest', userId: 'b' }, at: new Date(Number.NaN) } };
    const results = await Promise.allSettled([view.store.turns.save(turnOf('a', { v: 'a' })), view.store.turns.save(broken), view.store.turns.save(turnOf('c', { v: 'c' }))]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.ok((results[1] as PromiseRejectedResult).reason instanceof RangeError);
    assert.deepEqual(JSON.parse(committedState('rest/a')!.data), { v: 'a' });
    assert.deepEqual(JSON.parse(committedState('rest/c')!.data), { v: 'c' });
    assert.equal(committedState('rest/b'), undefined, 'the failed turn wrote nothing');
    assert.equal(committedContact('b'), false);
    assert.ok(committedContact('a') && committedContact('c'));
    assert.deepEqual([committedLines('a'), committedLines('b'), committedLines('c')], [['hỏi a', 'đáp a'], [], ['hỏi c', 'đáp c']], 'the batch rolled back and written again: each line once');
    assert.deepEqual(await view.store.activity.daily('2026-12-04', '2026-12-04'), [{ day: '2026-12-04', channel: 'rest', conversations: 2, questions: 2, unanswered: 0 }]);
  });

  it('keeps each turn\'s eTag rule inside a batch: a stale one is refused, its interaction kept, the others written', async () => {
    const first = await view.store.state.write('rest/b', { v: 1 }, null);
    await view.store.state.write('rest/b', { v: 2 }, first);
    const results = await Promise.allSettled([view.store.turns.save(turnOf('a', { v: 'a' })), view.store.turns.save(turnOf('b', { v: 'stale' }, first)), view.store.turns.save(turnOf('c', { v: 'c' }))]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.ok((results[1] as PromiseRejectedResult).reason instanceof ETagConflictError);
    assert.deepEqual(JSON.parse(committedState('rest/b')!.data), { v: 2 });
    assert.ok(committedContact('b'), 'the citizen\'s action is kept');
    assert.deepEqual(JSON.parse(committedState('rest/c')!.data), { v: 'c' });
    assert.deepEqual([committedLines('a'), committedLines('b'), committedLines('c')], [['hỏi a', 'đáp a'], [], ['hỏi c', 'đáp c']], 'a stale turn appends no line');
    assert.deepEqual(await view.store.activity.daily('2026-12-04', '2026-12-04'), [{ day: '2026-12-04', channel: 'rest', conversations: 2, questions: 2, unanswered: 0 }]);
  });

  it('commits the turns still waiting when the store closes', async () => {
    const saving = view.store.turns.save(turnOf('a', { v: 'a' }));
    await view.store.close();
    await saving;
    view.store = createSqliteStore(view.dir);
    assert.deepEqual((await view.store.state.read('rest/a'))?.data, { v: 'a' });
  });

  it('commits a full batch at once, inside the save that filled it', async () => {
    const db = openSqlite(view.dir);
    try {
      const writer = createSqliteTurnWriter(db, systemClock, 2);
      const saves = [writer.save(turnOf('x', { v: 1 })), writer.save(turnOf('y', { v: 2 }))];
      assert.ok(committedState('rest/x') && committedState('rest/y'), 'committed before the iteration ends');
      await Promise.all(saves);
      const third = writer.save(turnOf('z', { v: 3 }));
      assert.equal(committedState('rest/z'), undefined);
      await third;
      assert.ok(committedState('rest/z'));
    } finally {
      db.close();
    }
  });
});
