import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Reply } from '../../../src/bot/reply';
import { Inbox } from '../../../src/channels/inbox';
import type { ChannelSender, SendResult } from '../../../src/channels/outbound/channel-sender';
import { OutboxPush } from '../../../src/channels/outbound/outbox-push';
import { createMemoryCoordination, createRedisCoordination, type Coordination } from '../../../src/coordination';
import { createLogger } from '../../../src/ops/logger';
import type { Store } from '../../../src/store';
import { createSqliteStore } from '../../../src/store/sqlite';
import { uniqueRedisPrefix } from '../../support/server';

const citizen = { channel: 'platform', userId: 'u1' };

/** A channel's outbound door that records what it is asked to send and answers `outcome` for each text. */
function platformSender(outcome: (text: string) => SendResult = () => ({ ok: true, messageIds: ['m'] })) {
  const sent: { userId: string; texts: string[]; purpose: string }[] = [];
  const sender: ChannelSender = {
    channel: 'platform',
    async send(userId, replies: readonly Reply[], purpose) {
      sent.push({ userId, texts: replies.map((r) => r.text), purpose });
      return outcome(replies[0]!.text);
    },
  };
  return { sender, sent };
}

describe('OutboxPush', () => {
  let dir: string;
  let store: Store;
  let coordination: Coordination;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-push-'));
    store = createSqliteStore(dir);
    coordination = createMemoryCoordination();
  });
  afterEach(async () => {
    await coordination.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const queue = async (user: { channel: string; userId: string }, ...texts: string[]) => {
    for (const text of texts) await store.outbox.enqueue({ ...user, key: `${user.userId}:${text}`, kind: 'note', data: { text } });
  };
  const pushWith = (sender: ChannelSender, on: { store: Store; coordination: Coordination } = { store, coordination }) =>
    new OutboxPush({
      outbox: on.store.outbox,
      senders: new Map([[sender.channel, sender]]),
      render: (m) => (m.kind === 'note' ? { text: String(m.data.text) } : undefined),
      kinds: ['note'],
      inbox: new Inbox(on.coordination, on.store.seenEvents),
      coordination: on.coordination,
      logger: createLogger('silent'),
    });
  const waitingTexts = async (user = citizen) => (await store.outbox.pending(user, 10)).map((m) => m.data.text);

  it('sends each waiting message once as a notice, however often it is asked', async () => {
    const { sender, sent } = platformSender();
    const push = pushWith(sender);
    await queue(citizen, 'a', 'b');
    push.schedule(citizen);
    push.schedule(citizen);
    await push.idle();
    push.schedule(citizen);
    await push.idle();
    assert.deepEqual(sent, [
      { userId: 'u1', texts: ['a'], purpose: 'notice' },
      { userId: 'u1', texts: ['b'], purpose: 'notice' },
    ]);
    assert.deepEqual(await waitingTexts(), []);
  });

  it('puts back the refused message and the ones after it, at once claimable by the next answer', async () => {
    const { sender, sent } = platformSender((text) => (text === 'a' ? { ok: true, messageIds: ['m'] } : { ok: false, failure: 'window_closed' }));
    const push = pushWith(sender);
    await queue(citizen, 'a', 'b', 'c');
    push.schedule(citizen);
    await push.idle();
    assert.deepEqual(sent.map((s) => s.texts[0]), ['a', 'b'], 'stops at the first refusal');
    assert.deepEqual((await store.outbox.claim(citizen, 10, 60_000)).map((m) => m.data.text), ['b', 'c']);
  });

  it('drops a message the platform refuses for good, and sends the next', async () => {
    const { sender, sent } = platformSender((text) => (text === 'bad' ? { ok: false, failure: 'rejected', code: '100' } : { ok: true, messageIds: ['m'] }));
    const push = pushWith(sender);
    await queue(citizen, 'bad', 'good');
    push.schedule(citizen);
    await push.idle();
    assert.deepEqual(sent.map((s) => s.texts[0]), ['bad', 'good']);
    assert.deepEqual(await waitingTexts(), [], 'a refused message would spoil every later answer');
  });

  it('leaves citizens of channels without a sender (the web chat) for their next visit', async () => {
    const { sender, sent } = platformSender();
    const push = pushWith(sender);
    const visitor = { channel: 'rest', userId: 'v1' };
    await queue(visitor, 'hello');
    push.schedule(visitor);
    await push.idle();
    assert.deepEqual(sent, []);
    assert.deepEqual((await store.outbox.claim(visitor, 10, 60_000)).map((m) => m.data.text), ['hello'], 'not even claimed');
  });

  describe('start-up sweep', () => {
    it('pushes what waited for every platform citizen, page after page, and leaves other channels and kinds alone', async () => {
      const { sender, sent } = platformSender();
      const citizens = Array.from({ length: 230 }, (_, i) => ({ channel: 'platform', userId: `c${String(i).padStart(3, '0')}` }));
      for (const c of citizens) await queue(c, `for ${c.userId}`);
      const visitor = { channel: 'rest', userId: 'v1' };
      await queue(visitor, 'hello');
      await store.outbox.enqueue({ ...citizen, key: 'other', kind: 'announcement', data: {} });
      const push = pushWith(sender);
      assert.equal(await push.sweep(), citizens.length);
      await push.idle();
      assert.deepEqual(sent.map((s) => s.userId).sort(), citizens.map((c) => c.userId));
      assert.ok(sent.every((s) => s.purpose === 'notice' && s.texts[0] === `for ${s.userId}`));
      assert.equal(await push.sweep(), citizens.length, 'one sweep per start, however often asked');
      assert.equal(sent.length, citizens.length);
      assert.deepEqual((await store.outbox.claim(visitor, 10, 60_000)).map((m) => m.data.text), ['hello'], 'the web chat\'s wait for a visit');
      assert.equal((await store.outbox.claim(citizen, 10, 60_000)).length, 1, 'a kind the push does not draw is not even claimed');
    });

    it('keeps what the platform will not take now (a closed window) for the citizen\'s next message', async () => {
      const { sender, sent } = platformSender(() => ({ ok: false, failure: 'window_closed' }));
      await queue(citizen, 'late');
      const push = pushWith(sender);
      await push.sweep();
      await push.idle();
      assert.equal(sent.length, 1);
      assert.deepEqual((await store.outbox.claim(citizen, 10, 60_000)).map((m) => m.data.text), ['late']);
    });

    it('lets one of several instances starting together sweep, and sends each message once (shared store and Redis)', async () => {
      const prefix = uniqueRedisPrefix('outbox-sweep');
      const instances = await Promise.all(
        [0, 1, 2].map(async () => ({ store: createSqliteStore(dir), coordination: await createRedisCoordination({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix }) })),
      );
      try {
        const citizens = Array.from({ length: 20 }, (_, i) => ({ channel: 'platform', userId: `p${i}` }));
        for (const c of citizens) await queue(c, 'notice', 'second notice');
        const { sender, sent } = platformSender();
        const pushes = instances.map((on) => pushWith(sender, on));
        const visited = await Promise.all(pushes.map((p) => p.sweep()));
        await Promise.all(pushes.map((p) => p.idle()));
        assert.deepEqual([...visited].sort((a, b) => a - b), [0, 0, citizens.length], 'one instance swept');
        assert.equal(sent.length, citizens.length * 2);
        assert.equal(new Set(sent.map((s) => `${s.userId}:${s.texts[0]}`)).size, sent.length, 'no message twice');
      } finally {
        for (const on of instances) {
          await on.coordination.close();
          await on.store.close();
        }
      }
    });
  });
});
