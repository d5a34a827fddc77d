import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { spawnAssistant, type AssistantProcess } from '../support/assistant-process';
import { startStandInZalo, type StandInZalo } from '../support/stand-in-zalo';
import { eventually, zaloEnv } from '../channels/zalo/zalo-support';

const RECIPIENTS = 400;
const CONCURRENCY = 8;

describe('announcement delivery across a kill -9 (real process, real SQLite, stand-in Zalo over HTTP)', function () {
  // Two fresh Nodes compile the assistant through tsx and train its models before sending: 40 s here under load.
  this.timeout(300_000);
  let dir: string;
  let zalo: StandInZalo;
  let store: Store;
  let running: AssistantProcess | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'announce-crash-'));
    zalo = await startStandInZalo();
    store = createSqliteStore(dir);
  });
  after(async () => {
    await running?.kill9();
    await store.close();
    await zalo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after the crash without sending anyone twice, and accounts for every recipient', async () => {
    const now = new Date();
    for (let i = 0; i < RECIPIENTS; i++) {
      const user = { channel: 'zalo', userId: `crash-${String(i).padStart(4, '0')}` };
      await store.contacts.recordInteraction(user, now);
      await store.contacts.subscribe(user, { topics: [], communes: [] }, now);
    }
    const a = await store.announcements.create({ title: 'Cảnh báo', body: 'Nội dung', topics: [], channels: ['zalo'], communes: [] }, 'staff:news1', now);
    await store.announcements.transition(a.id, ['draft'], 'sending', now);

    const env = {
      ...zaloEnv({ ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url }),
      DATA_DIR: dir,
      ANNOUNCEMENT_ZALO_PER_SECOND: '150',
      ANNOUNCEMENT_CONCURRENCY: String(CONCURRENCY),
      ANNOUNCEMENT_POLL_SECONDS: '0.2',
    };
    // The assistant resumes announcements left `sending` when it starts: the first start begins this one.
    running = spawnAssistant(env);
    await eventually(() => zalo.total() >= RECIPIENTS / 4, 'a quarter sent', 120_000);
    await running.kill9();
    const atKill = zalo.total();
    assert.ok(atKill < RECIPIENTS, `killed mid-send (${atKill} of ${RECIPIENTS})`);

    running = spawnAssistant(env);
    await eventually(async () => (await store.announcements.get(a.id))?.status === 'done', 'the resumed send to finish', 120_000);
    await running.stop();
    running = undefined;

    const counts = [...zalo.received.values()];
    assert.equal(Math.max(...counts), 1, 'nobody received it twice');
    const report = await store.announcements.report(a.id);
    assert.equal(report.total, RECIPIENTS, 'everyone has a delivery row');
    assert.equal(report.pending + report.attempting, 0);
    const inDoubt = report.failed.in_doubt ?? 0;
    assert.ok(inDoubt <= CONCURRENCY, `at most the sends in flight at the kill are in doubt (${inDoubt})`);
    assert.equal(report.sent + inDoubt, RECIPIENTS, JSON.stringify(report));
    for (const row of await store.announcements.deliveries(a.id, 1000)) {
      const got = zalo.received.get(row.userId) ?? 0;
      if (row.outcome === 'sent') assert.equal(got, 1, `${row.userId} recorded sent`);
      else assert.ok(row.reason === 'in_doubt' && got <= 1, `${row.userId}: ${row.outcome} ${row.reason}`);
    }
    console.log(`      killed after ${atKill} sends; ${inDoubt} in doubt, of which ${[...zalo.received.keys()].length - report.sent} had reached Zalo`);
  });
});
