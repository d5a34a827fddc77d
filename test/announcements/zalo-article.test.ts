import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { callApi, startAdminServer, type AdminServer } from '../admin/admin-server';
import { API_BASE, zaloEnv } from '../channels/zalo/zalo-support';
import { vi } from '../support/locale';
import { uniqueRedisPrefix } from '../support/server';

describe('Zalo article broadcast beside an announcement (real server, nock at Zalo)', function () {
  this.timeout(60_000);
  let server: AdminServer;
  let token: string;
  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    server = await startAdminServer({ ...zaloEnv(), ZALO_ARTICLE_BROADCAST: 'true', ANNOUNCEMENT_POLL_SECONDS: '60' });
    token = await server.staff('news-article', ['propaganda']);
  });
  afterEach(() => nock.cleanAll());
  after(async () => {
    await server.close();
    nock.enableNetConnect();
  });
  const api = (method: string, path: string, json?: unknown) => server.call(method, path, { token, json });
  const announcement = async () =>
    (await api('POST', '/api/admin/announcements', { title: 'Cảnh báo lừa đảo', body: 'Nội dung', channels: ['zalo'], topics: [], communes: [] })).body.announcement.id as string;

  it('offers the action, sends the approved article to the followers Zalo\'s way, and audits it', async () => {
    assert.equal((await api('GET', '/api/admin/announcements/options')).body.zaloArticle, true);
    const labels = (await server.call('GET', '/api/admin/labels')).body;
    assert.deepEqual(labels.zaloArticle.limits, vi('console:zaloArticle.limits', { returnObjects: true }), 'the limits the console shows');
    const id = await announcement();
    let sent: any;
    nock(API_BASE)
      .post('/v2.0/oa/message', (body) => ((sent = body), true))
      .matchHeader('access_token', /.+/)
      .reply(200, { error: 0, message: 'Success', data: { message_id: 'bc-1' } });
    const answer = await api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'a1b2c3', target: { cities: '4' } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.messageId, 'bc-1');
    assert.deepEqual(sent, {
      recipient: { target: { cities: '4' } },
      message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: 'a1b2c3' }] } } },
    });
    const audit = await server.running.assistant.store.audit.list({ action: 'announcement.zalo_article', limit: 5 });
    assert.deepEqual(audit.map((e) => [e.actor, e.target, (e.detail as { articleId: string }).articleId]), [['staff:news-article', `announcement:${id}`, 'a1b2c3']]);
  });

  it('sends one article once per announcement: a double click or a second press is refused without calling Zalo', async () => {
    const id = await announcement();
    const scope = nock(API_BASE).post('/v2.0/oa/message').delay(200).reply(200, { error: 0, message: 'Success', data: { message_id: 'bc-once' } });
    const again = nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: 0, message: 'Success', data: { message_id: 'bc-twice' } });
    const press = () => api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'once-1' });
    const [first, double] = await Promise.all([press(), press()]);
    assert.deepEqual([first.status, double.status].sort(), [200, 409]);
    const later = await press();
    assert.equal(later.status, 409);
    assert.equal(later.body.error.details.reason, 'already_sent');
    assert.ok(scope.isDone());
    assert.equal(again.isDone(), false, 'Zalo was called once');
    nock.cleanAll();
    nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: 0, message: 'Success', data: { message_id: 'bc-other' } });
    assert.equal((await api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'other-2' })).status, 200, 'another article is its own send');
  });

  it('says what Zalo refused: an article not approved, a quota used up, the night ban', async () => {
    const id = await announcement();
    nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: -201, message: 'Parameters are invalid' });
    const bad = await api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'not-approved' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.details, { reason: 'rejected', code: '-201' });
    nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: -211, message: 'Out of quota' });
    const quota = await api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'a1b2c3' });
    assert.equal(quota.status, 429);
    assert.equal(quota.body.error.details.reason, 'quota_exhausted');
    nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: -234, message: 'Cannot send message at night' });
    const night = await api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'a1b2c3' });
    assert.equal(night.status, 409);
    assert.equal(night.body.error.details.reason, 'night');
    const audit = await server.running.assistant.store.audit.list({ action: 'announcement.zalo_article', target: `announcement:${id}`, limit: 5 });
    assert.deepEqual(audit.map((e) => (e.detail as { code?: string }).code).sort(), ['-201', '-211', '-234'], 'each refusal audited with its code');
  });

  it('refuses without calling Zalo a bad article id or target, and a cancelled or unknown announcement', async () => {
    const id = await announcement();
    const scope = nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: 0, data: { message_id: 'never' } });
    assert.equal((await api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'a b"c' })).status, 400);
    assert.equal((await api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'a1', target: { cities: 'Thái Nguyên' } })).status, 400);
    assert.equal((await api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'a1', target: { tag: 'x' } })).status, 400);
    assert.equal((await api('POST', '/api/admin/announcements/no-such/zalo-article', { articleId: 'a1' })).status, 404);
    await api('POST', `/api/admin/announcements/${id}/cancel`);
    const cancelled = await api('POST', `/api/admin/announcements/${id}/zalo-article`, { articleId: 'a1b2c3' });
    assert.equal(cancelled.status, 409);
    assert.equal(scope.isDone(), false, 'Zalo was never called');
  });
});

describe('Zalo article broadcast from two instances at once (shared SQLite file, real Redis)', function () {
  this.timeout(90_000);
  let dataDir: string;
  let a: AdminServer;
  let b: AdminServer;
  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-shared-'));
    const env = {
      ...zaloEnv(),
      ZALO_ARTICLE_BROADCAST: 'true',
      ANNOUNCEMENT_POLL_SECONDS: '60',
      DATA_DIR: dataDir,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: uniqueRedisPrefix('zalo-article'),
    };
    a = await startAdminServer(env);
    b = await startAdminServer(env);
  });
  after(async () => {
    nock.cleanAll();
    await a?.close();
    await b?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    nock.enableNetConnect();
  });

  it('calls Zalo once when the same article is pressed on both instances at the same moment', async () => {
    const token = await a.staff('news-two', ['propaganda']);
    const created = await callApi(a.url, 'POST', '/api/admin/announcements', { token, json: { title: 'Cảnh báo lừa đảo', body: 'Nội dung', channels: ['zalo'], topics: [], communes: [] } });
    const id = created.body.announcement.id as string;
    // The first call is slow, so the second instance's press arrives while Zalo has not answered yet.
    const once = nock(API_BASE).post('/v2.0/oa/message').delay(300).reply(200, { error: 0, message: 'Success', data: { message_id: 'bc-one' } });
    const twice = nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: 0, message: 'Success', data: { message_id: 'bc-two' } });
    const press = (server: AdminServer) => callApi(server.url, 'POST', `/api/admin/announcements/${id}/zalo-article`, { token, json: { articleId: 'shared-1' } });
    const answers = await Promise.all([press(a), press(b)]);
    assert.deepEqual(answers.map((x) => x.status).sort(), [200, 409], JSON.stringify(answers.map((x) => x.body)));
    assert.equal(answers.find((x) => x.status === 409)?.body.error.details.reason, 'already_sent');
    assert.ok(once.isDone());
    assert.equal(twice.isDone(), false, 'Zalo was called once');
  });
});
