import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ECHO_METADATA } from '../../../src/channels/messenger/messenger-client';
import { QUEUED_REPLY_KIND } from '../../../src/channels/rest/rest-sender';
import { createSqliteStore } from '../../../src/store/sqlite';
import { vi } from '../../support/locale';
import { fakeGraph, isolateNetwork, messengerEnv, mid, pageDelivery, postWebhook, textEvent } from '../../support/messenger';
import { startAssistant, type RunningAssistant } from '../../support/server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const texts = (messages: Record<string, unknown>[]) => messages.map((m) => (m.message as { text: string }).text);

/** Waits until `check` holds (work that starts on its own, like a replay at start-up), failing after a while. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  assert.ok(check(), what);
}

describe('Messenger deliveries survive restarts and scale-out', function () {
  // Each test starts one or two whole assistants (content, parser, store): slow on a busy machine.
  this.timeout(60_000);
  isolateNetwork();
  let dataDir: string;
  const running: RunningAssistant[] = [];
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-durable-'));
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const start = async (env: Record<string, string> = {}) => {
    const r = await startAssistant({ ...messengerEnv, DATA_DIR: dataDir, ...env });
    running.push(r);
    return r;
  };

  it('drops a redelivery that arrives after a restart (SQLite, no Redis)', async () => {
    const graph = fakeGraph();
    const body = pageDelivery([textEvent('psid-restart', 'cảm ơn', mid())]);
    const first = await start();
    assert.equal((await postWebhook(first.url, body)).status, 200);
    await first.assistant.messenger!.idle();
    await first.close();
    running.splice(0);
    const second = await start();
    assert.equal((await postWebhook(second.url, body)).status, 200);
    await second.assistant.messenger!.idle();
    assert.deepEqual(texts(graph.messages()), [vi('thanks')]);
  });

  it('drops a redelivery that reaches the other instance (Redis, a key prefix of its own)', async () => {
    const graph = fakeGraph();
    const prefix = `test:messenger:${process.pid}:${randomUUID()}:`;
    const a = await start({ REDIS_URL, REDIS_KEY_PREFIX: prefix, DATA_DIR: fs.mkdtempSync(path.join(dataDir, 'a-')) });
    const b = await start({ REDIS_URL, REDIS_KEY_PREFIX: prefix, DATA_DIR: fs.mkdtempSync(path.join(dataDir, 'b-')) });
    assert.equal(a.assistant.coordination.kind, 'redis');
    const body = pageDelivery([textEvent('psid-scaled', 'cảm ơn', mid())]);
    const answers = await Promise.all([postWebhook(a.url, body), postWebhook(b.url, body), postWebhook(a.url, body)]);
    assert.deepEqual(answers.map((r) => r.status), [200, 200, 200]);
    await Promise.all([a.assistant.messenger!.idle(), b.assistant.messenger!.idle()]);
    assert.deepEqual(texts(graph.messages()), [vi('thanks')]);
  });

  it('answers a delivery that was acknowledged by a process that died before handling it', async () => {
    const graph = fakeGraph();
    // What a process leaves when it dies right after answering 200: the delivery in the journal, its lease running out.
    const store = createSqliteStore(dataDir);
    await store.inboundJournal.add('messenger', pageDelivery([textEvent('psid-orphan', 'cảm ơn', mid())]), 1);
    await store.close();
    await new Promise((r) => setTimeout(r, 20));
    const revived = await start();
    await eventually(() => graph.messages().length > 0, 'the orphaned delivery was answered');
    await revived.assistant.messenger!.idle();
    assert.deepEqual(graph.messages(), [
      {
        recipient: { id: 'psid-orphan' },
        messaging_type: 'RESPONSE',
        message: { text: vi('thanks'), quick_replies: [{ content_type: 'text', title: vi('menu.button'), payload: '/help' }], metadata: ECHO_METADATA },
      },
    ]);
  });

  it('pushes at start-up what waited in the outbox when the last process stopped, inside the window only', async () => {
    const graph = fakeGraph();
    // What a process leaves when it dies before pushing: answers kept while Meta was down, for two citizens.
    const store = createSqliteStore(dataDir);
    const [recent, away] = [{ channel: 'messenger', userId: 'psid-recent' }, { channel: 'messenger', userId: 'psid-away' }];
    await store.contacts.recordInteraction(recent, new Date(Date.now() - 3600_000));
    await store.contacts.recordInteraction(away, new Date(Date.now() - 3 * 24 * 3600_000));
    for (const user of [recent, away]) await store.outbox.enqueue({ ...user, key: `kept:${user.userId}`, kind: QUEUED_REPLY_KIND, data: { text: 'Dạ, hồ sơ của anh/chị đã có kết quả.' } });
    await store.close();
    const revived = await start();
    await revived.assistant.outboxPush.idle();
    assert.deepEqual(graph.messages(), [
      { recipient: { id: 'psid-recent' }, messaging_type: 'UPDATE', message: { text: 'Dạ, hồ sơ của anh/chị đã có kết quả.', metadata: ECHO_METADATA } },
    ]);
    assert.deepEqual(await revived.assistant.store.outbox.pending(recent, 10), []);
    assert.equal((await revived.assistant.store.outbox.pending(away, 10)).length, 1, 'outside the 24 hours it waits for the citizen\'s next message');
  });
});
