import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { spawnAssistant } from '../support/assistant-process';
import { eventually, zaloEnv } from '../channels/zalo/zalo-support';
import { seedAnnouncementLeftSending, useDeliveryBench } from './left-sending';

const RECIPIENTS = 5;

describe('announcements start only after the understanding is built (real process, real SQLite, stand-in Zalo)', function () {
  // A fresh Node compiles the assistant through tsx and trains its models before the second start sends.
  this.timeout(300_000);
  const bench = useDeliveryBench('announce-start-');
  let badIntents: string;

  before(() => {
    badIntents = fs.mkdtempSync(path.join(os.tmpdir(), 'announce-start-intents-'));
    fs.cpSync(path.join(projectRoot, 'intents'), badIntents, { recursive: true });
    fs.writeFileSync(path.join(badIntents, 'vi', 'greeting.yaml'), '- {text: "xin chào", intent: [unclosed\n');
  });
  after(() => fs.rmSync(badIntents, { recursive: true, force: true }));

  it('sends nothing when a bad training file stops the start, and the whole send once a good start follows', async () => {
    const { dir, zalo, store } = bench;
    // Left `sending` by a process that stopped: the next start resumes it, once it can answer the citizens who reply.
    const a = await seedAnnouncementLeftSending(store, RECIPIENTS, 'start');
    const env = { ...zaloEnv({ ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url }), DATA_DIR: dir, ANNOUNCEMENT_POLL_SECONDS: '0.2' };

    bench.running = spawnAssistant({ ...env, INTENTS_DIR: badIntents });
    assert.equal(await bench.running.exited, 1, 'the start fails');
    bench.running = undefined;
    assert.equal(zalo.total(), 0, 'no announcement went out from the failed start');
    assert.equal((await store.announcements.get(a.id))?.status, 'sending');

    // The same store and announcement with the shipped training data: the send happens, so the silence above was the order's.
    bench.running = spawnAssistant(env);
    await eventually(async () => (await store.announcements.get(a.id))?.status === 'done', 'the resumed send to finish', 240_000);
    assert.equal(zalo.total(), RECIPIENTS);
    await bench.running.stop();
    bench.running = undefined;
  });
});
