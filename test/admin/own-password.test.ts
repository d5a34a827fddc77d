import assert from 'node:assert/strict';
import { ADMIN, startAdminServer, type AdminServer } from './admin-server';

describe('Passwords: a user changes their own, an admin resets a forgotten one', function () {
  this.timeout(30_000);
  let server: AdminServer;

  before(async () => {
    server = await startAdminServer();
  });
  after(() => server?.close());

  it('needs the current password, keeps the length and weak-list rules, ends every session and answers a fresh token', async () => {
    const first = await server.staff('motcua-doimk', ['desk']);
    const password = 'motcua-doimk-password-long-enough';
    const second = await server.login('motcua-doimk', password);
    const change = (token: string, json: unknown) => server.call('PUT', '/api/admin/me/password', { token, json });

    const wrong = await change(first, { currentPassword: 'not my password at all', newPassword: 'mot cau rat dai de nho 2026' });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.body.error.details.map((f: { field: string }) => f.field), ['currentPassword']);
    assert.equal((await change(first, { currentPassword: password, newPassword: 'short' })).status, 400);
    const weak = await change(first, { currentPassword: password, newPassword: 'Password1234' });
    assert.equal(weak.status, 400);
    assert.match(weak.body.error.message, /weak/);
    assert.equal((await change(first, { currentPassword: password, newPassword: password })).status, 400);
    assert.equal((await change(first, { currentPassword: password, newPassword: 'mot cau rat dai de nho 2026', extra: 1 })).status, 400);

    const done = await change(first, { currentPassword: password, newPassword: 'mot cau rat dai de nho 2026' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal((await server.call('GET', '/api/admin/me', { token: first })).status, 401, 'the session that changed it ended');
    assert.equal((await server.call('GET', '/api/admin/me', { token: second })).status, 401, 'other sessions ended');
    assert.equal((await server.call('GET', '/api/admin/me', { token: done.body.token })).status, 200, 'the fresh token works');
    assert.equal((await server.call('POST', '/api/admin/login', { json: { username: 'motcua-doimk', password } })).status, 401);
    await server.login('motcua-doimk', 'mot cau rat dai de nho 2026');

    const admin = await server.login(ADMIN.username, ADMIN.password);
    const trail = await server.call('GET', '/api/admin/audit?action=account.password_change', { token: admin });
    assert.deepEqual(trail.body.entries.map((e: { actor: string; target: string }) => [e.actor, e.target]), [['staff:motcua-doimk', 'motcua-doimk']]);
  });

  it('an admin reset ends the sessions of the reset account, is audited, and the old password stops working', async () => {
    const clerk = await server.staff('motcua-quenmk', ['desk']);
    const admin = await server.login(ADMIN.username, ADMIN.password);
    const reset = await server.call('PATCH', '/api/admin/accounts/motcua-quenmk', { token: admin, json: { password: 'mat khau moi do quan tri dat' } });
    assert.equal(reset.status, 200);
    assert.equal((await server.call('GET', '/api/admin/me', { token: clerk })).status, 401);
    assert.equal((await server.call('POST', '/api/admin/login', { json: { username: 'motcua-quenmk', password: 'motcua-quenmk-password-long-enough' } })).status, 401);
    await server.login('motcua-quenmk', 'mat khau moi do quan tri dat');
    const trail = await server.call('GET', '/api/admin/audit?action=account.update&target=motcua-quenmk', { token: admin });
    assert.ok(trail.body.entries.some((e: { detail?: { passwordChanged?: boolean } }) => e.detail?.passwordChanged === true));
    const desk = await server.login('motcua-quenmk', 'mat khau moi do quan tri dat');
    assert.equal((await server.call('PATCH', '/api/admin/accounts/chief', { token: desk, json: { password: 'khong duoc phep dat lai' } })).status, 403);
  });
});
