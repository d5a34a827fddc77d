import assert from 'node:assert/strict';
import { chat, useAssistant } from '../support/server';
import { vi } from '../support/locale';

/** The understanding runs in a worker thread (src/understanding/parse-thread.ts): what a citizen sees when it dies. */
describe('the understanding worker, end to end', function () {
  this.timeout(120_000);
  const assistant = useAssistant();

  const parse = async (text: string) => {
    const res = await fetch(`${assistant().url}/model/parse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    assert.equal(res.status, 200);
    return (await res.json()) as unknown;
  };

  it('answers a turn no worker could understand with the apology alone, and the next turn as usual', async () => {
    const thread = assistant().assistant.understanding;
    const first = thread.worker!;
    const replies = chat(assistant().url, 'worker-dies', 'làm tạm trú cần giấy tờ gì');
    // The worker dies before the turn's text reaches it, and so does the one started for it, before it has built.
    void first.terminate();
    while (!thread.worker || thread.worker === first) await new Promise((r) => setTimeout(r, 1));
    void thread.worker.terminate();
    assert.deepEqual(
      (await replies).map((r) => r.text),
      [vi('errors.turn')],
    );
    const next = await chat(assistant().url, 'worker-dies', 'làm tạm trú cần giấy tờ gì');
    assert.ok(next.length > 0 && next.every((r) => r.text !== vi('errors.turn')), JSON.stringify(next));
  });

  it('answers /model/parse the same after its worker is killed', async () => {
    const text = 'cháy nhà ở phường Phan Đình Phùng, gọi số nào';
    const before = await parse(text);
    const thread = assistant().assistant.understanding;
    const worker = thread.worker!;
    await worker.terminate();
    assert.deepEqual(await parse(text), before);
    assert.notEqual(thread.worker, worker);
  });
});
