import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';

const alice = { channel: 'rest', userId: 'alice' };

/** The outbox: idempotent enqueue, exclusive claims, delivery. */
export function outboxContract(store: () => Store): void {
  describe('outbox', () => {
    it('queues a key once and lists a user\'s pending messages oldest first', async () => {
      const o = store().outbox;
      assert.equal(await o.enqueue({ ...alice, key: 'k1', kind: 'dossier_status', data: { code: 'A', n: 1 } }), true);
      assert.equal(await o.enqueue({ ...alice, key: 'k1', kind: 'dossier_status', data: { code: 'A', n: 2 } }), false);
      await o.enqueue({ ...alice, key: 'k2', kind: 'dossier_status', data: { code: 'B' } });
      await o.enqueue({ channel: 'rest', userId: 'bob', key: 'k3', kind: 'dossier_status', data: {} });
      const pending = await o.pending(alice, 10);
      assert.deepEqual(pending.map((m) => m.data), [{ code: 'A', n: 1 }, { code: 'B' }]);
      assert.ok(pending.every((m) => m.channel === 'rest' && m.userId === 'alice' && m.createdAt instanceof Date));
      await assert.rejects(o.pending(alice, 0), RangeError);
    });

    it('counts the undelivered messages by channel, claimed ones included', async () => {
      const o = store().outbox;
      const a = { channel: 'count-a', userId: 'u1' };
      for (const key of ['w1', 'w2', 'w3']) await o.enqueue({ ...a, key, kind: 'k', data: {} });
      await o.enqueue({ channel: 'count-b', userId: 'u2', key: 'w4', kind: 'k', data: {} });
      const [delivered] = await o.claim(a, 1, 60_000);
      await o.markDelivered([delivered!.id]);
      await o.claim(a, 1, 60_000);
      const waiting = await o.waiting();
      assert.equal(waiting['count-a'], 2);
      assert.equal(waiting['count-b'], 1);
    });

    it('hands each message to one claim at a time and never again once delivered', async () => {
      const o = store().outbox;
      for (const key of ['a', 'b', 'c']) await o.enqueue({ ...alice, key, kind: 'k', data: { key } });
      const first = await o.claim(alice, 2, 60_000);
      assert.deepEqual(first.map((m) => m.data.key), ['a', 'b']);
      const second = await o.claim(alice, 5, 60_000);
      assert.deepEqual(second.map((m) => m.data.key), ['c'], 'claimed messages are hidden from other claims');
      await o.markDelivered(first.map((m) => m.id));
      assert.deepEqual((await o.pending(alice, 10)).map((m) => m.data.key), ['c']);
      assert.deepEqual(await o.claim(alice, 5, 60_000), []);
      await o.markDelivered([]);
    });

    it('puts a claimed or delivered message back for the next claim, oldest first as before', async () => {
      const o = store().outbox;
      for (const key of ['r1', 'r2', 'r3']) await o.enqueue({ ...alice, key, kind: 'k', data: { key } });
      const [r1, r2, r3] = await o.claim(alice, 3, 60_000);
      await o.markDelivered([r1!.id]);
      await o.requeue([r1!.id, r2!.id]);
      assert.deepEqual((await o.claim(alice, 5, 60_000)).map((m) => m.data.key), ['r1', 'r2'], 'r3 is still claimed');
      await o.markDelivered([r1!.id, r2!.id, r3!.id]);
      assert.deepEqual(await o.pending(alice, 10), []);
      await o.requeue([]);
    });

    it('lists the citizens of some channels for whom messages of some kinds wait, page by page', async () => {
      const o = store().outbox;
      const [a1, a2, b1] = [{ channel: 'sweep-a', userId: 'u1' }, { channel: 'sweep-a', userId: 'u2' }, { channel: 'sweep-b', userId: 'u1' }];
      await o.enqueue({ ...a1, key: 's1', kind: 'notice', data: {} });
      await o.enqueue({ ...a1, key: 's2', kind: 'notice', data: {} });
      await o.enqueue({ ...a2, key: 's3', kind: 'notice', data: {} });
      await o.enqueue({ ...b1, key: 's4', kind: 'notice', data: {} });
      await o.enqueue({ channel: 'sweep-a', userId: 'other-kind', key: 's5', kind: 'announcement', data: {} });
      await o.enqueue({ channel: 'sweep-c', userId: 'other-channel', key: 's6', kind: 'notice', data: {} });
      const [done] = await o.claim({ channel: 'sweep-b', userId: 'u1' }, 1, 60_000);
      const channels = ['sweep-b', 'sweep-a'];
      assert.deepEqual(await o.recipients(channels, ['notice'], 2), [a1, a2], 'each citizen once, in order');
      assert.deepEqual(await o.recipients(channels, ['notice'], 2, a2), [b1], 'a claimed message still waits');
      await o.markDelivered([done!.id]);
      assert.deepEqual(await o.recipients(channels, ['notice'], 10, a2), [], 'delivered messages do not');
      assert.deepEqual(await o.recipients(channels, ['notice', 'announcement'], 10), [{ channel: 'sweep-a', userId: 'other-kind' }, a1, a2]);
      await assert.rejects(o.recipients(channels, ['notice'], 0), RangeError);
    });

    it('offers a claimed message again once its lease has run out', async () => {
      const o = store().outbox;
      await o.enqueue({ ...alice, key: 'lease', kind: 'k', data: {} });
      assert.equal((await o.claim(alice, 1, 1)).length, 1);
      await new Promise((r) => setTimeout(r, 20));
      assert.equal((await o.claim(alice, 1, 60_000)).length, 1);
    });
  });
}
