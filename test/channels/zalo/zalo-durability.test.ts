import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../../../src/store/sqlite';
import { vi } from '../../support/locale';
import { startAssistant, type RunningAssistant } from '../../support/server';
import { deliver, events, eventually, onlyZaloInterceptors, userId, zaloBodies, zaloEnv } from './zalo-support';

/** The answer to "cảm ơn" as a Zalo citizen sees it: the text, then the menu button as a numbered line. */
const thanks = (user: string) => ({
  recipient: { user_id: user },
  message: { text: `${vi('thanks')}\n\n${vi('zalo:menuHint')}\n1. ${vi('menu.button')}` },
});

describe('Zalo deliveries survive restarts', function () {
  // Each test starts one or two whole assistants (content, parser, store): slow on a busy machine.
  this.timeout(60_000);
  onlyZaloInterceptors();
  let dataDir: string;
  const running: RunningAssistant[] = [];
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zalo-durable-'));
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const start = async () => {
    const r = await startAssistant(zaloEnv({ DATA_DIR: dataDir }));
    running.push(r);
    return r;
  };
  /** What a process leaves when it dies right after answering 200: the delivery in the journal, its lease run out. */
  const leaveInJournal = async (body: Record<string, unknown>) => {
    const store = createSqliteStore(dataDir);
    await store.inboundJournal.add('zalo', JSON.stringify(body), 1);
    await store.close();
    await new Promise((r) => setTimeout(r, 20));
  };

  it('answers a delivery through the journal and forgets it once handled', async () => {
    const bodies = zaloBodies();
    const user = userId();
    const server = await start();
    assert.equal((await deliver(server.url, events.text(user, 'cảm ơn'))).status, 200);
    await server.assistant.zalo!.idle();
    assert.deepEqual(bodies, [thanks(user)]);
    assert.deepEqual(await server.assistant.store.inboundJournal.claimAbandoned('zalo', 10, 60_000), []);
  });

  it('answers once a delivery acknowledged by a process that died before handling it', async () => {
    const bodies = zaloBodies();
    const user = userId();
    await leaveInJournal(events.text(user, 'cảm ơn'));
    const revived = await start();
    await eventually(() => bodies.length > 0, 'the orphaned delivery answered', 20_000);
    await revived.assistant.zalo!.idle();
    assert.deepEqual(bodies, [thanks(user)]);
    assert.deepEqual(await revived.assistant.store.inboundJournal.claimAbandoned('zalo', 10, 60_000), [], 'replayed once, then forgotten');
  });

  it('does not run an event twice: not for Zalo\'s redelivery after a restart, nor for a journal entry whose turn had started', async () => {
    const bodies = zaloBodies();
    const user = userId();
    const event = events.text(user, 'cảm ơn');
    const first = await startAssistant(zaloEnv({ DATA_DIR: dataDir }));
    assert.equal((await deliver(first.url, event)).status, 200);
    await first.assistant.zalo!.idle();
    await first.close();
    // The process died after the turn started but before forgetting the delivery: its entry is still there.
    await leaveInJournal(event);
    const second = await start();
    assert.equal((await deliver(second.url, event)).status, 200, 'Zalo\'s redelivery is acknowledged');
    // The citizen's next message runs after anything queued before it: a second answer would be there by then.
    assert.equal((await deliver(second.url, events.text(user, 'tạm biệt'))).status, 200);
    await eventually(() => bodies.length >= 2, 'the next message answered', 20_000);
    await second.assistant.zalo!.idle();
    assert.equal((await second.assistant.store.inboundJournal.claimAbandoned('zalo', 10, 60_000)).length, 0, 'the replayed entry was handled');
    assert.deepEqual(bodies.map((b) => (b.message as { text: string }).text.split('\n')[0]), [vi('thanks'), vi('goodbye')]);
  });

  it('answers 500 when the delivery cannot be kept, so Zalo delivers it again, and answers the redelivery', async () => {
    const bodies = zaloBodies();
    const user = userId();
    const event = events.text(user, 'cảm ơn');
    const server = await start();
    const journal = server.assistant.store.inboundJournal;
    const add = journal.add;
    journal.add = async () => {
      throw new Error('disk full');
    };
    try {
      assert.equal((await deliver(server.url, event)).status, 500);
    } finally {
      journal.add = add;
    }
    await server.assistant.zalo!.idle();
    assert.deepEqual(bodies, [], 'nothing processed without a journal entry');
    assert.equal((await deliver(server.url, event)).status, 200);
    await server.assistant.zalo!.idle();
    assert.deepEqual(bodies, [thanks(user)]);
  });
});
