import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chat, startAssistant, uniqueRedisPrefix, type RunningAssistant } from '../support/server';
import { vi } from '../support/locale';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two instances behind a load balancer (shared SQLite file, Redis coordination)', () => {
  let dataDir: string;
  let a: RunningAssistant;
  let b: RunningAssistant;
  before(async function () {
    // Two whole assistants start one after the other (they share one SQLite file): slow on a busy machine.
    this.timeout(60_000);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assistant-shared-'));
    const REDIS_KEY_PREFIX = uniqueRedisPrefix('multi-instance');
    a = await startAssistant({ DATA_DIR: dataDir, REDIS_URL, REDIS_KEY_PREFIX });
    b = await startAssistant({ DATA_DIR: dataDir, REDIS_URL, REDIS_KEY_PREFIX });
  });
  after(async () => {
    await a.close();
    await b.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses Redis for coordination when REDIS_URL is set', () => {
    assert.equal(a.assistant.coordination.kind, 'redis');
  });

  it('serves one citizen from both instances at once without a failed turn', async () => {
    const sender = `roaming-${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => chat((i % 2 ? a : b).url, sender, 'xin chào')));
    for (const replies of results) {
      assert.equal(replies[0].text, vi('greeting'));
      // A lost race shows up after the replies: the state write fails and the turn-error apology is appended.
      assert.ok(replies.every((r) => r.text !== vi('errors.turn')), 'a turn failed');
    }
  });

  it('continues a dialog started on one instance on the other', async () => {
    const sender = `dialog-${Date.now()}`;
    assert.equal((await chat(a.url, sender, 'tôi muốn phản ánh'))[0].text, vi('feedback.ask'));
    const done = await chat(b.url, sender, 'Cán bộ tiếp dân ở phường hẹn ba lần vẫn chưa trả kết quả hồ sơ');
    assert.match(done[0].text, /PA-\d{8}-\d{4}/);
  });
});
