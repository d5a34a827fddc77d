import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { ADMIN, INTEGRATION_TOKEN, startAdminServer, type AdminServer } from '../admin/admin-server';
import { chat } from '../support/server';

describe('bad input never answers 5xx', () => {
  let server: AdminServer;
  let admin: string;
  before(async () => {
    server = await startAdminServer();
    admin = await server.login(ADMIN.username, ADMIN.password);
  });
  after(() => server.close());

  // Every route that reads a JSON body, with what it takes to get past its guard.
  const jsonRoutes = (): [string, string, string | undefined][] => [
    ['POST', '/webhooks/rest/webhook', undefined],
    ['POST', '/model/parse', undefined],
    ['POST', '/api/admin/login', undefined],
    ['POST', '/api/admin/accounts', admin],
    ['PATCH', '/api/admin/accounts/chief', admin],
    ['PUT', '/api/admin/dossiers/G22.42-250312-0007', INTEGRATION_TOKEN],
  ];

  for (const [encoding, what, body] of [
    ['gzip', 'plain JSON', Buffer.from('{"sender":"a","message":"not compressed"}')],
    ['gzip', 'a gzip body cut short', gzipSync('{"sender":"a","message":"cut short"}').subarray(0, 15)],
    ['deflate', 'plain text', Buffer.from('plain text')],
    ['br', 'plain text', Buffer.from('plain text')],
  ] as [string, string, Buffer][]) {
    it(`answers ${what} sent as Content-Encoding ${encoding} with 400 on every JSON route`, async () => {
      for (const [method, path, token] of jsonRoutes()) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json', 'content-encoding': encoding, ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: new Uint8Array(body),
        });
        const answer = (await res.json()) as { error: { code: string; message: string } };
        assert.equal(res.status, 400, `${method} ${path}: ${JSON.stringify(answer)}`);
        assert.equal(answer.error.code, 'bad_request');
        assert.match(answer.error.message, /Content-Encoding/);
      }
    });
  }

  it('still reads a body that is properly compressed', async () => {
    const res = await fetch(`${server.url}/webhooks/rest/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: new Uint8Array(gzipSync(JSON.stringify({ sender: 'zipped', message: 'xin chào' }))),
    });
    assert.equal(res.status, 200);
  });

  it('refuses shared coordinates off the globe politely, and still answers real ones', async () => {
    for (const position of ['{"latitude":999,"longitude":105.8}', '{"latitude":21.6,"longitude":-400}', '{"latitude":"","longitude":""}', '{"latitude":null,"longitude":105.8}', '{"latitude":1e400,"longitude":1}', '{"latitude":21.6}']) {
      const [reply] = await chat(server.url, 'far-away', `/office_location${position}`);
      assert.match(reply!.text, /tọa độ không hợp lệ/, position);
      assert.ok(reply!.buttons?.some((b) => b.payload === '/share_location'), 'offers to share again');
    }
    const [near] = await chat(server.url, 'near', '/office_location{"latitude":21.5942,"longitude":105.8482}');
    assert.doesNotMatch(near!.text, /không hợp lệ/);
  });
});
