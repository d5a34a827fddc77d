import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Inbox } from '../../src/channels/inbox';
import { createMemoryCoordination, createRedisCoordination, type Coordination } from '../../src/coordination';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

for (const [name, create] of [
  ['in-process', async () => createMemoryCoordination()],
  ['Redis', () => createRedisCoordination({ url: REDIS_URL, prefix: `test:inbox:${process.pid}:` })],
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
