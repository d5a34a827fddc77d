import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { spawnAssistant, type AssistantProcess } from '../support/assistant-process';
import { startStandInZalo, type StandInZalo } from '../support/stand-in-zalo';
import { eventually, zaloEnv } from '../channels/zalo/zalo-support';

const RECIPIENTS = 5;

describe('announcements start only after the understanding is built (real process, real SQLite, stand-in Zalo)', function () {
  // A fresh Node compiles the assistant through tsx and trains its models before the second start sends.
  this.timeout(300_000);
  let dir: string;
  let badIntents: string;
  let zalo: StandInZalo;
  let store: Store;
  let running: AssistantProcess | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'announce-start-'));
    badIntents = fs.mkdtempSync(path.join(os.tmpdir(), 'announce-start-intents-'));
    fs.cpSync(path.join(projectRoot, 'intents'), badIntents, { recursive: true });
    fs.writeFileSync(path.join(badIntents, 'vi', 'greeting.yaml'), '- {text: "xin chào", intent: [unclosed\n');
    zalo = await startStandInZalo();
    store = createSqliteStore(dir);
  });
  after(async () => {
    await running?.kill9();
    await store.close();
    await zalo.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(badIntents, { recursive: true, force: true });
  });

  it('sends nothing when a bad training file stops the start, and the whole send once a good start follows', async () => {
    const now = new Date();
    for (let i = 0; i < RECIPIENTS; i++) {
      const user = { channel: 'zalo', userId: `start-${i}` };
      await store.contacts.recordInteraction(user, now);
      await store.contacts.subscribe(user, { topics: [], communes: [] }, now);
    }
    const a = await store.announcements.create({ title: 'Thông báo', body: 'Nội dung', topics: [], channels: ['zalo'], communes: [] }, 'staff:news1', now);
    // Left `sending` by a process that stopped: the next start resumes it, once it can answer the citizens who reply.
    await store.announcements.transition(a.id, ['draft'], 'sending', now);
    const env = { ...zaloEnv({ ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url }), DATA_DIR: dir, ANNOUNCEMENT_POLL_SECONDS: '0.2' };

    running = spawnAssistant({ ...env, INTENTS_DIR: badIntents });
    assert.equal(await running.exited, 1, 'the start fails');
    running = undefined;
    assert.equal(zalo.total(), 0, 'no announcement went out from the failed start');
    assert.equal((await store.announcements.get(a.id))?.status, 'sending');

    // The same store and announcement with the shipped training data: the send happens, so the silence above was the order's.
    running = spawnAssistant(env);
    await eventually(async () => (await store.announcements.get(a.id))?.status === 'done', 'the resumed send to finish', 240_000);
    assert.equal(zalo.total(), RECIPIENTS);
    await running.stop();
    running = undefined;
  });
});
