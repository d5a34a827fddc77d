import assert from 'node:assert/strict';
import { hashPassword, verifyPassword } from '../../src/admin/passwords';

describe('admin passwords', () => {
  it('stores scrypt$<salt>$<hash>, never the password', async () => {
    const stored = await hashPassword('a long enough password');
    assert.match(stored, /^scrypt\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    assert.ok(!stored.includes('a long enough password'));
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    assert.notEqual(await hashPassword('same password here'), await hashPassword('same password here'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('a long enough password');
    assert.equal(await verifyPassword('a long enough password', stored), true);
    assert.equal(await verifyPassword('a long enough passworD', stored), false);
    assert.equal(await verifyPassword('', stored), false);
  });

  it('treats composed and decomposed Vietnamese letters as the same password', async () => {
    const stored = await hashPassword('mật khẩu rất dài'.normalize('NFC'));
    assert.equal(await verifyPassword('mật khẩu rất dài'.normalize('NFD'), stored), true);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$$', 'bcrypt$abc$def', 'scrypt$abc', 'scrypt$abc$def$ghi'])
      assert.equal(await verifyPassword('anything at all', stored), false, stored);
  });
});
