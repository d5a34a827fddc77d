import assert from 'node:assert/strict';
import type { AnnouncementDraft, PlannedRecipient, Store } from '../../../src/store';

const at = (iso: string) => new Date(iso);
const draft = (over: Partial<AnnouncementDraft> = {}): AnnouncementDraft => ({
  title: 'Cảnh báo lừa đảo',
  body: 'Không chuyển tiền cho người tự xưng công an.',
  topics: ['scam'],
  channels: ['zalo'],
  communes: [],
  ...over,
});
const who = (channel: string, userId: string, skip?: string): PlannedRecipient => ({ channel, userId, locale: 'vi', ...(skip ? { skip } : {}) });

/** Announcements: lifecycle by compare-and-set, idempotent planning, exclusive takes, outcomes and the report. */
export function announcementsContract(store: () => Store): void {
  describe('announcements', () => {
    it('creates a draft, edits it, and lists newest first', async () => {
      const a = store().announcements;
      const first = await a.create(draft(), 'staff:news1', at('2026-12-01T08:00:00.000Z'));
      const second = await a.create(draft({ title: 'Thủ tục mới' }), 'staff:news1', at('2026-12-02T08:00:00.000Z'));
      assert.equal(first.status, 'draft');
      assert.equal(first.planned, false);
      assert.deepEqual(first.topics, ['scam']);
      const edited = await a.edit(first.id, draft({ title: 'Sửa', communes: ['xa-a'] }), at('2026-12-03T08:00:00.000Z'));
      assert.deepEqual([edited?.title, edited?.communes, edited?.updatedAt], ['Sửa', ['xa-a'], at('2026-12-03T08:00:00.000Z')]);
      assert.deepEqual((await a.list(10)).map((x) => x.id), [second.id, first.id]);
      assert.deepEqual((await a.list(10, ['sending'])).map((x) => x.id), []);
      assert.equal(await a.get('no-such-id'), undefined);
      await assert.rejects(a.list(0), RangeError);
    });

    it('moves status only from the expected ones, stamping the times, and refuses edits once sending', async () => {
      const a = store().announcements;
      const { id } = await a.create(draft(), 'staff:news1', at('2026-12-01T08:00:00.000Z'));
      const scheduled = await a.transition(id, ['draft'], 'scheduled', at('2026-12-01T09:00:00.000Z'), at('2026-12-05T01:00:00.000Z'));
      assert.deepEqual([scheduled?.status, scheduled?.scheduledAt], ['scheduled', at('2026-12-05T01:00:00.000Z')]);
      assert.deepEqual((await a.due(at('2026-12-04T00:00:00.000Z'), 10)).map((x) => x.id), []);
      assert.deepEqual((await a.due(at('2026-12-05T01:00:00.000Z'), 10)).map((x) => x.id), [id]);
      const started = await a.transition(id, ['draft', 'scheduled'], 'sending', at('2026-12-05T01:00:01.000Z'));
      assert.deepEqual([started?.status, started?.startedAt], ['sending', at('2026-12-05T01:00:01.000Z')]);
      assert.equal(await a.transition(id, ['draft', 'scheduled'], 'sending', at('2026-12-05T01:00:02.000Z')), undefined, 'a second start loses');
      assert.equal(await a.edit(id, draft({ title: 'late' }), at('2026-12-05T01:00:03.000Z')), undefined);
      const again = await a.transition(id, ['sending'], 'sending', at('2026-12-05T02:00:00.000Z'));
      assert.deepEqual(again?.startedAt, at('2026-12-05T01:00:01.000Z'), 'a resumed send keeps its first start');
      const done = await a.transition(id, ['sending'], 'done', at('2026-12-05T03:00:00.000Z'));
      assert.deepEqual([done?.status, done?.finishedAt], ['done', at('2026-12-05T03:00:00.000Z')]);
      assert.deepEqual((await a.due(at('2026-12-06T00:00:00.000Z'), 10)).map((x) => x.id), []);
    });

    it('plans each recipient once, keeps the cursor, and counts skips with their reasons', async () => {
      const a = store().announcements;
      const { id } = await a.create(draft(), 'staff:news1', at('2026-12-01T08:00:00.000Z'));
      const page = [who('messenger', 'm1'), who('rest', 'w1', 'next_visit'), who('zalo', 'z1')];
      const fresh = await a.plan(id, page, page[2], false, at('2026-12-01T08:01:00.000Z'));
      assert.deepEqual(fresh.map((r) => r.userId), ['m1', 'w1', 'z1']);
      const again = await a.plan(id, [who('zalo', 'z1'), who('zalo', 'z2')], who('zalo', 'z2'), true, at('2026-12-01T08:02:00.000Z'));
      assert.deepEqual(again.map((r) => r.userId), ['z2'], 'z1 was planned before');
      const got = await a.get(id);
      assert.deepEqual([got?.cursor, got?.planned], [{ channel: 'zalo', userId: 'z2' }, true]);
      assert.deepEqual(await a.report(id), { total: 4, sent: 0, pending: 3, attempting: 0, failed: {}, skipped: { next_visit: 1 } });
    });

    it('gives each pending row to one take only, and settles only rows that were taken', async () => {
      const a = store().announcements;
      const { id } = await a.create(draft(), 'staff:news1', at('2026-12-01T08:00:00.000Z'));
      await a.plan(id, ['a', 'b', 'c', 'd'].map((u) => who('zalo', u)), undefined, true, at('2026-12-01T08:00:00.000Z'));
      const first = await a.take(id, 2, at('2026-12-01T08:01:00.000Z'));
      assert.deepEqual(first.map((r) => [r.userId, r.outcome, r.locale]), [['a', 'attempting', 'vi'], ['b', 'attempting', 'vi']]);
      const racing = await Promise.all([a.take(id, 5, at('2026-12-01T08:01:00.000Z')), a.take(id, 5, at('2026-12-01T08:01:00.000Z'))]);
      assert.deepEqual(racing.flat().map((r) => r.userId).sort(), ['c', 'd'], 'two takes never share a row');
      assert.deepEqual(await a.take(id, 5, at('2026-12-01T08:01:00.000Z'), [who('zalo', 'a')]), [], 'a taken row cannot be taken again');
      await a.settle(id, [
        { channel: 'zalo', userId: 'a', outcome: 'sent' },
        { channel: 'zalo', userId: 'b', outcome: 'failed', reason: 'rejected:-230' },
        { channel: 'zalo', userId: 'c', outcome: 'skipped', reason: 'window_closed' },
      ], at('2026-12-01T08:02:00.000Z'));
      await a.settle(id, [{ channel: 'zalo', userId: 'a', outcome: 'failed', reason: 'late' }], at('2026-12-01T08:03:00.000Z'));
      assert.deepEqual(await a.report(id), { total: 4, sent: 1, pending: 0, attempting: 1, failed: { 'rejected:-230': 1 }, skipped: { window_closed: 1 } });
      assert.deepEqual((await a.deliveries(id, 10, 'failed')).map((r) => [r.userId, r.reason]), [['b', 'rejected:-230']]);
      assert.deepEqual((await a.deliveries(id, 2, undefined, { channel: 'zalo', userId: 'a' })).map((r) => r.userId), ['b', 'c'], 'pages on after a row');
      assert.deepEqual((await a.deliveries(id, 2, undefined, { channel: 'messenger', userId: 'zz' })).map((r) => r.userId), ['a', 'b'], 'and after a channel');
    });

    it('turns rows left attempting before a crash into failures "in_doubt", never back to pending', async () => {
      const a = store().announcements;
      const { id } = await a.create(draft(), 'staff:news1', at('2026-12-01T08:00:00.000Z'));
      await a.plan(id, [who('zalo', 'a'), who('zalo', 'b')], undefined, true, at('2026-12-01T08:00:00.000Z'));
      await a.take(id, 1, at('2026-12-01T08:01:00.000Z'));
      await a.take(id, 1, at('2026-12-01T08:05:00.000Z'));
      assert.equal(await a.resolveInDoubt(id, at('2026-12-01T08:03:00.000Z')), 1, 'only the row older than the lease');
      assert.deepEqual((await a.report(id)).failed, { in_doubt: 1 });
      assert.deepEqual(await a.take(id, 5, at('2026-12-01T08:10:00.000Z')), []);
    });

    it("finds a citizen's latest announcement that went out (or may have) after a time, for their Zalo menu", async () => {
      const a = store().announcements;
      const older = await a.create(draft(), 'staff:news1', at('2026-12-01T08:00:00.000Z'));
      const newer = await a.create(draft({ title: 'Mới' }), 'staff:news1', at('2026-12-01T09:00:00.000Z'));
      for (const { id } of [older, newer]) await a.plan(id, [who('zalo', 'a'), who('zalo', 'b')], undefined, true, at('2026-12-01T09:00:00.000Z'));
      await a.take(older.id, 2, at('2026-12-01T09:01:00.000Z'));
      await a.settle(older.id, [{ channel: 'zalo', userId: 'a', outcome: 'sent' }, { channel: 'zalo', userId: 'b', outcome: 'failed', reason: 'rejected:-201' }], at('2026-12-01T09:02:00.000Z'));
      await a.take(newer.id, 1, at('2026-12-01T09:03:00.000Z'), [who('zalo', 'a')]);
      const latest = await a.lastSentTo(who('zalo', 'a'), at('2026-12-01T09:00:00.000Z'));
      assert.deepEqual([latest?.announcementId, latest?.outcome, latest?.locale], [newer.id, 'attempting', 'vi'], 'a send under way counts: it may be on screen');
      assert.equal((await a.lastSentTo(who('zalo', 'a'), at('2026-12-01T09:03:00.000Z'))), undefined, 'nothing after the time given');
      assert.equal(await a.lastSentTo(who('zalo', 'b'), at('2026-12-01T08:00:00.000Z')), undefined, 'a failed or pending row was never seen');
      assert.equal(await a.lastSentTo(who('messenger', 'a'), at('2026-12-01T08:00:00.000Z')), undefined, 'per channel');
    });

    it('marks the rows still pending of a cancelled announcement "cancelled", leaving sent and in-flight rows as they are', async () => {
      const a = store().announcements;
      const { id } = await a.create(draft(), 'staff:news1', at('2026-12-01T08:00:00.000Z'));
      await a.plan(id, ['a', 'b', 'c', 'd'].map((u) => who('zalo', u)), undefined, true, at('2026-12-01T08:00:00.000Z'));
      await a.take(id, 2, at('2026-12-01T08:01:00.000Z'));
      await a.settle(id, [{ channel: 'zalo', userId: 'a', outcome: 'sent' }], at('2026-12-01T08:01:30.000Z'));
      assert.equal(await a.cancelPending(id, at('2026-12-01T08:02:00.000Z')), 2);
      assert.equal(await a.cancelPending(id, at('2026-12-01T08:02:01.000Z')), 0, 'nothing twice');
      await a.settle(id, [{ channel: 'zalo', userId: 'b', outcome: 'sent' }], at('2026-12-01T08:02:02.000Z'));
      assert.deepEqual(await a.report(id), { total: 4, sent: 2, pending: 0, attempting: 0, failed: {}, skipped: { cancelled: 2 } });
      assert.deepEqual(await a.take(id, 5, at('2026-12-01T08:03:00.000Z')), [], 'a cancelled row is never taken');
    });
  });
}
