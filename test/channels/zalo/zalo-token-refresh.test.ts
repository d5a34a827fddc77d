import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAssistant, type RunningAssistant } from '../../support/server';
import { vi } from '../../support/locale';
import { deliver, events, eventually, onlyZaloInterceptors, refreshOf, textsTo, userId, useZaloAssistant, zaloEnv, zaloRecords } from './zalo-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const HOUR = 3600_000;

/** Leaves the configured access token one hour of life: the next use refreshes it (ahead of expiry). */
async function expireSoon(running: RunningAssistant): Promise<void> {
  const now = new Date();
  const soon = { accessToken: 'access-token-1', refreshToken: 'refresh-token-1', accessExpiresAt: new Date(now.getTime() + HOUR) };
  assert.ok(await running.assistant.store.channelTokens.rotate('zalo', 'refresh-token-1', soon, now));
}

describe('Zalo token refresh across two instances on Redis', () => {
  let dataDir: string;
  let a: RunningAssistant;
  let b: RunningAssistant;
  onlyZaloInterceptors();
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zalo-race-'));
    const env = zaloEnv({ DATA_DIR: dataDir, REDIS_URL, REDIS_KEY_PREFIX: `test:zalo-token:${process.pid}:${randomUUID()}:` });
    a = await startAssistant(env);
    b = await startAssistant(env);
  });
  after(async () => {
    await a.close();
    await b.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('burns the refresh token once when both refresh at the same moment, and both send with the new token', async () => {
    assert.equal(a.assistant.coordination.kind, 'redis');
    await expireSoon(a);
    let refreshes = 0;
    const refresh = refreshOf('refresh-token-1')
      .delay(300)
      .once()
      .reply(() => {
        refreshes += 1;
        return [200, { access_token: 'access-token-2', refresh_token: 'refresh-token-2', expires_in: '90000' }];
      });
    const records = zaloRecords();
    const [first, second] = [userId(), userId()];
    const answers = await Promise.all([deliver(a.url, events.text(first, 'tạm biệt')), deliver(b.url, events.text(second, 'tạm biệt'))]);
    assert.deepEqual(answers.map((r) => r.status), [200, 200]);
    await eventually(() => textsTo(records, first).length === 1 && textsTo(records, second).length === 1, 'both citizens answered');
    assert.ok(refresh.isDone());
    assert.equal(refreshes, 1);
    assert.deepEqual(records.filter((r) => r.userId === first || r.userId === second).map((r) => r.accessToken), ['access-token-2', 'access-token-2']);
    assert.equal((await b.assistant.store.channelTokens.get('zalo'))?.refreshToken, 'refresh-token-2');
    assert.equal(textsTo(records, first)[0], vi('goodbye'));
  });
});

describe('Zalo token refresh refused', () => {
  const server = useZaloAssistant();

  it('reports the Zalo channel not ready in /readyz, counts the failure, and still answers while the old token lasts', async () => {
    assert.equal((await fetch(`${server().url}/readyz`)).status, 200);
    await expireSoon(server());
    refreshOf('refresh-token-1').once().reply(200, { error: -14014, error_name: 'Invalid refresh token' });
    const records = zaloRecords();
    const user = userId();
    await deliver(server().url, events.text(user, 'tạm biệt'));
    await eventually(() => textsTo(records, user).length === 1, 'the answer with the old token');
    assert.equal(records.find((r) => r.userId === user)?.accessToken, 'access-token-1');

    const ready = await fetch(`${server().url}/readyz`);
    assert.equal(ready.status, 503);
    const body = (await ready.json()) as { checks: { name: string; ok: boolean; error?: string }[] };
    const zalo = body.checks.find((c) => c.name === 'zalo');
    assert.equal(zalo?.ok, false);
    assert.match(zalo?.error ?? '', /refresh failed.*-14014/);
    assert.ok(body.checks.filter((c) => c.name !== 'zalo').every((c) => c.ok), 'only the Zalo channel is not ready');
    assert.match(await (await fetch(`${server().url}/metrics`)).text(), /assistant_channel_token_refreshes_total\{channel="zalo",outcome="failed"\} 1/);
  });

  it('stops sending once the old token has expired, without calling Zalo again', async () => {
    const now = new Date();
    const expired = { accessToken: 'access-token-1', refreshToken: 'refresh-token-1', accessExpiresAt: new Date(now.getTime() - 1000) };
    await server().assistant.store.channelTokens.rotate('zalo', 'refresh-token-1', expired, now);
    await server().assistant.store.channelTokens.recordFailure('zalo', 'refresh-token-1', { at: now, reason: 'error -14014 Invalid refresh token', terminal: true });
    const result = await server().assistant.senders.get('zalo')!.send(userId(), [{ text: 'Thông báo' }], 'reply');
    assert.equal(!result.ok && result.failure, 'auth');
  });
});
