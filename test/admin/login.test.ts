import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { SESSION_TTL_MS } from '../../src/admin/sessions';
import { tokenDigest } from '../../src/admin/tokens';
import { ADMIN, startAdminServer, type AdminServer } from './admin-server';

describe('admin login, sessions and logout (real server)', () => {
  let server: AdminServer;
  beforeEach(async () => {
    server = await startAdminServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('logs the bootstrap admin in and tells who it is', async () => {
    const answer = await server.call('POST', '/api/admin/login', { json: ADMIN });
    assert.equal(answer.status, 200);
    assert.equal(Buffer.from(answer.body.token, 'base64url').length, 32);
    const me = await server.call('GET', '/api/admin/me', { token: answer.body.token });
    assert.deepEqual([me.status, me.body], [200, { username: ADMIN.username, roles: ['admin'] }]);
  });

  it('stores only the token digest, valid for 12 hours', async () => {
    const token = await server.login(ADMIN.username, ADMIN.password);
    const { accounts } = server.running.assistant.store;
    const now = Date.now();
    assert.ok(await accounts.findSession(tokenDigest(token), new Date(now + SESSION_TTL_MS - 60_000)));
    assert.equal(await accounts.findSession(tokenDigest(token), new Date(now + SESSION_TTL_MS + 60_000)), undefined);
    assert.equal(await accounts.findSession(token, new Date(now)), undefined);
  });

  it('answers one generic 401 for a wrong password and for an unknown user', async () => {
    const wrong = await server.call('POST', '/api/admin/login', { json: { username: ADMIN.username, password: 'not the password at all' } });
    const unknown = await server.call('POST', '/api/admin/login', { json: { username: 'nobody', password: 'not the password at all' } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'unauthorized');
    assert.deepEqual(unknown.body, wrong.body);
    assert.equal(wrong.body.token, undefined);
  });

  it('names the missing field of a malformed login', async () => {
    const answer = await server.call('POST', '/api/admin/login', { json: { username: ADMIN.username } });
    assert.equal(answer.status, 400);
    assert.match(answer.body.error.message, /"password"/);
  });

  it('refuses a disabled account at login and ends its open sessions', async () => {
    const deskToken = await server.staff('lan', ['desk']);
    assert.equal((await server.call('GET', '/api/admin/me', { token: deskToken })).status, 200);
    const adminToken = await server.login(ADMIN.username, ADMIN.password);
    assert.equal((await server.call('PATCH', '/api/admin/accounts/lan', { token: adminToken, json: { disabled: true } })).status, 200);

    assert.equal((await server.call('GET', '/api/admin/me', { token: deskToken })).status, 401);
    const login = await server.call('POST', '/api/admin/login', { json: { username: 'lan', password: 'lan-password-long-enough' } });
    assert.equal(login.status, 401);
    assert.equal(login.body.error.message, 'Wrong username or password');
  });

  it('allows 10 failed attempts per username and address in 15 minutes, then answers 429 even to the right password', async () => {
    for (let i = 1; i <= 10; i++) {
      const answer = await server.call('POST', '/api/admin/login', { json: { username: ADMIN.username, password: `wrong guess number ${i}` } });
      assert.equal(answer.status, 401, `attempt ${i}`);
    }
    const blocked = await server.call('POST', '/api/admin/login', { json: ADMIN });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.error.code, 'too_many_requests');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    // Another username from the same address is counted separately.
    assert.equal((await server.call('POST', '/api/admin/login', { json: { username: 'other', password: 'whatever it is' } })).status, 401);
  });

  it('clears the failure count after a successful login', async () => {
    for (let i = 1; i <= 9; i++) await server.call('POST', '/api/admin/login', { json: { username: ADMIN.username, password: `wrong ${i}` } });
    await server.login(ADMIN.username, ADMIN.password);
    for (let i = 1; i <= 9; i++) {
      const answer = await server.call('POST', '/api/admin/login', { json: { username: ADMIN.username, password: `again ${i}` } });
      assert.equal(answer.status, 401, `attempt ${i} after success`);
    }
  });

  it('kills the token at logout', async () => {
    const token = await server.login(ADMIN.username, ADMIN.password);
    const other = await server.login(ADMIN.username, ADMIN.password);
    assert.equal((await server.call('POST', '/api/admin/logout', { token })).status, 204);
    assert.equal((await server.call('GET', '/api/admin/me', { token })).status, 401);
    assert.equal((await server.call('POST', '/api/admin/logout', { token })).status, 401);
    assert.equal((await server.call('GET', '/api/admin/me', { token: other })).status, 200, 'only that session ends');
  });

  it('refuses an expired session', async () => {
    const token = 'an-expired-session-token-for-the-admin-account';
    await server.running.assistant.store.accounts.addSession({
      tokenHash: tokenDigest(token),
      username: ADMIN.username,
      expiresAt: new Date(Date.now() - 1000),
    });
    const answer = await server.call('GET', '/api/admin/me', { token });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'unauthorized');
  });

  it('audits logins and logouts, never the password', async () => {
    const token = await server.login(ADMIN.username, ADMIN.password);
    await server.call('POST', '/api/admin/logout', { token });
    const entries = await server.running.assistant.store.audit.list({ target: ADMIN.username, limit: 10 });
    const actions = entries.map((e) => `${e.actor} ${e.action}`);
    assert.ok(actions.includes(`staff:${ADMIN.username} session.login`), actions.join(', '));
    assert.ok(actions.includes(`staff:${ADMIN.username} session.logout`), actions.join(', '));
    assert.ok(!JSON.stringify(entries).includes(ADMIN.password));
  });
});

describe('admin login budget per account, whatever the address (TRUST_PROXY=loopback)', () => {
  let server: AdminServer;
  before(async () => {
    server = await startAdminServer({ TRUST_PROXY: 'loopback' });
  });
  after(() => server.close());

  const attempt = (password: string, address: string, username = ADMIN.username) =>
    server.call('POST', '/api/admin/login', { json: { username, password }, headers: { 'x-forwarded-for': address } });

  it('lets 10 attempts through from rotating addresses, then makes everyone wait with Retry-After, even with the right password', async () => {
    // Thirty guesses at once from thirty addresses: the budget is charged before any password is checked.
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(`guess number ${i}`, `198.51.100.${i}`)));
    assert.equal(burst.filter((a) => a.status === 401).length, 10, 'checked');
    assert.equal(burst.filter((a) => a.status === 429).length, 20, 'refused unchecked');
    const owner = await attempt(ADMIN.password, '203.0.113.77');
    assert.equal(owner.status, 429);
    const wait = Number(owner.headers.get('retry-after'));
    assert.ok(wait > 0 && wait <= 60, `first wait about a minute, not a lock-out: ${wait}`);
    assert.match(owner.body.error.message, /wait 1 minute/);
    assert.equal((await attempt('whatever it is', '203.0.113.77', 'someone-else')).status, 401, 'other accounts are not affected');
  });
});

describe('admin password hashes at the production cost (STAFF_PASSWORD_COST unset: OWASP scrypt N=2^17)', function () {
  this.timeout(60_000);
  let server: AdminServer;
  before(async () => {
    server = await startAdminServer({ STAFF_PASSWORD_COST: '17' });
  });
  after(() => server.close());

  it('upgrades a hash made at the old scrypt cost when its owner signs in', async () => {
    const { accounts } = server.running.assistant.store;
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('base64url')}$${scryptSync(ADMIN.password, salt, 64).toString('base64url')}`;
    await accounts.update(ADMIN.username, { passwordHash: legacy });
    await server.login(ADMIN.username, ADMIN.password);
    const upgraded = (await accounts.find(ADMIN.username))!.passwordHash;
    assert.match(upgraded, /^scrypt\$ln=17,r=8,p=1\$/);
    await server.login(ADMIN.username, ADMIN.password);
  });
});
