import assert from 'node:assert/strict';
import { createLogger } from '../../src/ops/logger';
import { scheduleStatePurge } from '../../src/store/state-retention';
import { chat, startAssistant, type RunningAssistant } from '../support/server';

describe('conversation state retention', () => {
  it('sweeps with the configured age, never two sweeps at once, and stops', async () => {
    const cutoffs: Date[] = [];
    let release!: () => void;
    const state = {
      purgeOlderThan: (before: Date) => {
        cutoffs.push(before);
        return new Promise<number>((resolve) => (release = () => resolve(3)));
      },
    };
    const now = new Date('2026-03-01T00:00:00Z');
    const retention = scheduleStatePurge({ state, maxAgeSeconds: 3600, intervalSeconds: 3600, logger: createLogger('silent'), now: () => now });
    const first = retention.sweep();
    const second = retention.sweep();
    release();
    assert.deepEqual([await first, await second], [3, 3]);
    assert.deepEqual(cutoffs, [new Date('2026-02-28T23:00:00Z')], 'one sweep for both callers, an hour back');
    retention.stop();
  });

  describe('in the running assistant', () => {
    let server: RunningAssistant;
    before(async () => {
      server = await startAssistant({ STATE_RETENTION_SECONDS: '1', STATE_PURGE_INTERVAL_SECONDS: '0.3' });
    });
    after(() => server.close());

    it('forgets a conversation idle longer than STATE_RETENTION_SECONDS, on its own schedule', async () => {
      const sender = `idle-${Date.now()}`;
      await chat(server.url, sender, '/dossier_status');
      assert.ok(await server.assistant.store.state.read(`rest/${sender}`), 'the waiting question is in the state');
      let gone = false;
      for (let i = 0; i < 50 && !gone; i++) {
        await new Promise((r) => setTimeout(r, 100));
        gone = (await server.assistant.store.state.read(`rest/${sender}`)) === undefined;
      }
      assert.ok(gone, 'purged within a few seconds');
    });
  });
});
