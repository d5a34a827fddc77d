import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { createPasswordHasher, verifyPassword } from '../../src/admin/passwords';

// The format is checked at OWASP's cost, as in production (a real scrypt at N=2^17, seconds on a busy machine);
// the behaviour, which does not depend on the cost, at a low one.
const owasp = createPasswordHasher();
const { hash: hashPassword } = createPasswordHasher(12);

/** A hash as the first version stored it: Node's default scrypt cost (N=2^14), no parameters in the string. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${scryptSync(password.normalize('NFC'), salt, 64).toString('base64url')}`;
}

describe('admin passwords', function () {
  this.timeout(60_000);
  it('stores scrypt$ln=17,r=8,p=1$<salt>$<hash> (OWASP: N=2^17, r=8, p=1), never the password', async () => {
    const stored = await owasp.hash('a long enough password');
    assert.match(stored, /^scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    assert.ok(!stored.includes('a long enough password'));
    assert.equal(owasp.needsRehash(stored), false);
    assert.equal(await verifyPassword('a long enough password', stored), true);
    assert.equal(owasp.needsRehash(await hashPassword('a long enough password')), true, 'a cheaper hash needs re-hashing');
  });

  it('still verifies hashes made at the old cost, and says they need re-hashing', async () => {
    const old = legacyHash('mật khẩu cũ vẫn dùng được');
    assert.equal(await verifyPassword('mật khẩu cũ vẫn dùng được', old), true);
    assert.equal(await verifyPassword('mật khẩu khác hẳn', old), false);
    assert.equal(owasp.needsRehash(old), true);
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
    for (const stored of ['', 'plain', 'scrypt$$', 'bcrypt$abc$def', 'scrypt$abc', 'scrypt$abc$def$ghi', 'scrypt$ln=30,r=8,p=1$abc$def', 'scrypt$ln=17,r=8,p=1$$def'])
      assert.equal(await verifyPassword('anything at all', stored), false, stored);
  });
});
