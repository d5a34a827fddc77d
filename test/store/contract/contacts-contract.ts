import assert from 'node:assert/strict';
import type { AudienceFilter, ChannelUser, Store } from '../../../src/store';

const at = (iso: string) => new Date(iso);
const user = (channel: string, userId: string): ChannelUser => ({ channel, userId });

/** Everyone's audience page by page, as the announcement engine streams it. */
async function wholeAudience(store: Store, filter: AudienceFilter, pageSize = 2): Promise<string[]> {
  const seen: string[] = [];
  let after: ChannelUser | undefined;
  for (;;) {
    const page = await store.contacts.audiencePage(filter, pageSize, after);
    if (page.length === 0) return seen;
    seen.push(...page.map((c) => `${c.channel}/${c.userId}`));
    after = page[page.length - 1];
  }
}

/** Contacts: interactions and windows, follow state, reachability, subscriptions and audiences. */
export function contactsContract(store: () => Store): void {
  describe('contacts', () => {
    it('creates a contact on its first interaction and keeps the latest one, even when events arrive out of order', async () => {
      const c = store().contacts;
      const zara = user('zalo', 'z1');
      assert.equal(await c.get(zara), undefined);
      await c.recordInteraction(zara, at('2026-12-01T08:00:00.000Z'));
      await c.recordInteraction(zara, at('2026-12-03T08:00:00.000Z'), { locale: 'en' });
      await c.recordInteraction(zara, at('2026-12-02T08:00:00.000Z'));
      const got = await c.get(zara);
      assert.equal(got?.locale, 'en');
      assert.deepEqual(got?.firstSeenAt, at('2026-12-01T08:00:00.000Z'));
      assert.deepEqual(got?.lastInteractionAt, at('2026-12-03T08:00:00.000Z'));
      assert.equal(got?.following, undefined);
      assert.equal(got?.subscription, undefined);
    });

    it('records follow and unfollow, and an unreachable citizen becomes reachable again when they act', async () => {
      const c = store().contacts;
      const zara = user('zalo', 'z2');
      await c.recordUnfollow(zara);
      assert.equal(await c.get(zara), undefined, 'an unfollow of an unknown citizen creates nothing');
      await c.recordInteraction(zara, at('2026-12-01T08:00:00.000Z'), { following: true });
      assert.equal((await c.get(zara))?.following, true);
      await c.recordUnfollow(zara);
      const unfollowed = await c.get(zara);
      assert.equal(unfollowed?.following, false);
      assert.deepEqual(unfollowed?.lastInteractionAt, at('2026-12-01T08:00:00.000Z'), 'an unfollow opens no window');
      await c.markUnreachable(zara, at('2026-12-02T08:00:00.000Z'));
      assert.deepEqual((await c.get(zara))?.unreachableAt, at('2026-12-02T08:00:00.000Z'));
      await c.recordInteraction(zara, at('2026-12-03T08:00:00.000Z'));
      const back = await c.get(zara);
      assert.equal(back?.unreachableAt, undefined);
      assert.equal(back?.following, false, 'writing again does not mean following again');
    });

    it('subscribes with topics and communes, replaces the choice, and unsubscribes once', async () => {
      const c = store().contacts;
      const mai = user('messenger', 'm1');
      await assert.rejects(c.subscribe(mai, { topics: [], communes: [] }, at('2026-12-01T08:00:00.000Z')));
      await c.recordInteraction(mai, at('2026-12-01T08:00:00.000Z'));
      await c.subscribe(mai, { topics: ['lua-dao'], communes: ['phan-dinh-phung'] }, at('2026-12-01T09:00:00.000Z'));
      await c.subscribe(mai, { topics: ['pccc', 'lua-dao'], communes: [] }, at('2026-12-01T10:00:00.000Z'));
      assert.deepEqual((await c.get(mai))?.subscription, { topics: ['pccc', 'lua-dao'], communes: [], since: at('2026-12-01T10:00:00.000Z') });
      assert.equal(await c.unsubscribe(mai), true);
      assert.equal(await c.unsubscribe(mai), false);
      assert.equal((await c.get(mai))?.subscription, undefined);
    });

    it('selects audiences by channel, topic and commune, only subscribed, reachable followers, streamed in a stable order', async () => {
      const s = store();
      const c = s.contacts;
      const t0 = at('2026-12-01T08:00:00.000Z');
      const people: [ChannelUser, string[], string[]][] = [
        [user('messenger', 'a'), [], []],
        [user('messenger', 'b'), ['lua-dao'], ['gia-sang']],
        [user('zalo', 'c'), ['pccc'], ['gia-sang', 'phan-dinh-phung']],
        [user('zalo', 'd'), [], ['tan-thinh']],
        [user('rest', 'e'), ['giao-thong'], []],
      ];
      for (const [u, topics, communes] of people) {
        await c.recordInteraction(u, t0);
        await c.subscribe(u, { topics, communes }, t0);
      }
      await c.recordInteraction(user('zalo', 'not-subscribed'), t0);
      await c.recordInteraction(user('zalo', 'unfollowed'), t0, { following: true });
      await c.subscribe(user('zalo', 'unfollowed'), { topics: [], communes: [] }, t0);
      await c.recordUnfollow(user('zalo', 'unfollowed'));
      await c.recordInteraction(user('messenger', 'blocked'), t0);
      await c.subscribe(user('messenger', 'blocked'), { topics: [], communes: [] }, t0);
      await c.markUnreachable(user('messenger', 'blocked'), t0);

      assert.deepEqual(await wholeAudience(s, {}), ['messenger/a', 'messenger/b', 'rest/e', 'zalo/c', 'zalo/d']);
      assert.equal(await c.countAudience({}), 5);
      assert.deepEqual(await wholeAudience(s, { channels: ['zalo'] }), ['zalo/c', 'zalo/d']);
      assert.deepEqual(await wholeAudience(s, { topics: ['lua-dao'] }), ['messenger/a', 'messenger/b', 'zalo/d'], 'no topics chosen means every topic');
      assert.deepEqual(await wholeAudience(s, { communes: ['gia-sang'] }), ['messenger/b', 'zalo/c']);
      assert.deepEqual(await wholeAudience(s, { channels: ['zalo', 'messenger'], topics: ['pccc'], communes: ['phan-dinh-phung', 'tan-thinh'] }), ['zalo/c', 'zalo/d']);
      assert.equal(await c.countAudience({ topics: ['pccc'], communes: ['gia-sang'] }), 1);
      await assert.rejects(c.audiencePage({}, 0), RangeError);
    });

    it('forgets a citizen on request', async () => {
      const c = store().contacts;
      const gone = user('rest', 'gone');
      await c.recordInteraction(gone, at('2026-12-01T08:00:00.000Z'));
      assert.equal(await c.remove(gone), true);
      assert.equal(await c.remove(gone), false);
      assert.equal(await c.get(gone), undefined);
    });
  });
}
