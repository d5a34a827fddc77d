import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';
import type { ManualClock } from './clock-contract';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Webhook de-duplication keys and the journal of acknowledged deliveries. */
export function inboundContract(store: () => Store): void {
  describe('seen events', () => {
    it('answers true the first time a key is offered and false while it lives', async () => {
      const seen = store().seenEvents;
      assert.equal(await seen.firstSeen('messenger:msg:m_1', 3600), true);
      assert.equal(await seen.firstSeen('messenger:msg:m_1', 3600), false);
      assert.equal(await seen.firstSeen('zalo:msg:m_1', 3600), true, 'keys are independent');
    });

    it('lets exactly one of many simultaneous offers of a key through', async () => {
      const seen = store().seenEvents;
      const answers = await Promise.all(Array.from({ length: 8 }, () => seen.firstSeen('race', 3600)));
      assert.equal(answers.filter(Boolean).length, 1);
    });
  });

  describe('inbound journal', () => {
    it('hides a delivery while its lease runs and offers it again, oldest first, once the lease ran out', async () => {
      const j = store().inboundJournal;
      const first = await j.add('messenger', '{"n":1}', 1);
      await sleep(5);
      const second = await j.add('messenger', '{"n":2}', 1);
      await j.add('messenger', '{"n":3}', 60_000);
      await j.add('zalo', '{"n":4}', 1);
      await sleep(20);
      const claimed = await j.claimAbandoned('messenger', 10, 60_000);
      assert.deepEqual(claimed.map((e) => e.id), [first, second]);
      assert.deepEqual(claimed.map((e) => e.body), ['{"n":1}', '{"n":2}']);
      assert.ok(claimed.every((e) => e.channel === 'messenger' && e.receivedAt instanceof Date));
      assert.deepEqual(await j.claimAbandoned('messenger', 10, 60_000), [], 'a claim leases them anew');
      await assert.rejects(j.claimAbandoned('messenger', 0, 1), RangeError);
    });

    it('counts the kept deliveries by channel until they are forgotten', async () => {
      const j = store().inboundJournal;
      const first = await j.add('count-a', '{}', 60_000);
      await j.add('count-a', '{}', 60_000);
      await j.add('count-b', '{}', 60_000);
      await j.remove(first);
      const waiting = await j.waiting();
      assert.equal(waiting['count-a'], 1);
      assert.equal(waiting['count-b'], 1);
    });

    it('forgets a processed delivery and keeps the body byte for byte', async () => {
      const j = store().inboundJournal;
      const body = '{"text":"Xin ch\\u00e0o","raw":"Tôi muốn làm lại CCCD"}';
      const kept = await j.add('messenger', body, 1);
      const done = await j.add('messenger', '{}', 1);
      await j.remove(done);
      await j.remove('no-such-id');
      await sleep(20);
      const claimed = await j.claimAbandoned('messenger', 10, 60_000);
      assert.deepEqual(claimed.map((e) => [e.id, e.body]), [[kept, body]]);
    });

    it('counts each start of a delivery\'s processing, and keeps a postponed one out of claims until its delay ran out', async () => {
      const j = store().inboundJournal;
      const id = await j.add('attempts', '{}', 1);
      await sleep(10);
      assert.deepEqual((await j.claimAbandoned('attempts', 5, 1)).map((e) => e.attempts), [2], 'the first run counted 1');
      await j.retryLater(id, 60_000);
      await sleep(10);
      assert.deepEqual(await j.claimAbandoned('attempts', 5, 1), [], 'postponed');
      await j.retryLater(id, 0);
      assert.deepEqual((await j.claimAbandoned('attempts', 5, 1)).map((e) => e.attempts), [3]);
      await j.retryLater('no-such-id', 0);
    });

    it('takes at most `limit` deliveries per claim', async () => {
      const j = store().inboundJournal;
      for (let i = 0; i < 3; i++) await j.add('messenger', `{"i":${i}}`, 1);
      await sleep(20);
      assert.equal((await j.claimAbandoned('messenger', 2, 60_000)).length, 2);
      await sleep(5);
      assert.equal((await j.claimAbandoned('messenger', 2, 1)).length, 1);
    });
  });
}

/** Expiry of seen keys and journal leases, driven by the store's clock. */
export function inboundClockContract(store: () => Store, clock: () => ManualClock): void {
  describe('inbound expiry', () => {
    it('forgets a seen key once its time to live has passed', async () => {
      clock().set('2026-12-01T08:00:00.000Z');
      assert.equal(await store().seenEvents.firstSeen('k', 60), true);
      clock().set('2026-12-01T08:00:59.000Z');
      assert.equal(await store().seenEvents.firstSeen('k', 60), false);
      clock().set('2026-12-01T08:01:00.000Z');
      assert.equal(await store().seenEvents.firstSeen('k', 60), true, 'expired: seen afresh');
      assert.equal(await store().seenEvents.firstSeen('k', 60), false, 'and remembered again');
    });

    it('offers a journal entry again only after its lease, stamped with when it was received', async () => {
      clock().set('2026-12-01T08:00:00.000Z');
      const id = await store().inboundJournal.add('messenger', '{}', 60_000);
      clock().set('2026-12-01T08:00:59.999Z');
      assert.deepEqual(await store().inboundJournal.claimAbandoned('messenger', 5, 60_000), []);
      clock().set('2026-12-01T08:01:00.000Z');
      const [entry] = await store().inboundJournal.claimAbandoned('messenger', 5, 60_000);
      assert.equal(entry?.id, id);
      assert.deepEqual(entry?.receivedAt, new Date('2026-12-01T08:00:00.000Z'));
    });
  });
}
