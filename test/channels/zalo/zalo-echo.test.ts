import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { Inbox } from '../../../src/channels/inbox';
import type { OfficerSignals } from '../../../src/channels/officer-signals';
import { createZaloChannel, type ZaloChannel } from '../../../src/channels/zalo/zalo-channel';
import { loadConfig } from '../../../src/config';
import { createMemoryCoordination, type Coordination } from '../../../src/coordination';
import { createHttpApp } from '../../../src/http/app';
import { failedVerificationBudget } from '../../../src/http/rate-limit';
import { createLogger } from '../../../src/ops/logger';
import { createMetrics } from '../../../src/ops/metrics';
import type { ChannelUser, Store } from '../../../src/store';
import { createSqliteStore } from '../../../src/store/sqlite';
import { translator } from '../../support/locale';
import { API_BASE, deliver, events, eventually, messageId, onlyZaloInterceptors, userId, zaloEnv } from './zalo-support';

const OFFICER = '1234567890123456789';

describe('Zalo echoes (oa_send_*)', () => {
  let dir: string;
  let running: { store: Store; coordination: Coordination; channel: ZaloChannel; server: Server; url: string };
  const spoke: { user: ChannelUser; at: Date }[] = [];
  let turns = 0;
  const signals: OfficerSignals = {
    async officerSpoke(user, at) {
      spoke.push({ user, at });
    },
    async handedBack() {},
  };

  /** The channel composed as the assistant does without REDIS_URL: memory coordination, seen ids in the store. */
  async function start(): Promise<typeof running> {
    const store = createSqliteStore(dir);
    const coordination = createMemoryCoordination();
    const logger = createLogger('silent');
    const config = loadConfig(zaloEnv({ DATA_DIR: dir }));
    const built = await createZaloChannel({
      config,
      store,
      coordination,
      inbox: new Inbox(coordination, store.seenEvents),
      seenEvents: store.seenEvents,
      chargeFailure: failedVerificationBudget({ coordination, name: 'zalo-signature', limit: 30, windowSeconds: 3600 }),
      translator,
      // Echoes must never become turns: the bot logic only counts calls here.
      logic: async () => void (turns += 1),
      metrics: createMetrics(),
      logger,
      officerSignals: signals,
    });
    const channel = built ?? assert.fail('the channel is configured');
    const app = createHttpApp({ logger, routers: [channel.router] });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return { store, coordination, channel, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }
  async function stop(): Promise<void> {
    const { channel, server, coordination, store } = running;
    await channel.close();
    await new Promise((resolve) => server.close(resolve));
    await coordination.close();
    await store.close();
  }
  const url = () => running.url;
  const channel = () => running.channel;

  onlyZaloInterceptors();
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zalo-echo-'));
    running = await start();
  });
  after(async () => {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    spoke.length = 0;
    turns = 0;
  });

  it('reports an officer\'s message from OA Manager (an echo with an admin id) once, and runs no turn', async () => {
    const user = userId();
    const at = Date.now() - 2000;
    const echo = events.echo(user, 'Dạ, hồ sơ tạm trú của anh đã đủ, mời anh đến nhận kết quả.', messageId(), OFFICER, at);
    assert.equal((await deliver(url(), echo)).status, 200);
    assert.equal((await deliver(url(), echo)).status, 200, 'a redelivery');
    await eventually(() => spoke.length > 0, 'the officer signal');
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(spoke, [{ user: { channel: 'zalo', userId: user }, at: new Date(at) }]);
    assert.equal(turns, 0);
  });

  it('ignores echoes of our own sends, matched by msg_id, even when they carry an admin id', async () => {
    const user = userId();
    const ours = 'a0b1c2d3e4f5a6b7c8d9';
    nock(API_BASE).post('/v3.0/oa/message/cs').once().reply(200, { error: 0, message: 'Success', data: { message_id: ours } });
    assert.deepEqual(await channel().sender.send(user, [{ text: 'Dạ, em chào anh/chị.' }], 'reply'), { ok: true, messageIds: [ours] });
    await deliver(url(), events.echo(user, 'Dạ, em chào anh/chị.', ours, OFFICER));
    await deliver(url(), events.echo(user, 'Dạ, em chào anh/chị.', messageId()));
    // A later officer echo for the same citizen runs after those two: once it is reported, they were handled.
    await deliver(url(), events.echo(user, 'Cán bộ trả lời', messageId(), OFFICER));
    await eventually(() => spoke.length > 0, 'the officer signal');
    assert.equal(spoke.length, 1);
    assert.equal(turns, 0);
  });

  it('still knows an echo of a send made just before a restart as ours (no Redis: the ids are in the store)', async () => {
    const user = userId();
    const ours = 'f0e1d2c3b4a5968778695a4b';
    nock(API_BASE).post('/v3.0/oa/message/cs').once().reply(200, { error: 0, message: 'Success', data: { message_id: ours } });
    assert.deepEqual(await channel().sender.send(user, [{ text: 'Dạ, hồ sơ của anh/chị đã có kết quả.' }], 'notice'), { ok: true, messageIds: [ours] });
    await stop();
    running = await start();
    await deliver(url(), events.echo(user, 'Dạ, hồ sơ của anh/chị đã có kết quả.', ours, OFFICER));
    // An officer's own message after it runs behind it in the citizen's queue: once it is reported, the echo was handled.
    await deliver(url(), events.echo(user, 'Cán bộ trả lời', messageId(), OFFICER));
    await eventually(() => spoke.length > 0, 'the officer signal');
    assert.equal(spoke.length, 1, 'only the officer\'s message is an officer taking over');
    assert.equal(turns, 0);
  });

  it('answers the echo of an API send (no admin id) without keeping it or marking it: nothing is run for it', async () => {
    const user = userId();
    const echoId = messageId();
    assert.equal((await deliver(url(), events.echo(user, 'Dạ, em chào anh/chị.', echoId))).status, 200);
    // An officer's message behind it for the same citizen: once it is reported, anything queued before it has run.
    await deliver(url(), events.echo(user, 'Cán bộ trả lời', messageId(), OFFICER));
    await eventually(() => spoke.length > 0, 'the officer signal');
    assert.equal(await running.store.seenEvents.firstSeen(`zalo:msg:${echoId}`, 60), true, 'it never passed the inbox (whose dedupe marks every event it runs)');
    assert.deepEqual(await running.store.inboundJournal.waiting(), {});
    assert.equal(turns, 0);
  });
});
