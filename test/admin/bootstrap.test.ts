import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { bootstrapAdmin } from '../../src/admin/bootstrap-admin';
import { createAuditTrail } from '../../src/admin/audit-trail';
import { createPasswordHasher, verifyPassword } from '../../src/admin/passwords';
import { createStore, type Store } from '../../src/store';
import { ADMIN, startAdminServer } from './admin-server';

/** A pino logger writing into an array, to see what start-up said. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('admin bootstrap', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-bootstrap-'));
    store = await createStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (username: string | undefined, password: string | undefined, logger = capturingLogger().logger) =>
    bootstrapAdmin({
      accounts: store.accounts,
      hasher: createPasswordHasher(12),
      username,
      password,
      audit: createAuditTrail(store.audit, () => new Date()),
      logger,
      now: () => new Date(),
    });

  it('creates the configured admin on an empty store, hashed, and audits it', async () => {
    assert.equal(await run('chief', 'a long admin password'), true);
    const account = await store.accounts.find('chief');
    assert.deepEqual(account?.roles, ['admin']);
    assert.equal(account?.disabled, false);
    assert.ok(await verifyPassword('a long admin password', account!.passwordHash));
    const [entry] = await store.audit.list({ action: 'account.bootstrap', limit: 5 });
    assert.deepEqual([entry.actor, entry.target], ['system', 'chief']);
  });

  it('does nothing once any account exists, even with other credentials', async () => {
    await run('chief', 'a long admin password');
    assert.equal(await run('chief', 'another long password'), false);
    assert.equal(await run('intruder', 'another long password'), false);
    assert.equal(await store.accounts.count(), 1);
    assert.ok(await verifyPassword('a long admin password', (await store.accounts.find('chief'))!.passwordHash));
  });

  it('warns that no staff can log in when the store is empty and the variables are unset', async () => {
    const { logger, lines } = capturingLogger();
    assert.equal(await run(undefined, undefined, logger), false);
    assert.equal(await store.accounts.count(), 0);
    assert.ok(lines.some((l) => l.level === 40 && /no staff can log in/.test(l.msg)), JSON.stringify(lines));
  });

  it('keeps the first admin password across restarts of the real server with a changed ADMIN_PASSWORD', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-restart-'));
    try {
      const first = await startAdminServer({ DATA_DIR: dataDir });
      await first.close();
      const second = await startAdminServer({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'a different long password' });
      try {
        assert.equal((await second.call('POST', '/api/admin/login', { json: ADMIN })).status, 200);
        const changed = await second.call('POST', '/api/admin/login', { json: { username: ADMIN.username, password: 'a different long password' } });
        assert.equal(changed.status, 401);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
