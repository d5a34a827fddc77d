import assert from 'node:assert/strict';
import type { Account, AuditEntry, Store } from '../../../src/store';

const HOUR = 3600_000;

function account(username: string, change: Partial<Account> = {}): Account {
  return {
    username,
    passwordHash: `scrypt$salt-${username}$hash-${username}`,
    roles: ['desk'],
    disabled: false,
    createdAt: new Date('2026-11-27T08:00:00.000Z'),
    ...change,
  };
}

/** Staff accounts, sessions and the audit trail. */
export function accountsContract(store: () => Store): void {
  describe('accounts', () => {
    it('starts empty, creates, counts and finds an account', async () => {
      assert.equal(await store().accounts.count(), 0);
      const admin = account('admin', { roles: ['admin', 'editor'] });
      assert.equal(await store().accounts.create(admin), true);
      assert.equal(await store().accounts.count(), 1);
      assert.deepEqual(await store().accounts.find('admin'), admin);
      assert.equal(await store().accounts.find('Admin'), undefined, 'usernames are exact');
      assert.equal(await store().accounts.find('nobody'), undefined);
    });

    it('answers false for a taken username and keeps the original', async () => {
      const original = account('lan');
      assert.equal(await store().accounts.create(original), true);
      assert.equal(await store().accounts.create(account('lan', { passwordHash: 'scrypt$x$y', roles: ['admin'] })), false);
      assert.deepEqual(await store().accounts.find('lan'), original);
      assert.equal(await store().accounts.count(), 1);
    });

    it('updates only the fields given', async () => {
      await store().accounts.create(account('minh'));
      await store().accounts.update('minh', { roles: ['editor', 'propaganda'] });
      assert.deepEqual(await store().accounts.find('minh'), account('minh', { roles: ['editor', 'propaganda'] }));
      await store().accounts.update('minh', { passwordHash: 'scrypt$new$hash' });
      await store().accounts.update('minh', {});
      assert.deepEqual(
        await store().accounts.find('minh'),
        account('minh', { roles: ['editor', 'propaganda'], passwordHash: 'scrypt$new$hash' }),
      );
    });

    it('disables and re-enables an account', async () => {
      await store().accounts.create(account('hung'));
      await store().accounts.update('hung', { disabled: true });
      assert.equal((await store().accounts.find('hung'))?.disabled, true);
      await store().accounts.update('hung', { disabled: false });
      assert.equal((await store().accounts.find('hung'))?.disabled, false);
    });

    it('does not create an account by updating an unknown username', async () => {
      await store().accounts.update('ghost', { disabled: true });
      assert.equal(await store().accounts.find('ghost'), undefined);
      assert.equal(await store().accounts.count(), 0);
    });

    it('lists accounts by username', async () => {
      for (const name of ['trang', 'an', 'hoa']) await store().accounts.create(account(name));
      assert.deepEqual((await store().accounts.list()).map((a) => a.username), ['an', 'hoa', 'trang']);
      assert.deepEqual((await store().accounts.list())[0], account('an'));
    });
  });

  describe('sessions', () => {
    const expiresAt = new Date('2026-11-27T10:00:00.000Z');
    const session = { tokenHash: 'sha256-of-token', username: 'admin', expiresAt };

    it('finds a session until it expires, and not from the moment it does', async () => {
      await store().accounts.addSession(session);
      assert.deepEqual(await store().accounts.findSession(session.tokenHash, new Date(expiresAt.getTime() - HOUR)), session);
      assert.deepEqual(await store().accounts.findSession(session.tokenHash, new Date(expiresAt.getTime() - 1)), session);
      assert.equal(await store().accounts.findSession(session.tokenHash, expiresAt), undefined);
      assert.equal(await store().accounts.findSession(session.tokenHash, new Date(expiresAt.getTime() + HOUR)), undefined);
    });

    it('forgets a removed session and keeps the others', async () => {
      const future = new Date(Date.now() + 24 * HOUR);
      await store().accounts.addSession({ ...session, expiresAt: future });
      await store().accounts.addSession({ tokenHash: 'other', username: 'admin', expiresAt: future });
      await store().accounts.removeSession(session.tokenHash);
      await store().accounts.removeSession('never-issued');
      assert.equal(await store().accounts.findSession(session.tokenHash, new Date()), undefined);
      assert.equal((await store().accounts.findSession('other', new Date()))?.username, 'admin');
    });

    it('ends every session of one account, and only those', async () => {
      const future = new Date(Date.now() + 24 * HOUR);
      await store().accounts.addSession({ tokenHash: 'a1', username: 'admin', expiresAt: future });
      await store().accounts.addSession({ tokenHash: 'a2', username: 'admin', expiresAt: future });
      await store().accounts.addSession({ tokenHash: 'e1', username: 'editor', expiresAt: future });
      assert.equal(await store().accounts.removeSessionsOf('admin'), 2);
      assert.equal(await store().accounts.findSession('a1', new Date()), undefined);
      assert.equal(await store().accounts.findSession('a2', new Date()), undefined);
      assert.equal((await store().accounts.findSession('e1', new Date()))?.username, 'editor');
      assert.equal(await store().accounts.removeSessionsOf('nobody'), 0);
    });

    it('answers undefined for an unknown token', async () => {
      assert.equal(await store().accounts.findSession('unknown', new Date()), undefined);
    });
  });

  describe('audit', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 8, minute));
    const entries: AuditEntry[] = [
      { at: at(1), actor: 'staff:admin', action: 'account.create', target: 'account:lan', detail: { roles: ['desk'] } },
      { at: at(3), actor: 'zalo:u-1', action: 'dossier.lookup', target: 'dossier:HS-001', detail: { kết_quả: 'đang xử lý', nested: { n: [1, { a: null }] }, empty: {} } },
      { at: at(2), actor: 'staff:lan', action: 'content.publish', target: 'procedure:can-cuoc' },
      { at: at(5), actor: 'web:u-9', action: 'dossier.lookup', target: 'dossier:HS-002' },
      { at: at(4), actor: 'staff:admin', action: 'account.disable', target: 'account:lan' },
    ];
    const newestFirst = [...entries].sort((a, b) => b.at.getTime() - a.at.getTime());

    beforeEach(async () => {
      for (const e of entries) await store().audit.add(e);
    });

    it('lists entries newest first by their time, with detail intact and absent detail left absent', async () => {
      const listed = await store().audit.list({ limit: 10 });
      assert.deepEqual(listed, newestFirst);
      assert.equal('detail' in listed.find((e) => e.action === 'content.publish')!, false);
    });

    it('honours the limit', async () => {
      assert.deepEqual(await store().audit.list({ limit: 2 }), newestFirst.slice(0, 2));
      await assert.rejects(store().audit.list({ limit: 0 }), RangeError);
    });

    it('filters by action, by target and by time (inclusive), alone and together', async () => {
      assert.deepEqual(
        (await store().audit.list({ action: 'dossier.lookup', limit: 10 })).map((e) => e.target),
        ['dossier:HS-002', 'dossier:HS-001'],
      );
      assert.deepEqual(
        (await store().audit.list({ target: 'account:lan', limit: 10 })).map((e) => e.action),
        ['account.disable', 'account.create'],
      );
      assert.deepEqual((await store().audit.list({ since: at(3), limit: 10 })).map((e) => e.at), [at(5), at(4), at(3)]);
      assert.deepEqual(
        (await store().audit.list({ action: 'dossier.lookup', since: at(4), limit: 10 })).map((e) => e.target),
        ['dossier:HS-002'],
      );
      assert.deepEqual(await store().audit.list({ action: 'dossier.lookup', target: 'account:lan', limit: 10 }), []);
    });

    it('orders entries of the same instant by when they were added, newest first', async () => {
      await store().audit.add({ at: at(9), actor: 'staff:a', action: 'tie', target: 'first' });
      await store().audit.add({ at: at(9), actor: 'staff:a', action: 'tie', target: 'second' });
      assert.deepEqual((await store().audit.list({ action: 'tie', limit: 10 })).map((e) => e.target), ['second', 'first']);
    });
  });
}
