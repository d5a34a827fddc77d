import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { actorName } from '../../src/admin/actor';
import { isLoopbackAddress } from '../../src/admin/loopback';
import { bearerToken, integrationId, matchIntegrationToken, newSessionToken, tokenDigest } from '../../src/admin/tokens';

describe('admin tokens and addresses', () => {
  describe('isLoopbackAddress', () => {
    const cases: [string | undefined, boolean][] = [
      ['127.0.0.1', true],
      ['127.1.2.3', true],
      ['::1', true],
      ['::ffff:127.0.0.1', true],
      ['0:0:0:0:0:0:0:1', true],
      ['10.0.0.5', false],
      ['192.168.1.10', false],
      ['::ffff:10.0.0.5', false],
      ['203.0.113.9', false],
      ['fe80::1', false],
      ['128.0.0.1', false],
      ['127.0.0.1.example.org', false],
      ['', false],
      [undefined, false],
    ];
    for (const [address, expected] of cases)
      it(`${String(address)} → ${expected}`, () => assert.equal(isLoopbackAddress(address), expected));
  });

  it('reads only the Bearer scheme', () => {
    assert.equal(bearerToken('Bearer abc.DEF-123'), 'abc.DEF-123');
    assert.equal(bearerToken('bearer abc'), 'abc');
    assert.equal(bearerToken('Basic dXNlcjpwYXNz'), undefined);
    assert.equal(bearerToken('Bearer '), undefined);
    assert.equal(bearerToken('Bearer a b'), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });

  it('makes 32-byte random session tokens and stores only their SHA-256', () => {
    const token = newSessionToken();
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    assert.notEqual(newSessionToken(), token);
    assert.equal(tokenDigest(token), createHash('sha256').update(token).digest('hex'));
  });

  it('matches integration tokens exactly and names them by a short fingerprint', () => {
    const tokens = ['first-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'second-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbb'];
    assert.equal(matchIntegrationToken(tokens, tokens[1]), tokens[1]);
    assert.equal(matchIntegrationToken(tokens, tokens[1].slice(0, -1)), undefined);
    assert.equal(matchIntegrationToken(tokens, `${tokens[0]}x`), undefined);
    assert.equal(matchIntegrationToken([], tokens[0]), undefined);
    const id = integrationId(tokens[0]);
    assert.match(id, /^[0-9a-f]{8}$/);
    assert.ok(!tokens[0].includes(id));
    assert.equal(actorName({ kind: 'integration', id }), `integration:${id}`);
    assert.equal(actorName({ kind: 'staff', username: 'lan', roles: ['desk'] }), 'staff:lan');
  });
});
