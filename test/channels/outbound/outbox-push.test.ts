import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Reply } from '../../../src/bot/reply';
import { Inbox } from '../../../src/channels/inbox';
import type { ChannelSender, SendResult } from '../../../src/channels/outbound/channel-sender';
import { OutboxPush } from '../../../src/channels/outbound/outbox-push';
import { createMemoryCoordination, type Coordination } from '../../../src/coordination';
import { createLogger } from '../../../src/ops/logger';
import type { Store } from '../../../src/store';
import { createSqliteStore } from '../../../src/store/sqlite';

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
  const pushWith = (sender: ChannelSender) =>
    new OutboxPush({
      outbox: store.outbox,
      senders: new Map([[sender.channel, sender]]),
      render: (m) => (m.kind === 'note' ? { text: String(m.data.text) } : undefined),
      inbox: new Inbox(coordination, store.seenEvents),
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
});
