import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../src/store/sqlite/driver';
import nock from 'nock';
import { vi } from '../support/locale';
import { CuttingProxy } from '../support/cutting-proxy';
import { fakeGraph, messengerEnv, mid, pageDelivery, postWebhook, textEvent } from '../support/messenger';
import { OwnRedis } from '../support/own-redis';
import { startAssistant, type RunningAssistant } from '../support/server';
import { API_BASE, deliver, events, sentAnswer, userId, zaloEnv } from './zalo/zalo-support';

/**
 * Issue 12, "nothing lost, nothing sent twice": a platform delivery acknowledged while Redis (turn locks, seen ids)
 * goes away, or answers into a cut connection, in the middle of its turn. Each case ends with a second process on the
 * same store taking over whatever the first left in the delivery journal, at once rather than after its back-off, so
 * anything left for a replay is replayed: the citizen must have exactly one answer per message.
 */
describe('a platform turn in flight when Redis goes away', function () {
  // Two whole assistants per test (content, parser, store) and a redis-server of its own: slow on a busy machine.
  this.timeout(120_000);
  let redis: OwnRedis;
  let dataDir: string;
  let prefix: string;
  const running: RunningAssistant[] = [];
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  after(() => nock.enableNetConnect());
  beforeEach(async () => {
    redis = await OwnRedis.onFreePort();
    await redis.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-away-'));
    prefix = `test:redis-away:${randomUUID()}:`;
  });
  afterEach(async () => {
    nock.cleanAll();
    for (const r of running.splice(0)) await r.close().catch(() => undefined);
    await redis.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>, redisUrl = redis.url) => {
    const r = await startAssistant({ ...env, DATA_DIR: dataDir, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix });
    running.push(r);
    return r;
  };

  /** Journal rows the first process left (deliveries it acknowledged and did not finish). */
  const journalRows = () => {
    const db = new Database(path.join(dataDir, 'assistant.sqlite'));
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM inbound_journal').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  /** Stops `first` and starts a second process on its store, which replays at once what the first left in the journal. */
  const takeOver = async (first: RunningAssistant, env: Record<string, string>, redisUrl = redis.url) => {
    await first.close();
    running.splice(running.indexOf(first), 1);
    const db = new Database(path.join(dataDir, 'assistant.sqlite'));
    db.prepare("UPDATE inbound_journal SET leased_until = '1970-01-01T00:00:00.000Z'").run();
    db.close();
    return start(env, redisUrl);
  };

  /** Zalo's consultation endpoint: records each message's recipient and text; `during` runs before Zalo answers the n-th. */
  const zaloApi = (during: (n: number) => Promise<void> = async () => undefined) => {
    const sent: { userId: string; text: string }[] = [];
    nock(API_BASE)
      .persist()
      .post('/v3.0/oa/message/cs')
      .reply(async (_uri, body) => {
        const { recipient, message } = body as { recipient: { user_id: string }; message: { text: string } };
        sent.push({ userId: recipient.user_id, text: message.text.split('\n')[0]! });
        await during(sent.length);
        return [200, sentAnswer()];
      });
    return sent;
  };

  it('Zalo: Redis crashes (its keys lost) after the answer went out, before the turn lock is released: answered once', async () => {
    const sent = zaloApi(async (n) => {
      if (n === 1) await redis.kill();
    });
    const user = userId();
    const first = await start(zaloEnv());
    assert.equal((await deliver(first.url, events.text(user, 'cảm ơn'))).status, 200);
    await first.assistant.zalo!.idle();
    assert.deepEqual(sent, [{ userId: user, text: vi('thanks') }], 'answered while Redis was there');
    await redis.start(); // back, empty
    const leftBehind = journalRows();
    const second = await takeOver(first, zaloEnv());
    await second.assistant.zalo!.idle();
    assert.deepEqual(sent, [{ userId: user, text: vi('thanks') }], 'not answered again');
    assert.equal(leftBehind, 0, 'the answered delivery was forgotten, not kept for a replay');
    assert.equal(journalRows(), 0);
  });

  it('Messenger: two messages in one delivery, Redis crashes after the first answer: each answered once', async () => {
    let killed = false;
    const graph = fakeGraph(async (call, n) => {
      if (call.path === '/me/messages' && 'message' in call.body && !killed) {
        killed = true;
        await redis.kill();
      }
      return [200, { recipient_id: 'psid', message_id: `m_sent_${n}` }];
    });
    const texts = () => graph.messages().map((m) => (m.message as { text: string }).text);
    const psid = `psid-${randomUUID()}`;
    const first = await start(messengerEnv);
    const body = pageDelivery([textEvent(psid, 'cảm ơn', mid()), textEvent(psid, 'tạm biệt', mid())]);
    assert.equal((await postWebhook(first.url, body)).status, 200);
    await first.assistant.messenger!.idle();
    assert.deepEqual(texts(), [vi('thanks')], 'the second message met no Redis');
    await redis.start(); // back, empty
    const second = await takeOver(first, messengerEnv);
    await second.assistant.messenger!.idle();
    assert.deepEqual(texts(), [vi('thanks'), vi('goodbye')], 'the first answered once, the second answered on the replay');
    assert.equal(journalRows(), 0);
  });

  it('Zalo: the connection is cut after Redis marked the message seen, before its answer came back: answered once', async () => {
    const proxy = await CuttingProxy.inFrontOf(redis.port);
    try {
      const sent = zaloApi();
      const user = userId();
      const first = await start(zaloEnv(), proxy.url);
      // Only the inbox marks a message seen under "zalo:msg:" (the sender keeps the ids it sent under another name).
      proxy.cutAfter('seen:zalo:msg:');
      assert.equal((await deliver(first.url, events.text(user, 'cảm ơn'))).status, 200);
      await first.assistant.zalo!.idle();
      assert.deepEqual(proxy.cuts, ['seen:zalo:msg:'], 'the cut happened');
      assert.equal(sent.length, 1, 'ioredis sent the mark again on its new connection: the turn ran there');
      const second = await takeOver(first, zaloEnv(), proxy.url);
      await second.assistant.zalo!.idle();
      assert.deepEqual(sent, [{ userId: user, text: vi('thanks') }], 'answered, once');
      assert.equal(journalRows(), 0);
    } finally {
      await proxy.close();
    }
  });

  it('Zalo: the cut outlasts the reconnections, the delivery fails with its mark in Redis: its replay answers it, once', async () => {
    const proxy = await CuttingProxy.inFrontOf(redis.port);
    try {
      const sent = zaloApi();
      const user = userId();
      const first = await start(zaloEnv(), proxy.url);
      proxy.cutAfter('seen:zalo:msg:', { thenRefuse: true });
      assert.equal((await deliver(first.url, events.text(user, 'cảm ơn'))).status, 200);
      await first.assistant.zalo!.idle();
      assert.deepEqual(sent, [], 'the mark failed (ioredis gave up on it): no turn ran');
      assert.equal(journalRows(), 1, 'the delivery is kept for a replay');
      await proxy.reopen();
      const second = await takeOver(first, zaloEnv(), proxy.url);
      await second.assistant.zalo!.idle();
      assert.deepEqual(sent, [{ userId: user, text: vi('thanks') }], 'answered by the replay, once');
      assert.equal(journalRows(), 0);
    } finally {
      await proxy.close();
    }
  });
});
