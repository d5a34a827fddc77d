import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import type { Actor } from '../../src/admin/actor';
import { eventually, zaloEnv } from '../channels/zalo/zalo-support';
import { createSqliteStore } from '../../src/store/sqlite';
import { heldPlatformSends } from '../support/held-platform-sends';
import { messengerEnv } from '../support/messenger';
import { OwnRedis } from '../support/own-redis';
import { startAssistant, uniqueRedisPrefix, type RunningAssistant } from '../support/server';

const FOLLOWERS = 12;
/** Slow enough that the announcement is still being delivered when Redis goes away. */
const PER_SECOND = 3;
const STAFF: Actor = { kind: 'staff', username: 'news1', roles: ['propaganda'] };
/** The close's deadline: far longer than the held sends need once released, far shorter than waiting on Redis (BullMQ's reconnects wait up to 20 s each). */
const CLOSE_WITHIN_MS = 15_000;

/**
 * An instance closing (SIGTERM) while Redis is away and stays away: the sends under way finish and are recorded, the
 * close ends by its deadline instead of waiting on BullMQ's connections, and when Redis is back (with its data) the next
 * instance delivers the rest, nobody getting the announcement twice. The process-level SIGTERM is in
 * test/ops/shutdown.test.ts.
 */
describe('closing the BullMQ announcement runner while Redis is away (own redis-server, nock at Zalo and Facebook)', function () {
  this.timeout(120_000);
  let redis: OwnRedis;
  let second: RunningAssistant | undefined;
  /** Both instances' store: the second one is the first one's next start. */
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assistant-close-away-'));
  let zalo: Map<string, number>;
  let hold: ReturnType<typeof heldPlatformSends>['hold'];
  let messenger: () => Map<string, number>;

  before(async () => {
    ({ zalo, hold, messenger } = heldPlatformSends());
    redis = await OwnRedis.onFreePort();
    await redis.start();
  });
  after(async () => {
    hold.release();
    await second?.close();
    await redis?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const env = (prefix: string) => ({
    ...zaloEnv(),
    ...messengerEnv,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: prefix,
    ANNOUNCEMENT_ZALO_PER_SECOND: String(PER_SECOND),
    ANNOUNCEMENT_MESSENGER_PER_SECOND: String(PER_SECOND),
    ANNOUNCEMENT_CONCURRENCY: '2',
  });

  it('finishes the sends under way by its deadline, and the next instance delivers the rest once Redis is back, each exactly once', async () => {
    const prefix = uniqueRedisPrefix('announce-close-away');
    const first = await startAssistant({ ...env(prefix), DATA_DIR: dataDir });
    const store = first.assistant.store;
    const now = new Date();
    const users = { zalo: [] as string[], messenger: [] as string[] };
    for (const channel of ['zalo', 'messenger'] as const) {
      for (let i = 0; i < FOLLOWERS; i++) {
        const user = { channel, userId: `close-away-${channel}-${String(i).padStart(3, '0')}` };
        await store.contacts.recordInteraction(user, now);
        await store.contacts.subscribe(user, { topics: [], communes: ['close-away'] }, now);
        users[channel].push(user.userId);
      }
    }
    const a = await store.announcements.create({ title: 'close-away', body: 'Nội dung', topics: [], channels: ['zalo', 'messenger'], communes: ['close-away'] }, 'staff:news1', new Date());
    assert.ok('announcement' in (await first.assistant.announcements.service.sendNow(a.id, STAFF)));
    await eventually(() => zalo.size > 0 && messenger().size > 0, 'the first sends on both channels');
    hold.armed = true;
    await eventually(() => hold.zalo !== undefined && hold.messenger !== undefined, 'a send under way on each platform');
    assert.ok((await store.announcements.report(a.id)).pending > 0, 'still in delivery when Redis goes away');

    await redis.stop();
    // As on SIGTERM (src/ops/shutdown.ts): the close starts with the sends still held at the platforms; they answer
    // meanwhile, while Redis stays away.
    const closing = first.close({ by: Date.now() + CLOSE_WITHIN_MS });
    hold.release();
    const outcome = await Promise.race([closing.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), CLOSE_WITHIN_MS + 10_000).unref())]);
    assert.equal(outcome, 'closed', 'the close ended by its deadline (with a margin) although Redis stayed away');

    // What the close let finish was recorded: every send the platforms took is `sent`, none left `attempting` (in doubt).
    const called = () => [...zalo.values(), ...messenger().values()].reduce((sum, n) => sum + n, 0);
    const kept = createSqliteStore(dataDir);
    try {
      const report = await kept.announcements.report(a.id);
      assert.equal(report.attempting, 0, `no row left in doubt: ${JSON.stringify(report)}`);
      assert.equal(report.sent, called(), `each send the platforms took is recorded sent: ${JSON.stringify(report)}`);
      assert.ok(report.pending > 0, 'some were still queued in Redis when it went away');
    } finally {
      await kept.close();
    }

    // Redis is back with its data: the queued send jobs go out from the next instance, nobody gets one twice.
    await redis.start();
    second = await startAssistant({ ...env(prefix), DATA_DIR: dataDir });
    await eventually(async () => (await second!.assistant.store.announcements.report(a.id)).sent === 2 * FOLLOWERS, 'every follower served after Redis returned', 60_000);
    assert.deepEqual(users.zalo.map((u) => zalo.get(u) ?? 0), users.zalo.map(() => 1), 'each Zalo follower got it exactly once');
    assert.deepEqual(users.messenger.map((u) => messenger().get(u) ?? 0), users.messenger.map(() => 1), 'each Messenger follower got it exactly once');
  });
});
