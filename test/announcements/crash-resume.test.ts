import assert from 'node:assert/strict';
import { spawnAssistant } from '../support/assistant-process';
import { eventually, zaloEnv } from '../channels/zalo/zalo-support';
import { seedAnnouncementLeftSending, useDeliveryBench } from './left-sending';

const RECIPIENTS = 400;
const CONCURRENCY = 8;

describe('announcement delivery across a kill -9 (real process, real SQLite, stand-in Zalo over HTTP)', function () {
  // Two fresh Nodes compile the assistant through tsx and train its models before sending: 40 s here under load.
  this.timeout(300_000);
  const bench = useDeliveryBench('announce-crash-');

  it('resumes after the crash without sending anyone twice, and accounts for every recipient', async () => {
    const { dir, zalo, store } = bench;
    const a = await seedAnnouncementLeftSending(store, RECIPIENTS, 'crash');

    const env = {
      ...zaloEnv({ ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url }),
      DATA_DIR: dir,
      ANNOUNCEMENT_ZALO_PER_SECOND: '150',
      ANNOUNCEMENT_CONCURRENCY: String(CONCURRENCY),
      ANNOUNCEMENT_POLL_SECONDS: '0.2',
    };
    // The assistant resumes announcements left `sending` when it starts: the first start begins this one.
    bench.running = spawnAssistant(env);
    await eventually(() => zalo.total() >= RECIPIENTS / 4, 'a quarter sent', 120_000);
    await bench.running.kill9();
    const atKill = zalo.total();
    assert.ok(atKill < RECIPIENTS, `killed mid-send (${atKill} of ${RECIPIENTS})`);

    bench.running = spawnAssistant(env);
    await eventually(async () => (await store.announcements.get(a.id))?.status === 'done', 'the resumed send to finish', 120_000);
    await bench.running.stop();
    bench.running = undefined;

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
