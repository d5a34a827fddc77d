import assert from 'node:assert/strict';
import { createLogger } from '../../src/ops/logger';
import { scheduleRetention, type RetentionRule } from '../../src/privacy/retention';
import { chat, startAssistant, type RunningAssistant } from '../support/server';

describe('retention of citizens\' records', () => {
  it('sweeps every kind with its own age, never two sweeps at once, a failing kind holding no other back', async () => {
    const cutoffs: Record<string, Date[]> = { a: [], b: [], c: [] };
    let release!: () => void;
    const rule = (kind: string, maxAgeSeconds: number, purge: () => Promise<number>): RetentionRule => ({
      kind,
      maxAgeSeconds,
      purge: (before) => (cutoffs[kind]!.push(before), purge()),
    });
    const rules = [
      rule('a', 3600, () => new Promise<number>((resolve) => (release = () => resolve(3)))),
      rule('b', 86_400, () => Promise.reject(new Error('storage down'))),
      rule('c', 60, async () => 0),
    ];
    const now = new Date('2026-03-01T00:00:00Z');
    const retention = scheduleRetention({ rules, intervalSeconds: 3600, logger: createLogger('silent'), now: () => now });
    const first = retention.sweep();
    const second = retention.sweep();
    await new Promise((r) => setImmediate(r));
    release();
    assert.deepEqual([await first, await second], [{ a: 3, c: 0 }, { a: 3, c: 0 }], 'one sweep for both callers; b failed and c still ran');
    assert.deepEqual(cutoffs, {
      a: [new Date('2026-02-28T23:00:00Z')],
      b: [new Date('2026-02-28T00:00:00Z')],
      c: [new Date('2026-02-28T23:59:00Z')],
    });
    retention.stop();
  });

  describe('in the running assistant', function () {
    this.timeout(60_000);
    let server: RunningAssistant;
    // Two seconds: long enough to read the records back after the turn on a slow machine, before the purge takes them.
    const tinyDays = String(2 / 86_400);
    before(async () => {
      server = await startAssistant({
        STATE_RETENTION_SECONDS: '2',
        UNANSWERED_RETENTION_DAYS: tinyDays,
        CONTACT_RETENTION_DAYS: tinyDays,
        STATE_PURGE_INTERVAL_SECONDS: '0.3',
      });
    });
    after(() => server.close());

    it('forgets a conversation, its recent lines, its unanswered question and the contact once past their ages, on its own schedule', async () => {
      const user = { channel: 'rest', userId: `idle-${Date.now()}` };
      await chat(server.url, user.userId, 'xyzzy qwerty plugh');
      const { store } = server.assistant;
      assert.ok(await store.state.read(`rest/${user.userId}`), 'the conversation is in the state');
      assert.equal((await store.unanswered.exportUser(user)).length, 1, 'the question the assistant could not answer is kept');
      assert.ok(await store.contacts.get(user));
      assert.ok((await store.recentLines.exportUser(user)).length >= 2, 'the conversation\'s recent lines are kept');
      let left = Infinity;
      // Ages of two seconds, a purge every 0.3 s: done within a few seconds, given up only after twenty (a slow machine).
      for (const deadline = Date.now() + 20_000; left > 0 && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 100));
        left =
          (await store.state.exportUser(user)).length +
          (await store.recentLines.exportUser(user)).length +
          (await store.unanswered.exportUser(user)).length +
          Number((await store.contacts.get(user)) !== undefined);
      }
      assert.equal(left, 0, 'all purged within a few seconds');
    });
  });
});
