import assert from 'node:assert/strict';
import { integrationId } from '../../src/admin/tokens';
import { ADMIN, callApi, INTEGRATION_TOKEN, startAdminServer, startProbe, type AdminServer } from './admin-server';

// Every staff route but login; integration tokens must be refused on all of them.
const STAFF_ROUTES: [string, string][] = [
  ['GET', '/api/admin/me'],
  ['POST', '/api/admin/logout'],
  ['GET', '/api/admin/accounts'],
  ['POST', '/api/admin/accounts'],
  ['PATCH', '/api/admin/accounts/chief'],
  ['POST', '/api/admin/content/reload'],
  ['PUT', '/api/admin/offices'],
  ['GET', '/api/admin/feedback'],
  ['GET', '/api/admin/handoffs'],
  ['GET', '/api/admin/handoffs/some-id'],
  ['POST', '/api/admin/handoffs/some-id/claim'],
  ['POST', '/api/admin/handoffs/some-id/messages'],
  ['POST', '/api/admin/handoffs/some-id/close'],
  ['GET', '/api/admin/unanswered'],
  ['GET', '/api/admin/audit'],
  ['GET', '/api/admin/announcements'],
  ['POST', '/api/admin/announcements'],
  ['GET', '/api/admin/announcements/options'],
  ['POST', '/api/admin/announcements/preview'],
  ['POST', '/api/admin/announcements/audience'],
  ['GET', '/api/admin/announcements/some-id'],
  ['GET', '/api/admin/announcements/some-id/deliveries'],
  ['PUT', '/api/admin/announcements/some-id'],
  ['POST', '/api/admin/announcements/some-id/schedule'],
  ['POST', '/api/admin/announcements/some-id/send'],
  ['POST', '/api/admin/announcements/some-id/cancel'],
];

describe('admin guards (real server)', () => {
  let server: AdminServer;
  let tokens: Record<'admin' | 'editor' | 'desk' | 'propaganda', string>;
  before(async () => {
    server = await startAdminServer();
    tokens = {
      admin: await server.login(ADMIN.username, ADMIN.password),
      editor: await server.staff('editor1', ['editor']),
      desk: await server.staff('desk1', ['desk']),
      propaganda: await server.staff('news1', ['propaganda']),
    };
  });
  after(async () => {
    await server.close();
  });

  it('answers 401 without a token or with an unknown one, on every staff route', async () => {
    for (const [method, path] of STAFF_ROUTES) {
      const none = await server.call(method, path);
      assert.equal(none.status, 401, `${method} ${path} without token`);
      assert.equal(none.body.error.code, 'unauthorized');
      assert.equal((await server.call(method, path, { token: 'made-up-token' })).status, 401, `${method} ${path} bad token`);
      const basic = await server.call(method, path, { headers: { authorization: 'Basic Y2hpZWY6Y2hpZWY=' } });
      assert.equal(basic.status, 401, `${method} ${path} basic auth`);
    }
  });

  it('refuses the integration token with 403 on every route but dossier writes', async () => {
    for (const [method, path] of STAFF_ROUTES) {
      const answer = await server.call(method, path, { token: INTEGRATION_TOKEN, json: method === 'GET' ? undefined : {} });
      assert.equal(answer.status, 403, `${method} ${path}`);
      assert.equal(answer.body.error.code, 'forbidden');
    }
  });

  const roleTable: [string, string, ('admin' | 'editor' | 'desk' | 'propaganda')[]][] = [
    ['GET', '/api/admin/accounts', ['admin']],
    ['GET', '/api/admin/audit', ['admin']],
    ['GET', '/api/admin/unanswered', ['admin', 'editor']],
    ['GET', '/api/admin/feedback', ['admin', 'editor', 'desk']],
    ['GET', '/api/admin/handoffs', ['admin', 'desk']],
    ['GET', '/api/admin/me', ['admin', 'editor', 'desk', 'propaganda']],
    ['GET', '/api/admin/announcements', ['admin', 'propaganda']],
    ['GET', '/api/admin/announcements/options', ['admin', 'propaganda']],
  ];
  for (const [method, path, allowed] of roleTable)
    it(`${method} ${path} lets in ${allowed.join(', ')} and answers 403 to the others`, async () => {
      for (const role of ['admin', 'editor', 'desk', 'propaganda'] as const) {
        const answer = await server.call(method, path, { token: tokens[role] });
        assert.equal(answer.status, allowed.includes(role) ? 200 : 403, `${role} on ${method} ${path}`);
      }
    });

  describe('requireDossierWriter (on a probe route sharing the server store)', () => {
    let probe: { url: string; close(): Promise<void> };
    before(async () => {
      probe = await startProbe(server, (auth) => auth.requireDossierWriter);
    });
    after(async () => {
      await probe?.close();
    });

    it('accepts the integration token and names it by fingerprint only', async () => {
      const answer = await callApi(probe.url, 'PUT', '/probe/HS-1', { token: INTEGRATION_TOKEN });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body.actor, { kind: 'integration', id: integrationId(INTEGRATION_TOKEN) });
      assert.ok(!JSON.stringify(answer.body).includes(INTEGRATION_TOKEN));
    });

    it('accepts desk and admin staff, refuses editor and propaganda with 403, and no token with 401', async () => {
      assert.equal((await callApi(probe.url, 'PUT', '/probe/HS-1', { token: tokens.desk })).body.actor.username, 'desk1');
      assert.equal((await callApi(probe.url, 'PUT', '/probe/HS-1', { token: tokens.admin })).status, 200);
      assert.equal((await callApi(probe.url, 'PUT', '/probe/HS-1', { token: tokens.editor })).status, 403);
      assert.equal((await callApi(probe.url, 'PUT', '/probe/HS-1', { token: tokens.propaganda })).status, 403);
      assert.equal((await callApi(probe.url, 'PUT', '/probe/HS-1')).status, 401);
      assert.equal((await callApi(probe.url, 'PUT', '/probe/HS-1', { token: `${INTEGRATION_TOKEN}x` })).status, 401);
    });
  });

  describe('localOrStaff on POST /model/parse', () => {
    const parse = (options: { token?: string; forwardedFor?: string } = {}) =>
      server.call('POST', '/model/parse', {
        token: options.token,
        json: { text: 'đăng ký tạm trú' },
        headers: options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {},
      });

    it('lets a loopback caller in without a token', async () => {
      const answer = await parse();
      assert.equal(answer.status, 200);
      assert.equal(typeof answer.body.intent.name, 'string');
    });

    it('needs a staff token when the client is not on this machine (behind a reverse proxy)', async () => {
      assert.equal((await parse({ forwardedFor: '203.0.113.9' })).status, 401);
      assert.equal((await parse({ forwardedFor: '203.0.113.9', token: 'made-up-token' })).status, 401);
      assert.equal((await parse({ forwardedFor: '203.0.113.9', token: INTEGRATION_TOKEN })).status, 403);
      assert.equal((await parse({ forwardedFor: '203.0.113.9', token: tokens.propaganda })).status, 200);
    });

    it('believes no forwarded address without TRUST_PROXY: any forwarding header needs a staff token', async () => {
      assert.equal((await parse({ forwardedFor: '127.0.0.1' })).status, 401);
      const forwarded = await server.call('POST', '/model/parse', { json: { text: 'tạm trú' }, headers: { forwarded: 'for=127.0.0.1' } });
      assert.equal(forwarded.status, 401);
    });

    describe('behind a reverse proxy on this machine (TRUST_PROXY=loopback)', () => {
      let proxied: AdminServer;
      before(async () => {
        proxied = await startAdminServer({ TRUST_PROXY: 'loopback' });
      });
      after(async () => {
        await proxied.close();
      });
      const viaProxy = (forwardedFor: string) =>
        proxied.call('POST', '/model/parse', { json: { text: 'tạm trú' }, headers: { 'x-forwarded-for': forwardedFor } });

      it('treats a caller the proxy saw on this machine as local, and one from outside as outside', async () => {
        assert.equal((await viaProxy('127.0.0.1')).status, 200);
        assert.equal((await viaProxy('203.0.113.9')).status, 401);
        assert.equal((await viaProxy('127.0.0.1, 203.0.113.9')).status, 401, 'the proxy appends the real caller last');
      });
    });
  });
});
