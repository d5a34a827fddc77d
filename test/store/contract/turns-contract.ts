import assert from 'node:assert/strict';
import { ETagConflictError, type Store } from '../../../src/store';

const at = (iso: string) => new Date(iso);
const web = { channel: 'rest', userId: 'w1' };
const question = (when: string) => ({ ...web, intent: 'procedure_fee', answered: true, at: at(when) });

/** TurnWriter: a finished turn's memory, the citizen's action and the count, with the rules of the separate writes. */
export function turnsContract(store: () => Store): void {
  describe('turns', () => {
    it('writes the memory, records the interaction and counts the question', async () => {
      const { eTag, activityError } = await store().turns.save({
        state: { key: 'rest/w1', data: { locale: 'en', lines: [] }, expectedETag: null },
        interaction: { user: web, at: at('2026-12-01T08:00:00.000Z'), locale: 'en' },
        activity: question('2026-12-01T08:00:00.000Z'),
      });
      assert.equal(activityError, undefined);
      assert.deepEqual(await store().state.read('rest/w1'), { data: { locale: 'en', lines: [] }, eTag });
      const contact = await store().contacts.get(web);
      assert.equal(contact?.locale, 'en');
      assert.deepEqual(contact?.lastInteractionAt, at('2026-12-01T08:00:00.000Z'));
      assert.deepEqual(await store().activity.daily('2026-12-01', '2026-12-01'), [{ day: '2026-12-01', channel: 'rest', conversations: 1, questions: 1, unanswered: 0 }]);

      const next = await store().turns.save({ state: { key: 'rest/w1', data: { step: 2 }, expectedETag: eTag } });
      assert.notEqual(next.eTag, eTag);
      assert.deepEqual(await store().state.read('rest/w1'), { data: { step: 2 }, eTag: next.eTag });
      assert.deepEqual(await store().activity.daily('2026-12-01', '2026-12-01'), [{ day: '2026-12-01', channel: 'rest', conversations: 1, questions: 1, unanswered: 0 }]);
    });

    it('on a stale eTag throws ETagConflictError, keeps the newer memory and the interaction, and counts nothing', async () => {
      const first = await store().state.write('rest/w1', { v: 1 }, null);
      const second = await store().state.write('rest/w1', { v: 2 }, first);
      await assert.rejects(
        store().turns.save({
          state: { key: 'rest/w1', data: { v: 'stale' }, expectedETag: first },
          interaction: { user: web, at: at('2026-12-02T08:00:00.000Z') },
          activity: question('2026-12-02T08:00:00.000Z'),
        }),
        (err: unknown) => err instanceof ETagConflictError && err.key === 'rest/w1',
      );
      assert.deepEqual(await store().state.read('rest/w1'), { data: { v: 2 }, eTag: second });
      assert.deepEqual((await store().contacts.get(web))?.lastInteractionAt, at('2026-12-02T08:00:00.000Z'));
      assert.deepEqual(await store().activity.daily('2026-12-02', '2026-12-02'), []);
    });

    it('answers a failed count as activityError and keeps the memory and the interaction', async () => {
      const { eTag, activityError } = await store().turns.save({
        state: { key: 'rest/w1', data: { v: 1 }, expectedETag: null },
        interaction: { user: web, at: at('2026-12-03T08:00:00.000Z') },
        activity: { ...question('2026-12-03T08:00:00.000Z'), at: new Date(Number.NaN) },
      });
      assert.ok(activityError instanceof Error);
      assert.deepEqual(await store().state.read('rest/w1'), { data: { v: 1 }, eTag });
      assert.deepEqual((await store().contacts.get(web))?.lastInteractionAt, at('2026-12-03T08:00:00.000Z'));
      assert.deepEqual(await store().activity.daily('2026-12-01', '2026-12-31'), []);
    });
  });
}
