import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig, projectRoot } from '../src/config';

describe('config', () => {
  it('runs with no configuration at all', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 3000);
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.equal(config.contentDir, path.join(projectRoot, 'content'));
    assert.equal(config.MONGODB_URI, undefined);
    assert.equal(config.REDIS_URL, undefined);
    assert.deepEqual(config.integrationTokens, []);
    assert.equal(config.ZALO_MAX_EVENT_AGE_SECONDS, 3 * 3600, 'outlasts Zalo\'s ~2 h redelivery ladder');
  });

  it('treats empty values as unset, as .env files often leave them', () => {
    const config = loadConfig({ MONGODB_URI: '', REDIS_URL: ' ', ADMIN_USERNAME: '' });
    assert.equal(config.MONGODB_URI, undefined);
    assert.equal(config.REDIS_URL, undefined);
    assert.equal(config.ADMIN_USERNAME, undefined);
  });

  it('splits integration tokens on commas and drops blanks', () => {
    assert.deepEqual(loadConfig({ INTEGRATION_TOKENS: 'a1, b2,,' }).integrationTokens, ['a1', 'b2']);
  });

  const bad: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MONGODB_URI: 'http://db' }, 'MONGODB_URI'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ZALO_API_BASE: 'not a url' }, 'ZALO_API_BASE'],
    [{ ZALO_MAX_EVENT_AGE_SECONDS: '-1' }, 'ZALO_MAX_EVENT_AGE_SECONDS'],
    [{ ZALO_OA_ID: '38861328 08788086450' }, 'ZALO_OA_ID'],
    [{ ZALO_SITE_VERIFICATION: '<script>' }, 'ZALO_SITE_VERIFICATION'],
    [{ ZALO_BUTTON_STYLE: 'carousel' }, 'ZALO_BUTTON_STYLE'],
    [{ REDIS_KEY_PREFIX: 'a b' }, 'REDIS_KEY_PREFIX'],
    [{ MESSENGER_API_BASE: 'graph.facebook.com' }, 'MESSENGER_API_BASE'],
    [{ MESSENGER_INBOX_APP_ID: 'page-inbox' }, 'MESSENGER_INBOX_APP_ID'],
  ];
  for (const [env, name] of bad) {
    it(`stops with a message naming ${name} for ${JSON.stringify(env)}`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && err.message.includes(name),
      );
    });
  }
});
