import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { ZaloClient } from '../../../src/channels/zalo/zalo-client';
import type { Metrics } from '../../../src/ops/metrics';
import type { Store } from '../../../src/store';
import { API_BASE, APP_SECRET, onlyZaloInterceptors, openTokenFixture, refreshOf, sentAnswer, type TokenFixture } from './zalo-support';

const USER = '2468458835296197922';
const text = { text: 'Dạ, hồ sơ đăng ký tạm trú gồm tờ khai CT01.' };
const newPair = { access_token: 'access-token-2', refresh_token: 'refresh-token-2', expires_in: '90000' };

describe('Zalo OA client', () => {
  let fixture: TokenFixture;
  let store: Store;
  let metrics: Metrics;
  let client: ZaloClient;
  const waits: number[] = [];

  onlyZaloInterceptors();
  beforeEach(async () => {
    fixture = await openTokenFixture();
    ({ store, metrics } = fixture);
    waits.length = 0;
    client = new ZaloClient({ apiBase: API_BASE, tokens: fixture.tokens, sleep: async (ms) => void waits.push(ms) });
  });
  afterEach(() => fixture.close());

  const cs = () => nock(API_BASE).post('/v3.0/oa/message/cs', { recipient: { user_id: USER }, message: text });

  it('sends a consultation message and answers Zalo\'s message id', async () => {
    const answer = sentAnswer();
    cs().matchHeader('access_token', 'access-token-1').matchHeader('content-type', /application\/json/).once().reply(200, answer);
    assert.deepEqual(await client.sendConsultation(USER, text), { ok: true, messageId: answer.data.message_id });
  });

  const outcomes: [number, string][] = [
    [-230, 'window_closed'],
    [-232, 'window_closed'],
    [-213, 'not_following'],
    [-211, 'quota_exhausted'],
    [-227, 'unreachable'],
    [-244, 'unreachable'],
    [-217, 'unreachable'],
    [-201, 'rejected'],
    [-233, 'rejected'],
  ];
  for (const [code, failure] of outcomes) {
    it(`reads HTTP 200 with error ${code} as ${failure}, without retrying`, async () => {
      const scope = cs().once().reply(200, { error: code, message: `Zalo error ${code}` });
      assert.deepEqual(await client.sendConsultation(USER, text), { ok: false, failure, code: String(code), detail: `Zalo error ${code}` });
      assert.ok(scope.isDone());
      assert.deepEqual(waits, []);
    });
  }

  it('retries -32 (rate limit) with backoff, and gives rate_limited when it persists', async () => {
    cs().once().reply(200, { error: -32, message: 'Exceed rate limit' });
    cs().once().reply(200, sentAnswer());
    assert.equal((await client.sendConsultation(USER, text)).ok, true);
    assert.equal(waits.length, 1);
    const scope = cs().times(4).reply(200, { error: -32, message: 'Exceed rate limit' });
    const result = await client.sendConsultation(USER, text);
    assert.equal(!result.ok && result.failure, 'rate_limited');
    assert.ok(scope.isDone(), 'four attempts in all');
  });

  it('retries a 500, a 429 and a network error, then succeeds', async () => {
    cs().once().reply(500, 'Internal Server Error');
    cs().once().reply(429, 'Too Many Requests');
    cs().once().replyWithError('socket hang up');
    const scope = cs().once().reply(200, sentAnswer());
    assert.equal((await client.sendConsultation(USER, text)).ok, true);
    assert.ok(scope.isDone());
    assert.equal(waits.length, 3);
  });

  it('a message sent but not answered in time is in doubt and never sent again (a citizen must not get it twice)', async () => {
    // A real socket (nock does not write requests out): the stand-in reads each request whole and never answers.
    let received = 0;
    const silent = http.createServer((req) => req.resume().on('end', () => received++));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const apiBase = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      // A second: long enough for the request to be written and read in full before it, however busy the machine.
      client = new ZaloClient({ apiBase, tokens: fixture.tokens, timeoutMs: 1000, sleep: async (ms) => void waits.push(ms) });
      const result = await client.sendConsultation(USER, text);
      assert.equal(!result.ok && result.failure, 'in_doubt');
      assert.equal(received, 1, 'sent once, not retried');
      assert.deepEqual(waits, []);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('gives temporary after the attempts when Zalo keeps failing', async () => {
    cs().times(4).reply(502, '<html>Bad Gateway</html>');
    const result = await client.sendConsultation(USER, text);
    assert.deepEqual(result, { ok: false, failure: 'temporary', code: 'http_502', detail: undefined });
  });

  it('on -216 refreshes the token once, stores the new pair before using it, and tries once more', async () => {
    cs().matchHeader('access_token', 'access-token-1').once().reply(200, { error: -216, message: 'Access token is invalid' });
    const refresh = refreshOf('refresh-token-1').matchHeader('secret_key', APP_SECRET).once().reply(200, newPair);
    let storedWhenUsed: string | undefined;
    cs()
      .matchHeader('access_token', 'access-token-2')
      .once()
      .reply(function (_uri, _body, callback) {
        void store.channelTokens.get('zalo').then((record) => {
          storedWhenUsed = record?.refreshToken;
          callback(null, [200, sentAnswer()]);
        });
      });
    assert.equal((await client.sendConsultation(USER, text)).ok, true);
    assert.ok(refresh.isDone());
    assert.equal(storedWhenUsed, 'refresh-token-2', 'the new pair was stored before the first call with it');
    assert.match(await metrics.registry.metrics(), /assistant_channel_token_refreshes_total\{channel="zalo",outcome="ok"\} 1/);
  });

  it('gives auth after one refresh when the new token is refused too (-220)', async () => {
    cs().once().reply(200, { error: -216, message: 'Access token is invalid' });
    refreshOf('refresh-token-1').once().reply(200, newPair);
    const second = cs().matchHeader('access_token', 'access-token-2').once().reply(200, { error: -220, message: 'Access token is expired' });
    const result = await client.sendConsultation(USER, text);
    assert.deepEqual(result, { ok: false, failure: 'auth', code: '-220', detail: 'Access token is expired' });
    assert.ok(second.isDone());
  });

  it('broadcasts an article to followers by its id', async () => {
    const target = { gender: '1', cities: '4' };
    const scope = nock(API_BASE)
      .post('/v2.0/oa/message', {
        recipient: { target },
        message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: 'bd5ea46bb32e5a0033f' }] } } },
      })
      .matchHeader('access_token', 'access-token-1')
      .once()
      .reply(200, { error: 0, message: 'Success', data: { message_id: 'ab12cd34ef56ab12cd34' } });
    assert.deepEqual(await client.broadcastArticle('bd5ea46bb32e5a0033f', target), { ok: true, messageId: 'ab12cd34ef56ab12cd34' });
    assert.ok(scope.isDone());
  });
});
