import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import nock from 'nock';
import type { Actor } from '../../src/admin/actor';
import { eventually, zaloEnv } from '../channels/zalo/zalo-support';
import { heldPlatformSends } from '../support/held-platform-sends';
import { messengerEnv } from '../support/messenger';
import { OwnRedis } from '../support/own-redis';
import { startAssistant, uniqueRedisPrefix, type RunningAssistant } from '../support/server';

const FOLLOWERS = 40;
/** Slow enough that the announcement is still being delivered when Redis goes away. */
const PER_SECOND = 4;
const STAFF: Actor = { kind: 'staff', username: 'news1', roles: ['propaganda'] };

/** Resolves once a worker has waited `seconds` in its blocking read (BZPOPMIN) on `redis`, as CLIENT LIST tells. */
async function blockedFor(redis: OwnRedis, seconds: number): Promise<void> {
  const client = new Redis(redis.url);
  try {
    await eventually(async () => {
      const clients = String(await client.client('LIST')).split('\n');
      return clients.some((line) => line.includes('cmd=bzpopmin') && Number(/ idle=(\d+)/.exec(line)?.[1]) >= seconds);
    }, `a worker blocked for ${seconds} s`, 30_000);
  } finally {
    client.disconnect();
  }
}

describe('announcements on BullMQ through a Redis restart (own redis-server, nock at Zalo and Facebook)', function () {
  this.timeout(120_000);
  let redis: OwnRedis;
  let running: RunningAssistant;
  let zalo: Map<string, number>;
  let hold: ReturnType<typeof heldPlatformSends>['hold'];
  let messenger: () => Map<string, number>;

  before(async () => {
    ({ zalo, hold, messenger } = heldPlatformSends());
    redis = await OwnRedis.onFreePort();
    await redis.start();
    running = await startAssistant({
      ...zaloEnv(),
      ...messengerEnv,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: uniqueRedisPrefix('announce-restart'),
      ANNOUNCEMENT_ZALO_PER_SECOND: String(PER_SECOND),
      ANNOUNCEMENT_MESSENGER_PER_SECOND: String(PER_SECOND),
      ANNOUNCEMENT_CONCURRENCY: '2',
    });
  });
  after(async () => {
    await running?.close();
    await redis?.kill();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const store = () => running.assistant.store;
  /** Zalo and Messenger followers of commune `tag`, each with an open messaging window. */
  async function followers(tag: string): Promise<{ zalo: string[]; messenger: string[] }> {
    const now = new Date();
    const ids = { zalo: [] as string[], messenger: [] as string[] };
    for (const channel of ['zalo', 'messenger'] as const) {
      for (let i = 0; i < FOLLOWERS; i++) {
        const user = { channel, userId: `${tag}-${channel}-${String(i).padStart(3, '0')}` };
        await store().contacts.recordInteraction(user, now);
        await store().contacts.subscribe(user, { topics: [], communes: [tag] }, now);
        ids[channel].push(user.userId);
      }
    }
    return ids;
  }
  async function announce(tag: string): Promise<string> {
    const a = await store().announcements.create({ title: tag, body: 'Nội dung', topics: [], channels: ['zalo', 'messenger'], communes: [tag] }, 'staff:news1', new Date());
    assert.ok('announcement' in (await running.assistant.announcements.service.sendNow(a.id, STAFF)));
    return a.id;
  }
  /** Waits for the announcement to be done; failing, tells where its rows stand (one left `attempting` waits out a 10-minute lease). */
  async function finished(id: string, what: string): Promise<void> {
    try {
      await eventually(async () => (await store().announcements.get(id))?.status === 'done', what, 60_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}: ${JSON.stringify(await store().announcements.report(id))}`);
    }
  }
  const receivedBy = (users: { zalo: string[]; messenger: string[] }) => ({
    zalo: users.zalo.map((u) => zalo.get(u) ?? 0),
    messenger: users.messenger.map((u) => messenger().get(u) ?? 0),
  });
  const once = (users: { zalo: string[]; messenger: string[] }) => ({ zalo: users.zalo.map(() => 1), messenger: users.messenger.map(() => 1) });

  it('delivers an announcement in progress exactly once to each follower, and the workers take new jobs afterwards', async () => {
    const during = await followers('restart-during');
    const first = await announce('restart-during');
    await eventually(() => zalo.size > 0 && messenger().size > 0, 'the first sends on both channels');
    // Killed while a worker waits in its blocking read, so the read's own watchdog (drainDelay + 1 s) falls in the outage:
    // the case of taskforcesh/bullmq#4585, where the blocking connection was left "reconnecting" for ever.
    await blockedFor(redis, 4);
    // A send on each platform is then held under way: Zalo and Meta take it while Redis is away.
    hold.armed = true;
    await eventually(() => hold.zalo !== undefined && hold.messenger !== undefined, 'a send under way on each platform');
    const report = await store().announcements.report(first);
    assert.ok(report.pending > 0, `still in delivery at the restart: ${JSON.stringify(report)}`);
    await redis.kill();
    hold.release();
    await new Promise((r) => setTimeout(r, 1500)); // away for a while, as in test/ops/storage-and-redis-faults.test.ts
    await redis.start();

    await finished(first, 'the announcement begun before the restart to finish');
    assert.deepEqual(receivedBy(during), once(during), 'each follower got it exactly once');
    assert.equal((await store().announcements.report(first)).sent, 2 * FOLLOWERS);

    // Every queue's jobs went with Redis's memory; a new announcement needs the plan worker and both send workers.
    const later = await followers('restart-after');
    const second = await announce('restart-after');
    await finished(second, 'an announcement made after the restart to finish');
    assert.deepEqual(receivedBy(later), once(later), 'each follower of the later one got it exactly once');
    assert.deepEqual(receivedBy(during), once(during), 'nobody got the first one again');
  });
});
