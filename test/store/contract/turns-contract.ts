import assert from 'node:assert/strict';
import { ETagConflictError, type Store } from '../../../src/store';

const at = (iso: string) => new Date(iso);
const web = { channel: 'rest', userId: 'w1' };
const question = (when: string) => ({ ...web, intent: 'procedure_fee', answered: true, at: at(when) });

/**
 * TurnStore: what a turn reads first (memory, open hand-off, whether outbox messages wait) as the separate ports answer
 * it, and a finished turn's memory, the citizen's action and the count, with the rules of the separate writes.
 */
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

    it("reads a turn's context: nothing for a conversation never seen", async () => {
      assert.deepEqual(await store().turns.read('rest/w1', web), { state: undefined, openHandoff: undefined, outboxWaiting: false });
    });

    it('reads the memory as state.read does, and only its own key and user', async () => {
      const eTag = await store().state.write('rest/w1', { locale: 'en', step: 2 }, null);
      await store().state.write('rest/w2', { other: true }, null);
      await store().state.write('rest-menu/w1', { menu: 1 }, null);
      const read = await store().turns.read('rest/w1', web);
      assert.deepEqual(read.state, { data: { locale: 'en', step: 2 }, eTag });
      assert.deepEqual(read.state, await store().state.read('rest/w1'));
      const saved = await store().turns.save({ state: { key: 'rest/w1', data: { step: 3 }, expectedETag: eTag } });
      assert.deepEqual((await store().turns.read('rest/w1', web)).state, { data: { step: 3 }, eTag: saved.eTag });
    });

    it('reads the open hand-off as handoffs.findOpen does, and none once it is closed', async () => {
      await store().handoffs.open({ channel: 'rest', userId: 'w2', locale: 'vi', reason: 'human_agent', transcript: [] });
      assert.equal((await store().turns.read('rest/w1', web)).openHandoff, undefined, "another citizen's hand-off");
      const { record } = await store().handoffs.open({ ...web, locale: 'vi', reason: 'human_agent', transcript: [{ at: at('2026-12-04T08:00:00.000Z'), from: 'citizen', text: 'xin gặp cán bộ' }] });
      await store().handoffs.claim(record.id, 'officer-1', at('2026-12-04T08:01:00.000Z'), false);
      // Every field the record has set: both sides have written since it opened.
      await store().handoffs.append(record.id, [{ at: at('2026-12-04T08:02:00.000Z'), from: 'officer', text: 'chào anh', officer: 'officer-1' }]);
      const open = (await store().turns.read('rest/w1', web)).openHandoff;
      assert.ok(open?.officerWroteAt && open.citizenWroteAt, JSON.stringify(open));
      assert.deepEqual(open, await store().handoffs.findOpen(web));
      assert.equal(open?.claimedBy, 'officer-1');
      assert.equal(open?.status, 'engaged');
      await store().handoffs.close(record.id, at('2026-12-04T09:00:00.000Z'));
      assert.equal((await store().turns.read('rest/w1', web)).openHandoff, undefined);
    });

    it('says whether outbox messages wait as outbox.claimable does: not once claimed by a drain, nor once delivered', async () => {
      const o = store().outbox;
      await o.enqueue({ channel: 'rest', userId: 'w2', key: 'other', kind: 'k', data: {} });
      await o.enqueue({ channel: 'zalo', userId: 'w1', key: 'other-channel', kind: 'k', data: {} });
      assert.equal((await store().turns.read('rest/w1', web)).outboxWaiting, false, "another citizen's messages");
      await o.enqueue({ ...web, key: 'mine', kind: 'k', data: {} });
      assert.equal((await store().turns.read('rest/w1', web)).outboxWaiting, true);
      assert.equal(await o.claimable(web), true);
      const [claimed] = await o.claim(web, 10, 60_000);
      assert.equal((await store().turns.read('rest/w1', web)).outboxWaiting, false, 'held by a drain');
      assert.equal(await o.claimable(web), false);
      await o.requeue([claimed!.id]);
      assert.equal((await store().turns.read('rest/w1', web)).outboxWaiting, true, 'put back');
      await o.claim(web, 10, 60_000);
      await o.markDelivered([claimed!.id]);
      assert.equal((await store().turns.read('rest/w1', web)).outboxWaiting, false, 'delivered');
      assert.equal(await o.claimable(web), false);
    });

    it('says outbox messages wait again once a claim\'s lease has run out', async () => {
      await store().outbox.enqueue({ ...web, key: 'lease', kind: 'k', data: {} });
      assert.equal((await store().outbox.claim(web, 1, 1)).length, 1);
      await new Promise((r) => setTimeout(r, 20));
      assert.equal((await store().turns.read('rest/w1', web)).outboxWaiting, true);
      assert.equal(await store().outbox.claimable(web), true);
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
