import assert from 'node:assert/strict';
import { isolateNetwork, messengerEnv } from '../support/messenger';
import { useAssistant } from '../support/server';
import { zaloEnv } from '../channels/zalo/zalo-support';

const ADMIN = { ADMIN_USERNAME: 'chief', ADMIN_PASSWORD: 'tram gac sang som 47 ngon' };
const WRITER_TOKEN = 'one-stop-integration-token-0123456789abcdef';

describe('HTTP hardening through the real server', () => {
  isolateNetwork();
  const running = useAssistant({ ...messengerEnv, ...zaloEnv(), ...ADMIN, INTEGRATION_TOKENS: WRITER_TOKEN });
  const url = (path: string) => `${running().url}${path}`;

  it('sends the security headers on JSON, errors and pages; the pages keep their own strict CSP', async () => {
    for (const path of ['/healthz', '/no-such-path', '/api/admin/me']) {
      const res = await fetch(url(path));
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'; frame-ancestors 'none'/, path);
      assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
      assert.equal(res.headers.get('x-powered-by'), null);
    }
    for (const path of ['/', '/admin']) {
      const res = await fetch(url(path));
      assert.equal(res.status, 200);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/, path);
      assert.match(csp, /connect-src 'self'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
    }
  });

  it('refuses a body over the limit with 413 on every route that reads one, and stays up', async () => {
    const big = (bytes: number) => JSON.stringify({ sender: 'big', message: 'a'.repeat(bytes) });
    const cases: [string, string, string, Record<string, string>][] = [
      ['POST', '/webhooks/rest/webhook', big(300 * 1024), {}],
      ['POST', '/model/parse', big(300 * 1024), {}],
      ['POST', '/api/admin/login', big(70 * 1024), {}],
      ['PUT', '/api/admin/dossiers/G22.42-250312-0007', big(300 * 1024), { authorization: `Bearer ${WRITER_TOKEN}` }],
      ['POST', '/webhooks/messenger', big(1100 * 1024), {}],
      ['POST', '/webhooks/zalo', big(1100 * 1024), {}],
    ];
    for (const [method, path, body, headers] of cases) {
      const res = await fetch(url(path), { method, headers: { 'content-type': 'application/json', ...headers }, body });
      assert.equal(res.status, 413, `${method} ${path}`);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'payload_too_large');
    }
    assert.equal((await fetch(url('/healthz'))).status, 200);
  });

  it('keeps CORS closed by default: no allow-origin header, no preflight answer', async () => {
    const origin = 'https://congan.example.vn';
    const preflight = await fetch(url('/webhooks/rest/webhook'), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    const post = await fetch(url('/webhooks/rest/webhook'), { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ sender: 'c', message: 'xin chào' }) });
    assert.equal(post.status, 200);
    assert.equal(post.headers.get('access-control-allow-origin'), null);
  });
});

describe('CORS_ORIGINS opens the web chat, and only it, to the listed sites', () => {
  const allowed = 'https://congan.example.vn';
  const running = useAssistant({ CORS_ORIGINS: `${allowed}, https://dichvucong.example.vn` });
  const url = (path: string) => `${running().url}${path}`;

  it('answers the preflight and the message for a listed origin', async () => {
    const preflight = await fetch(url('/webhooks/rest/webhook'), { method: 'OPTIONS', headers: { origin: allowed, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), allowed);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null, 'the chat is anonymous: never credentials');
    const post = await fetch(url('/webhooks/rest/webhook'), { method: 'POST', headers: { origin: allowed, 'content-type': 'application/json' }, body: JSON.stringify({ sender: 'cors', message: 'xin chào' }) });
    assert.equal(post.status, 200);
    assert.equal(post.headers.get('access-control-allow-origin'), allowed);
    assert.match(post.headers.get('vary') ?? '', /Origin/);
    const pending = await fetch(url('/webhooks/rest/pending?sender=cors'), { headers: { origin: allowed } });
    assert.equal(pending.headers.get('access-control-allow-origin'), allowed);
  });

  it('ignores other origins, and never opens staff or understanding doors', async () => {
    const other = await fetch(url('/webhooks/rest/webhook'), { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    for (const path of ['/api/admin/login', '/model/parse', '/metrics']) {
      const res = await fetch(url(path), { method: 'OPTIONS', headers: { origin: allowed, 'access-control-request-method': 'POST' } });
      assert.equal(res.headers.get('access-control-allow-origin'), null, path);
    }
  });
});
