import assert from 'node:assert/strict';
import { eventually } from '../channels/zalo/zalo-support';
import { vi } from '../support/locale';
import { OwnRedis } from '../support/own-redis';
import { chat, startAssistant, uniqueRedisPrefix, useAssistant, type RunningAssistant } from '../support/server';

describe('a storage error mid-turn', () => {
  const running = useAssistant();

  /**
   * Makes the real store fail once, as a full disk or a lost connection would: reading the conversation at the start of
   * the turn (its memory, open hand-off and waiting outbox in one read), or writing it at the end (with the turn's other
   * writes); both are store.turns.
   */
  function failOnce(part: 'read' | 'write') {
    const { store } = running().assistant;
    const [target, method] = part === 'read' ? ([store.turns, 'read'] as const) : ([store.turns, 'save'] as const);
    const original = (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method].bind(target);
    let failed = false;
    (target as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      if (!failed) {
        failed = true;
        throw Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' });
      }
      return original(...args);
    };
    return () => failed;
  }

  for (const part of ['read', 'write'] as const) {
    it(`answers the citizen with an apology, never silence, when the conversation ${part} fails; the next turn works`, async () => {
      const failed = failOnce(part);
      const replies = await chat(running().url, `storage-${part}`, 'cho em hỏi làm hộ chiếu');
      assert.ok(failed(), 'the fault happened');
      assert.ok(replies.some((r) => r.text === vi('errors.turn')), JSON.stringify(replies));
      const next = await chat(running().url, `storage-${part}`, 'xin chào');
      assert.ok(next.length > 0 && next.every((r) => r.text !== vi('errors.turn')), JSON.stringify(next));
    });
  }
});

describe('Redis restarted under load', function () {
  this.timeout(60_000);
  let redis: OwnRedis;
  let running: RunningAssistant;
  before(async () => {
    redis = await OwnRedis.onFreePort();
    await redis.start();
    running = await startAssistant({ REDIS_URL: `redis://127.0.0.1:${redis.port}`, REDIS_KEY_PREFIX: uniqueRedisPrefix('redis-restart') });
  });
  after(async () => {
    await running?.close().catch(() => undefined);
    await redis?.kill();
  });

  it('answers every request (an apology or a 503 while Redis is away, never a hang) and recovers by itself', async () => {
    const outcomes: { status: number; apology: boolean; phase: string }[] = [];
    let phase = 'before';
    let loading = true;
    const citizen = async (n: number) => {
      while (loading) {
        const res = await fetch(`${running.url}/webhooks/rest/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sender: `load-${n}`, message: 'cảm ơn' }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await res.json()) as { text?: string }[] | { error: { code: string } };
        outcomes.push({ status: res.status, apology: Array.isArray(body) && body.some((r) => r.text === vi('errors.turn')), phase });
      }
    };
    const answered = (o: { status: number; apology: boolean }) => o.status === 200 && !o.apology;
    const load = Promise.all(Array.from({ length: 8 }, (_, n) => citizen(n)));
    // Polls for what each phase needs rather than sleeping: a slow machine answers fewer requests in a fixed time.
    await eventually(() => outcomes.some(answered), 'answers before the restart', 30_000);
    phase = 'down';
    await redis.kill();
    await new Promise((r) => setTimeout(r, 1500)); // away for a while: requests meet no Redis
    await redis.start();
    phase = 'after';
    const after = () => outcomes.filter((o) => o.phase === 'after');
    await eventually(() => after().length >= 10 && after().slice(-10).every(answered), 'ten answers in a row once Redis is back', 30_000);
    loading = false;
    await load;

    const summary = (p: string) => {
      const list = outcomes.filter((o) => o.phase === p);
      return { total: list.length, ok: list.filter((o) => o.status === 200 && !o.apology).length, apologies: list.filter((o) => o.apology).length, statuses: [...new Set(list.map((o) => o.status))] };
    };
    console.log('      before', summary('before'), 'down', summary('down'), 'after', summary('after'));
    assert.ok(summary('before').ok > 0);
    assert.ok(outcomes.every((o) => o.status === 200 || o.status === 503), `only answers or 503: ${JSON.stringify(summary('down'))}`);
    const lastTen = after().slice(-10);
    assert.ok(lastTen.length === 10 && lastTen.every(answered), `recovered: ${JSON.stringify(summary('after'))}`);
    const [reply] = await chat(running.url, 'after-restart', 'xin chào');
    assert.notEqual(reply?.text, vi('errors.turn'));
    assert.equal((await fetch(`${running.url}/readyz`)).status, 200);
  });
});
