import assert from 'node:assert/strict';
import { TokenUnavailableError, type ZaloTokens } from '../../../src/channels/zalo/zalo-tokens';
import type { Metrics } from '../../../src/ops/metrics';
import type { Store } from '../../../src/store';
import { APP_SECRET, onlyZaloInterceptors, openTokenFixture, refreshOf, type TokenFixture } from './zalo-support';

const HOUR = 3600_000;
const pair = (n: number) => ({ access_token: `access-token-${n}`, refresh_token: `refresh-token-${n}`, expires_in: '90000' });

describe('Zalo tokens', () => {
  let fixture: TokenFixture;
  let store: Store;
  let metrics: Metrics;
  let now: Date;
  let tokens: ZaloTokens;
  const start = new Date('2026-12-01T08:00:00.000Z');
  const at = (hours: number) => (now = new Date(start.getTime() + hours * HOUR));
  const failures = async () => Number(/assistant_channel_token_refreshes_total\{channel="zalo",outcome="failed"\} (\d+)/.exec(await metrics.registry.metrics())?.[1] ?? 0);

  onlyZaloInterceptors();
  beforeEach(async () => {
    now = start;
    fixture = await openTokenFixture(() => now);
    ({ store, metrics, tokens } = fixture);
  });
  afterEach(() => fixture.close());

  it('uses the configured token while it has more than 5 hours left, then refreshes ahead of expiry', async () => {
    at(19);
    assert.equal(await tokens.accessToken(), 'access-token-1');
    at(20.5);
    const scope = refreshOf('refresh-token-1').matchHeader('secret_key', APP_SECRET).matchHeader('content-type', 'application/x-www-form-urlencoded').once().reply(200, pair(2));
    assert.equal(await tokens.accessToken(), 'access-token-2');
    assert.ok(scope.isDone());
    const stored = await store.channelTokens.get('zalo');
    assert.equal(stored?.refreshToken, 'refresh-token-2');
    assert.deepEqual(stored?.accessExpiresAt, new Date(now.getTime() + 90000 * 1000), 'expires_in is read from its string');
    assert.equal(await tokens.accessToken(), 'access-token-2', 'no second refresh');
    await tokens.check();
  });

  it('refreshes at the first use when only a refresh token was configured', async () => {
    await tokens.seed(undefined, 'refresh-token-9');
    refreshOf('refresh-token-9').once().reply(200, pair(10));
    assert.equal(await tokens.accessToken(), 'access-token-10');
  });

  it('lets one refresh run at a time in a process: callers waiting for it use its pair', async () => {
    at(21);
    const scope = refreshOf('refresh-token-1').delay(100).once().reply(200, pair(2));
    assert.deepEqual(await Promise.all([tokens.accessToken(), tokens.accessToken(), tokens.replaceRejected('access-token-1')]), ['access-token-2', 'access-token-2', 'access-token-2']);
    assert.ok(scope.isDone());
  });

  it('after a refused token, uses a pair another instance stored meanwhile instead of refreshing', async () => {
    await store.channelTokens.rotate('zalo', 'refresh-token-1', { accessToken: 'access-token-7', refreshToken: 'refresh-token-7', accessExpiresAt: new Date(now.getTime() + 25 * HOUR) }, now);
    assert.equal(await tokens.replaceRejected('access-token-1'), 'access-token-7');
  });

  it('on a refused refresh: alerts (metric, record), keeps the still-valid token, never retries, and stops when it expires', async () => {
    at(21);
    const refused = refreshOf('refresh-token-1').once().reply(200, { error: -14014, error_name: 'Invalid refresh token', error_description: 'refresh token is invalid' });
    assert.equal(await tokens.accessToken(), 'access-token-1', 'the old token still works for 4 hours');
    assert.ok(refused.isDone());
    assert.equal(await failures(), 1);
    const record = await store.channelTokens.get('zalo');
    assert.equal(record?.failure?.terminal, true);
    assert.match(record?.failure?.reason ?? '', /-14014 Invalid refresh token/);
    assert.equal(record?.refreshToken, 'refresh-token-1', 'the old pair is kept for forensics');
    await assert.rejects(tokens.check(), /Zalo token refresh failed/);

    at(22);
    assert.equal(await tokens.accessToken(), 'access-token-1');
    at(26);
    await assert.rejects(tokens.accessToken(), TokenUnavailableError);
    await assert.rejects(tokens.replaceRejected('access-token-1'), TokenUnavailableError);
    assert.equal(await failures(), 1, 'no further call to Zalo');
  });

  it('after a network failure, tries again only after a pause, and a success clears the alert', async () => {
    at(21);
    refreshOf('refresh-token-1').once().reply(503, 'Service Unavailable');
    assert.equal(await tokens.accessToken(), 'access-token-1');
    assert.equal((await store.channelTokens.get('zalo'))?.failure?.terminal, false);
    at(21.1);
    assert.equal(await tokens.accessToken(), 'access-token-1', 'held: nothing is called within the pause');
    at(21.2);
    const scope = refreshOf('refresh-token-1').once().reply(200, pair(2));
    assert.equal(await tokens.accessToken(), 'access-token-2');
    assert.ok(scope.isDone());
    await tokens.check();
    assert.equal(await failures(), 1);
  });

  it('renews on its timer without any send', async () => {
    at(21);
    const scope = refreshOf('refresh-token-1').once().reply(200, pair(2));
    tokens.startRenewal(20);
    const deadline = Date.now() + 5000;
    while (!scope.isDone() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.ok(scope.isDone());
  });
});
