import assert from 'node:assert/strict';
import type { ChannelUser, PersonalDataHolder, Store } from '../../../src/store';
import type { ManualClock } from './clock-contract';

const user = (channel: string, userId: string): ChannelUser => ({ channel, userId });
const at = (iso: string) => new Date(iso);

/** Writes one record of every kind a citizen leaves at `when` (the store's clock), through the ports, as the assistant would. */
async function leaveTraces(s: Store, u: ChannelUser, tag: string, when: Date): Promise<void> {
  await s.contacts.recordInteraction(u, when, { locale: 'vi' });
  await s.state.write(`${u.channel}/${u.userId}`, { said: tag }, '*');
  await s.state.write(`${u.channel}-menu/${u.userId}`, { menu: tag }, '*');
  await s.recentLines.append({ user: u, lines: [{ at: when, from: 'citizen', text: `hỏi ${tag}` }, { at: when, from: 'bot', text: `đáp ${tag}` }] });
  await s.feedback.add({ channel: u.channel, userId: u.userId, text: `góp ý ${tag}` });
  await s.unanswered.add({ channel: u.channel, userId: u.userId, text: `hỏi ${tag}`, intent: 'nlu_fallback', confidence: 0.2 });
  const { record } = await s.handoffs.open({ ...u, locale: 'vi', reason: 'human_agent', transcript: [{ at: when, from: 'citizen', text: `gặp cán bộ ${tag}` }] });
  await s.handoffs.append(record.id, [{ at: when, from: 'officer', text: 'Dạ, em nghe', officer: 'canbo1' }]);
  await s.audit.add({ at: when, actor: `${u.channel}:${u.userId}`, action: 'dossier.lookup', target: `dossier:${tag}` });
  await s.dossiers.watch(`HS-${tag}`, { ...u, locale: 'vi' });
  await s.outbox.enqueue({ ...u, key: `notice:${tag}:${u.channel}:${u.userId}`, kind: 'dossier_status', data: { code: `HS-${tag}` } });
  await s.activity.record({ ...u, intent: 'procedure_info', answered: true, at: when });
  const announcement = await s.announcements.create({ title: `tin ${tag}`, body: 'nội dung', topics: [], channels: [], communes: [] }, 'staff:canbo1', when);
  await s.announcements.plan(announcement.id, [{ ...u, locale: 'vi' }], undefined, true, when);
}

/** Every collection's holder, as src/privacy/citizen-data.ts registers them (contacts have get/remove instead). */
const holders = (s: Store): Record<string, PersonalDataHolder> => ({
  state: s.state,
  recentLines: s.recentLines,
  feedback: s.feedback,
  unanswered: s.unanswered,
  handoffs: s.handoffs,
  audit: s.audit,
  dossiers: s.dossiers,
  outbox: s.outbox,
  activity: s.activity,
  announcements: s.announcements,
});

/** Personal data: one citizen's records exported and erased in every collection, and each kind aged by its own rule. */
export function personalDataContract(store: () => Store, clock: () => ManualClock): void {
  describe('personal data', () => {
    it('exports and erases exactly one citizen in every collection, leaving everyone else', async () => {
      const s = store();
      clock().set('2026-11-27T08:00:00.000Z');
      const target = user('zalo', 'a');
      // Same id elsewhere, an id that ends like it, an id whose state key looks like a channel part: all must stay.
      const others = [user('messenger', 'a'), user('zalo', 'b/a'), user('zalo', 'menu/a'), user('zalo', 'aa')];
      await leaveTraces(s, target, 'mine', clock().now());
      for (const [i, o] of others.entries()) await leaveTraces(s, o, `other${i}`, clock().now());
      await s.audit.add({ at: at('2026-11-27T09:00:00.000Z'), actor: 'staff:canbo1', action: 'handoff.claim', target: 'handoff:x' });

      const exported: Record<string, object[]> = {};
      for (const [name, h] of Object.entries(holders(s))) exported[name] = await h.exportUser(target);
      const text = JSON.stringify(exported);
      for (const tag of ['other0', 'other1', 'other2', 'other3', 'staff:canbo1']) assert.ok(!text.includes(tag), `${tag} leaked into the export`);
      assert.deepEqual(
        Object.fromEntries(Object.entries(exported).map(([n, r]) => [n, r.length])),
        { state: 2, recentLines: 2, feedback: 1, unanswered: 1, handoffs: 1, audit: 1, dossiers: 1, outbox: 1, activity: 1, announcements: 1 },
      );
      assert.deepEqual((exported.state as { key: string }[]).map((r) => r.key).sort(), ['zalo-menu/a', 'zalo/a']);
      assert.deepEqual(exported.recentLines, [
        { at: at('2026-11-27T08:00:00.000Z'), from: 'citizen', text: 'hỏi mine' },
        { at: at('2026-11-27T08:00:00.000Z'), from: 'bot', text: 'đáp mine' },
      ]);
      const handoff = exported.handoffs![0] as { transcript: { text: string }[] };
      assert.deepEqual(handoff.transcript.map((l) => l.text), ['gặp cán bộ mine', 'Dạ, em nghe']);
      assert.deepEqual(exported.dossiers, [{ watches: 'HS-mine', locale: 'vi', since: at('2026-11-27T08:00:00.000Z') }]);

      const erased: Record<string, number> = {};
      for (const [name, h] of Object.entries(holders(s))) erased[name] = await h.eraseUser(target);
      assert.deepEqual(erased, { state: 2, recentLines: 2, feedback: 1, unanswered: 1, handoffs: 3, audit: 1, dossiers: 1, outbox: 1, activity: 1, announcements: 1 }, 'the hand-off and its two lines');
      for (const [name, h] of Object.entries(holders(s))) {
        assert.deepEqual(await h.exportUser(target), [], `${name} still holds the citizen`);
        assert.equal(await h.eraseUser(target), 0, `${name}: a second erase finds nothing`);
      }
      assert.equal(await s.handoffs.findOpen(target), undefined);
      for (const o of others) {
        for (const [name, h] of Object.entries(holders(s))) {
          const expected = name === 'state' || name === 'recentLines' ? 2 : 1;
          assert.equal((await h.exportUser(o)).length, expected, `${name} lost ${o.channel}/${o.userId}`);
        }
      }
      assert.equal((await s.audit.list({ limit: 50 })).filter((e) => e.actor === 'staff:canbo1').length, 1);
    });

    it('ages each kind by its own rule', async () => {
      const s = store();
      const old = user('zalo', 'old');
      const fresh = user('zalo', 'fresh');
      clock().set('2026-01-01T00:00:00.000Z');
      await leaveTraces(s, old, 'old', clock().now());
      await s.audit.add({ at: at('2026-01-01T00:00:00.000Z'), actor: 'staff:canbo1', action: 'account.update', target: 'x' });
      await s.audit.add({ at: at('2026-01-01T00:00:00.000Z'), actor: 'integration:abc', action: 'dossier.import', target: 'y' });
      await s.audit.add({ at: at('2026-01-01T00:00:00.000Z'), actor: 'system', action: 'account.bootstrap', target: 'admin' });
      // An old hand-off still open is kept; an old one closed recently is kept; only one closed before the cutoff goes.
      const stillOpen = (await s.handoffs.open({ ...user('zalo', 'waiting'), locale: 'vi', reason: 'r', transcript: [] })).record;
      const closedLate = (await s.handoffs.open({ ...user('zalo', 'late'), locale: 'vi', reason: 'r', transcript: [{ at: at('2026-01-01T00:00:00.000Z'), from: 'citizen', text: 'x' }] })).record;
      const closedEarly = (await s.handoffs.findOpen(old))!;
      await s.handoffs.close(closedEarly.id, at('2026-01-05T00:00:00.000Z'));
      await s.handoffs.close(closedLate.id, at('2026-03-01T00:00:00.000Z'));

      clock().set('2026-03-01T00:00:00.000Z');
      await leaveTraces(s, fresh, 'fresh', clock().now());
      const cutoff = at('2026-02-01T00:00:00.000Z');
      assert.equal(await s.state.purgeOlderThan(cutoff), 2);
      assert.equal(await s.recentLines.purgeOlderThan(cutoff), 2, 'the old conversation\'s two lines');
      assert.equal(await s.feedback.purgeOlderThan(cutoff), 1);
      assert.equal(await s.unanswered.purgeOlderThan(cutoff), 1);
      assert.equal(await s.handoffs.purgeOlderThan(cutoff), 3, 'one closed hand-off and its two lines');
      assert.equal(await s.audit.purgeOlderThan(cutoff), 1, 'only the citizen\'s lookup; staff, integration and system entries stay');
      assert.equal(await s.dossiers.purgeWatchersOlderThan(cutoff), 1);
      assert.equal(await s.outbox.purgeOlderThan(cutoff), 1);
      assert.equal(await s.activity.purgeOlderThan(cutoff), 1, 'the day the old citizen wrote; the counters stay');

      assert.equal(await s.handoffs.get(closedEarly.id), undefined);
      assert.deepEqual(await s.handoffs.transcript(closedEarly.id, 10), []);
      assert.ok(await s.handoffs.get(stillOpen.id), 'open hand-offs are never aged');
      assert.ok(await s.handoffs.get(closedLate.id));
      assert.deepEqual(new Set((await s.audit.list({ limit: 50 })).map((e) => e.actor)), new Set(['staff:canbo1', 'integration:abc', 'system', 'zalo:fresh']));
      for (const [name, h] of Object.entries(holders(s))) {
        if (name === 'handoffs') continue; // the fresh citizen's hand-off is open, checked above
        assert.ok((await h.exportUser(fresh)).length > 0, `${name} aged a fresh record`);
      }
    });

    it('ages contacts by their last action, keeping reachable subscribers', async () => {
      const c = store().contacts;
      const t = at('2026-01-01T00:00:00.000Z');
      const [quiet, subscriber, blocked, unfollowed, active] = ['quiet', 'subscriber', 'blocked', 'unfollowed', 'active'].map((id) => user('zalo', id));
      for (const u of [quiet, subscriber, blocked, unfollowed]) await c.recordInteraction(u!, t);
      for (const u of [subscriber, blocked, unfollowed]) await c.subscribe(u!, { topics: [], communes: [] }, t);
      await c.markUnreachable(blocked!, t);
      await c.recordUnfollow(unfollowed!);
      await c.recordInteraction(active!, at('2026-03-01T00:00:00.000Z'));
      assert.equal(await c.purgeOlderThan(at('2026-02-01T00:00:00.000Z')), 3);
      for (const u of [quiet, blocked, unfollowed]) assert.equal(await c.get(u!), undefined, `${u!.userId} kept`);
      for (const u of [subscriber, active]) assert.ok(await c.get(u!), `${u!.userId} aged`);
    });
  });
}
