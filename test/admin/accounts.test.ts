import assert from 'node:assert/strict';
import { verifyPassword } from '../../src/admin/passwords';
import { ADMIN, startAdminServer, type AdminServer } from './admin-server';

describe('admin accounts API (real server)', () => {
  let server: AdminServer;
  let admin: string;
  beforeEach(async () => {
    server = await startAdminServer();
    admin = await server.login(ADMIN.username, ADMIN.password);
  });
  afterEach(async () => {
    await server.close();
  });

  const create = (json: unknown) => server.call('POST', '/api/admin/accounts', { token: admin, json });
  const patch = (username: string, json: unknown) => server.call('PATCH', `/api/admin/accounts/${username}`, { token: admin, json });

  it('creates an account that can log in, and lists it without its hash', async () => {
    const created = await create({ username: 'mai.nguyen', password: 'twelve chars ok', roles: ['editor', 'desk', 'editor'] });
    assert.equal(created.status, 201);
    assert.deepEqual({ ...created.body, createdAt: undefined }, { username: 'mai.nguyen', roles: ['editor', 'desk'], disabled: false, createdAt: undefined });
    const token = await server.login('mai.nguyen', 'twelve chars ok');
    assert.deepEqual((await server.call('GET', '/api/admin/me', { token })).body.roles, ['editor', 'desk']);

    const list = await server.call('GET', '/api/admin/accounts', { token: admin });
    assert.deepEqual(list.body.accounts.map((a: { username: string }) => a.username), ['chief', 'mai.nguyen']);
    assert.ok(!JSON.stringify(list.body).includes('scrypt'));
  });

  const invalid: [string, unknown, string[]][] = [
    ['short password', { username: 'lan', password: 'short', roles: ['desk'] }, ['password']],
    ['known weak password', { username: 'lan', password: 'Password@123', roles: ['desk'] }, ['password']],
    ['unknown role', { username: 'lan', password: 'long enough password', roles: ['boss'] }, ['roles.0']],
    ['no roles', { username: 'lan', password: 'long enough password', roles: [] }, ['roles']],
    ['bad username', { username: 'Lan Anh', password: 'long enough password', roles: ['desk'] }, ['username']],
    ['missing everything', {}, ['username', 'password', 'roles']],
    ['misspelt field', { username: 'lan', password: 'long enough password', role: ['desk'] }, ['roles', 'role']],
    ['not an object', ['lan'], ['body']],
  ];
  for (const [name, body, fields] of invalid)
    it(`refuses a create with ${name} (400 naming ${fields.join(', ')})`, async () => {
      const answer = await create(body);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'bad_request');
      assert.deepEqual(answer.body.error.details.map((d: { field: string }) => d.field).sort(), [...fields].sort());
      for (const field of fields) assert.ok(answer.body.error.message.includes(`"${field}"`), answer.body.error.message);
      assert.equal(await server.running.assistant.store.accounts.find('lan'), undefined);
    });

  it('answers 409 for a taken username and keeps the first account', async () => {
    assert.equal((await create({ username: 'lan', password: 'first long password', roles: ['desk'] })).status, 201);
    const again = await create({ username: 'lan', password: 'second long password', roles: ['admin'] });
    assert.equal(again.status, 409);
    assert.deepEqual((await server.running.assistant.store.accounts.find('lan'))?.roles, ['desk']);
  });

  it('changes roles and disabled, and the change applies to open sessions at once', async () => {
    await create({ username: 'lan', password: 'first long password', roles: ['desk'] });
    const token = await server.login('lan', 'first long password');
    assert.equal((await server.call('GET', '/api/admin/unanswered', { token })).status, 403);

    const changed = await patch('lan', { roles: ['editor'] });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.roles, ['editor']);
    assert.equal((await server.call('GET', '/api/admin/unanswered', { token })).status, 200);

    assert.equal((await patch('lan', { disabled: true })).body.disabled, true);
    assert.equal((await server.call('GET', '/api/admin/me', { token })).status, 401);
    assert.equal((await patch('lan', { disabled: false })).status, 200);
    assert.equal((await server.call('GET', '/api/admin/me', { token })).status, 200, 're-enabled: the unexpired session works again');
  });

  it('changes the password and ends every open session of that account', async () => {
    await create({ username: 'lan', password: 'first long password', roles: ['desk'] });
    const token = await server.login('lan', 'first long password');
    assert.equal((await patch('lan', { password: 'second long password' })).status, 200);
    assert.ok(await verifyPassword('second long password', (await server.running.assistant.store.accounts.find('lan'))!.passwordHash));
    assert.equal((await server.call('GET', '/api/admin/me', { token })).status, 401, 'the old session is gone');
    assert.equal((await server.call('POST', '/api/admin/login', { json: { username: 'lan', password: 'first long password' } })).status, 401);
    assert.equal((await server.call('POST', '/api/admin/login', { json: { username: 'lan', password: 'second long password' } })).status, 200);
  });

  it('validates a patch, naming the field', async () => {
    await create({ username: 'lan', password: 'first long password', roles: ['desk'] });
    const cases: [unknown, string][] = [
      [{ disabled: 'yes' }, 'disabled'],
      [{ password: 'short' }, 'password'],
      [{ roles: 'desk' }, 'roles'],
      [{ username: 'other' }, 'username'],
      [{}, 'body'],
    ];
    for (const [body, field] of cases) {
      const answer = await patch('lan', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.ok(answer.body.error.message.includes(`"${field}"`), answer.body.error.message);
    }
    assert.equal((await patch('nobody', { disabled: true })).status, 404);
  });

  it('refuses to disable or demote the last enabled admin', async () => {
    assert.equal((await patch(ADMIN.username, { disabled: true })).status, 409);
    assert.equal((await patch(ADMIN.username, { roles: ['editor'] })).status, 409);
    await create({ username: 'deputy', password: 'deputy long password', roles: ['admin'] });
    assert.equal((await patch(ADMIN.username, { roles: ['editor'] })).status, 200);
  });

  it('audits every account write with the acting admin and no password', async () => {
    await create({ username: 'lan', password: 'first long password', roles: ['desk'] });
    await patch('lan', { password: 'second long password', disabled: true });
    const entries = await server.running.assistant.store.audit.list({ target: 'lan', limit: 10 });
    assert.deepEqual(
      entries.map((e) => [e.actor, e.action, e.detail]).reverse(),
      [
        [`staff:${ADMIN.username}`, 'account.create', { roles: ['desk'] }],
        [`staff:${ADMIN.username}`, 'account.update', { disabled: true, passwordChanged: true }],
      ],
    );
    assert.ok(!JSON.stringify(entries).includes('long password'));
  });
});
