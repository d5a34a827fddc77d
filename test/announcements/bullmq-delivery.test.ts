import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Actor } from '../../src/admin/actor';
import { sendQueueName } from '../../src/announcements/bullmq-runner';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { startAssistant, uniqueRedisPrefix, type RunningAssistant } from '../support/server';
import { startStandInZalo, type StandInZalo } from '../support/stand-in-zalo';
import { eventually, zaloEnv } from '../channels/zalo/zalo-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RECIPIENTS = 200;
const PER_SECOND = 50;

describe('announcement delivery on BullMQ: two instances, one rate limit (real Redis, shared SQLite, stand-in Zalo)', function () {
  this.timeout(120_000);
  const prefix = uniqueRedisPrefix('announce-fanout');
  let dir: string;
  let zalo: StandInZalo;
  let store: Store;
  const instances: RunningAssistant[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'announce-bullmq-'));
    zalo = await startStandInZalo();
    store = createSqliteStore(dir);
    for (const name of ['a', 'b']) {
      const env = {
        ...zaloEnv({ ZALO_API_BASE: `${zalo.url}/${name}`, ZALO_OAUTH_BASE: zalo.url }),
        DATA_DIR: dir,
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        ANNOUNCEMENT_ZALO_PER_SECOND: String(PER_SECOND),
        ANNOUNCEMENT_CONCURRENCY: '4',
        ANNOUNCEMENT_POLL_SECONDS: '1',
      };
      instances.push(await startAssistant(env));
    }
  });
  after(async () => {
    for (const i of instances) await i.close();
    await store.close();
    await zalo.close();
    fs.rmSync(dir, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL);
    try {
      for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
    } finally {
      redis.disconnect();
    }
  });

  it('shares the sends between the instances, keeps the global rate, and sends each recipient once', async () => {
    const now = new Date();
    for (let i = 0; i < RECIPIENTS; i++) {
      const user = { channel: 'zalo', userId: `bull-${String(i).padStart(4, '0')}` };
      await store.contacts.recordInteraction(user, now);
      await store.contacts.subscribe(user, { topics: [], communes: [] }, now);
    }
    const a = await store.announcements.create({ title: 'Thông báo', body: 'Nội dung', topics: [], channels: ['zalo'], communes: [] }, 'staff:news1', now);
    const started = Date.now();
    const answer = await instances[0]!.assistant.announcements.service.sendNow(a.id, { kind: 'staff', username: 'news1', roles: ['propaganda'] });
    assert.ok('announcement' in answer);
    await eventually(async () => (await store.announcements.get(a.id))?.status === 'done', 'the announcement to finish', 60_000);
    const seconds = (Date.now() - started) / 1000;

    assert.equal(zalo.total(), RECIPIENTS);
    assert.equal(Math.max(...zalo.received.values()), 1, 'nobody twice');
    assert.equal((await store.announcements.report(a.id)).sent, RECIPIENTS);
    assert.ok((zalo.byBase.get('/a') ?? 0) > 0 && (zalo.byBase.get('/b') ?? 0) > 0, `both instances sent: ${JSON.stringify([...zalo.byBase])}`);
    // 200 sends at 50 a second take at least 3 full windows when the limit is global; two separate limits would allow 2 s.
    assert.ok(seconds >= RECIPIENTS / PER_SECOND - 1, `took ${seconds.toFixed(1)} s`);
  });

  it('takes a cancelled announcement\'s queued send jobs off the queue, so no worker runs them', async () => {
    const now = new Date();
    const commune = 'cancel-bullmq';
    const COUNT = 300;
    for (let i = 0; i < COUNT; i++) {
      const user = { channel: 'zalo', userId: `bull-cancel-${String(i).padStart(4, '0')}` };
      await store.contacts.recordInteraction(user, now);
      await store.contacts.subscribe(user, { topics: [], communes: [commune] }, now);
    }
    const a = await store.announcements.create({ title: 'Hủy', body: 'Nội dung', topics: [], channels: ['zalo'], communes: [commune] }, 'staff:news1', now);
    const staff: Actor = { kind: 'staff', username: 'news1', roles: ['propaganda'] };
    const base = zalo.total();
    await instances[0]!.assistant.announcements.service.sendNow(a.id, staff);
    // At 50 a second, most of the 300 jobs are still queued when staff cancel.
    await eventually(async () => zalo.total() - base >= 20, 'the first sends');
    const queue = new Queue(sendQueueName('zalo'), { connection: { url: REDIS_URL }, prefix: `${prefix}bull` });
    try {
      assert.ok('announcement' in (await instances[1]!.assistant.announcements.service.cancel(a.id, staff)));
      const queued = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
      assert.deepEqual(Object.values(queued), [0, 0, 0], `nothing left queued: ${JSON.stringify(queued)}`);
      // Jobs running at the cancel (at most ANNOUNCEMENT_CONCURRENCY 4 per instance) end by themselves.
      await eventually(async () => Object.values(await queue.getJobCounts('active')).every((n) => n === 0), 'the running jobs to end');
    } finally {
      await queue.close();
    }
    const sent = zalo.total() - base;
    const report = await store.announcements.report(a.id);
    assert.equal(report.sent, sent, 'every message Zalo got is counted sent');
    assert.deepEqual([report.pending, report.attempting, report.skipped.cancelled], [0, 0, COUNT - sent]);
    assert.ok(sent < COUNT / 2, `stopped early: ${sent} sent`);
  });

  it('delivers an announcement left sending whose plan job is gone (Redis restarted without its data) at the next poll, no restart needed', async () => {
    const now = new Date();
    const commune = 'lost-plan';
    const users = ['lost-plan-1', 'lost-plan-2', 'lost-plan-3'].map((userId) => ({ channel: 'zalo', userId }));
    for (const user of users) {
      await store.contacts.recordInteraction(user, now);
      await store.contacts.subscribe(user, { topics: [], communes: [commune] }, now);
    }
    const a = await store.announcements.create({ title: 'Mất việc', body: 'Nội dung', topics: [], channels: ['zalo'], communes: [commune] }, 'staff:news1', now);
    // `sending` in the store with no plan job in Redis: what a Redis that lost its memory leaves.
    assert.ok(await store.announcements.transition(a.id, ['draft'], 'sending', now));
    await eventually(async () => (await store.announcements.get(a.id))?.status === 'done', 'the announcement to finish', 30_000);
    assert.deepEqual(users.map((u) => zalo.received.get(u.userId)), [1, 1, 1], 'each follower once');
  });
});
