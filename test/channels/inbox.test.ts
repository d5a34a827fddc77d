import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Inbox } from '../../src/channels/inbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryCoordination, createRedisCoordination, type Coordination } from '../../src/coordination';
import type { SeenEventLog } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { monitorRedis } from '../support/redis-monitor';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

for (const [name, create] of [
  ['in-process', async () => createMemoryCoordination()],
  ['Redis', () => createRedisCoordination({ url: REDIS_URL, prefix: `test:inbox:${process.pid}:${randomUUID()}:` })],
] as const) {
  describe(`Inbox (${name} coordination)`, () => {
    let coordination: Coordination;
    before(async () => {
      coordination = await create();
    });
    after(async () => {
      await coordination.close();
    });

    it('drops a redelivered platform message id without running the turn again', async () => {
      const inbox = new Inbox(coordination);
      const id = randomUUID();
      let runs = 0;
      assert.equal(await inbox.deliver('zalo', 'u1', id, async () => ++runs), 1);
      assert.equal(await inbox.deliver('zalo', 'u1', id, async () => ++runs), undefined);
      assert.equal(runs, 1);
      assert.equal(await inbox.deliver('messenger', 'u1', id, async () => ++runs), 2, 'ids are per channel');
    });

    it('runs one conversation\'s events in arrival order, never together', async () => {
      const inbox = new Inbox(coordination);
      const conversation = randomUUID();
      const events: string[] = [];
      await Promise.all(
        [1, 2, 3].map((n) =>
          inbox.deliver('zalo', conversation, undefined, async () => {
            events.push(`start ${n}`);
            await new Promise((r) => setTimeout(r, 10));
            events.push(`end ${n}`);
          }),
        ),
      );
      assert.deepEqual(events, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    });
  });
}

describe('Inbox on Redis: round trips of a delivery', () => {
  it('takes the lock and marks the id in one command, then releases it; a redelivery costs one command', async () => {
    const prefix = `test:inbox-commands:${randomUUID()}:`;
    const coordination = await createRedisCoordination({ url: REDIS_URL, prefix });
    const monitor = await monitorRedis(REDIS_URL);
    // What the client sent (not what its scripts called inside Redis, which MONITOR shows as coming from 'lua').
    const sent = () => monitor.commands.filter((c) => c.source !== 'lua' && c.args.some((a) => a.startsWith(prefix))).map((c) => c.args[0]!.toLowerCase());
    try {
      const inbox = new Inbox(coordination);
      const claim = { owner: 'zalo:j1#1', reclaim: [] };
      const attempt = { claim, decidedBefore: () => false, decide: () => undefined };
      const settle = () => new Promise((r) => setTimeout(r, 100));
      // The first use of a script on a connection sends it whole (EVAL), later ones its SHA-1 (EVALSHA).
      assert.equal(await inbox.deliver('zalo', 'u0', randomUUID(), async () => 'warm', attempt), 'warm');
      await settle();
      monitor.commands.length = 0;
      const id = randomUUID();
      assert.equal(await inbox.deliver('zalo', 'u1', id, async () => 'ran', attempt), 'ran');
      await settle();
      assert.deepEqual(sent(), ['evalsha', 'evalsha'], 'lock and mark, then release');
      monitor.commands.length = 0;
      assert.equal(await inbox.deliver('zalo', 'u1', id, async () => 'again', { ...attempt, claim: { owner: 'zalo:j2#1', reclaim: [] } }), undefined);
      await settle();
      assert.deepEqual(sent(), ['evalsha'], 'seen already: the lock let go by the same command');
    } finally {
      monitor.close();
      await coordination.close();
    }
  });
});

describe('Inbox with the store\'s seen log (no Redis)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-seen-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('still drops a redelivered id after a restart', async () => {
    const id = randomUUID();
    let runs = 0;
    let store = createSqliteStore(dir);
    assert.equal(await new Inbox(createMemoryCoordination(), store.seenEvents).deliver('messenger', 'u1', id, async () => ++runs), 1);
    await store.close();
    store = createSqliteStore(dir);
    assert.equal(await new Inbox(createMemoryCoordination(), store.seenEvents).deliver('messenger', 'u1', id, async () => ++runs), undefined);
    assert.equal(runs, 1);
    await store.close();
  });

  it('marks an event seen when its turn starts, not while it waits behind another turn', async () => {
    const offered: string[] = [];
    const coordination = createMemoryCoordination();
    const seen: SeenEventLog = {
      firstSeen: (key, ttl) => {
        offered.push(key);
        return coordination.firstSeen(key, ttl);
      },
    };
    const inbox = new Inbox(coordination, seen);
    let release!: () => void;
    const slow = inbox.deliver('messenger', 'u1', 'first', () => new Promise<void>((r) => (release = r)));
    const queued = inbox.deliver('messenger', 'u1', 'second', async () => 'ran');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(offered, ['messenger:msg:first'], 'the queued event is not marked yet: a crash now leaves it to a replay');
    release();
    await slow;
    assert.equal(await queued, 'ran');
    assert.deepEqual(offered, ['messenger:msg:first', 'messenger:msg:second']);
    await coordination.close();
  });
});
