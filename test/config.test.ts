import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig, projectRoot } from '../src/config';

describe('config', () => {
  it('runs with no configuration at all', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 3000);
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.equal(config.contentDir, path.join(projectRoot, 'content'));
    assert.equal(config.intentsDir, path.join(projectRoot, 'intents'));
    assert.equal(config.MONGODB_URI, undefined);
    assert.equal(config.REDIS_URL, undefined);
    assert.deepEqual(config.integrationTokens, []);
    assert.equal(config.ZALO_MAX_EVENT_AGE_SECONDS, 3 * 3600, 'outlasts Zalo\'s ~2 h redelivery ladder');
  });

  it('reads content and training data from folders a deployment names', () => {
    const config = loadConfig({ CONTENT_DIR: 'site/content', INTENTS_DIR: 'site/intents' });
    assert.equal(config.contentDir, path.resolve('site/content'));
    assert.equal(config.intentsDir, path.resolve('site/intents'));
  });

  it('treats empty values as unset, as .env files often leave them', () => {
    const config = loadConfig({ MONGODB_URI: '', REDIS_URL: ' ', ADMIN_USERNAME: '' });
    assert.equal(config.MONGODB_URI, undefined);
    assert.equal(config.REDIS_URL, undefined);
    assert.equal(config.ADMIN_USERNAME, undefined);
  });

  it('reads the hand-off desk\'s hours in any letter case, its holidays and the bot\'s pause, with defaults', () => {
    const defaults = loadConfig({});
    assert.deepEqual(defaults.HANDOFF_HOURS, [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], ranges: [{ from: 450, to: 690 }, { from: 810, to: 1020 }] }]);
    assert.deepEqual([defaults.HANDOFF_HOLIDAYS, defaults.HANDOFF_BOT_PAUSE_MINUTES], [[], 30]);
    const set = loadConfig({ HANDOFF_HOURS: 'Mon-Fri 08:00-12:00|Sat 08:00-11:00', HANDOFF_HOLIDAYS: '2026-09-01, 2026-09-02,', HANDOFF_BOT_PAUSE_MINUTES: '45' });
    assert.deepEqual(set.HANDOFF_HOURS.map((rule) => rule.days), [['mon', 'tue', 'wed', 'thu', 'fri'], ['sat']]);
    assert.deepEqual([set.HANDOFF_HOLIDAYS, set.HANDOFF_BOT_PAUSE_MINUTES], [['2026-09-01', '2026-09-02'], 45]);
    assert.deepEqual(loadConfig({ HANDOFF_HOURS: '' }).HANDOFF_HOURS, defaults.HANDOFF_HOURS);
  });

  it('splits integration tokens on commas and drops blanks', () => {
    const [a, b] = ['a'.repeat(32), 'b2'.repeat(20)];
    assert.deepEqual(loadConfig({ INTEGRATION_TOKENS: `${a}, ${b},,` }).integrationTokens, [a, b]);
  });

  it('reads TRUST_PROXY as Express does: off by default, true, a hop count, or proxy addresses', () => {
    assert.equal(loadConfig({}).TRUST_PROXY, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY, true);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, 2);
    assert.equal(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).TRUST_PROXY, 'loopback,10.0.0.0/8,fd00::/8');
  });

  it("hashes staff passwords at OWASP's scrypt cost unless tests lower it", () => {
    assert.equal(loadConfig({}).STAFF_PASSWORD_COST, 17);
    assert.equal(loadConfig({ STAFF_PASSWORD_COST: '18' }).STAFF_PASSWORD_COST, 18);
    assert.equal(loadConfig({ STAFF_PASSWORD_COST: '12', NODE_ENV: 'test' }).STAFF_PASSWORD_COST, 12);
  });

  it('has rate limits and dossier budgets, with 0 turning the chat limit off', () => {
    const config = loadConfig({});
    assert.equal(config.CHAT_RATE_LIMIT_PER_MINUTE, 30);
    assert.equal(config.DOSSIER_QUESTION_TTL_SECONDS, 300);
    assert.equal(loadConfig({ CHAT_RATE_LIMIT_PER_MINUTE: '0' }).CHAT_RATE_LIMIT_PER_MINUTE, 0);
  });

  const bad: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MONGODB_URI: 'http://db' }, 'MONGODB_URI'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_PASSWORD: 'Password1234' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_PASSWORD: 'Correct Horse Battery Staple' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_USERNAME: 'Admin' }, 'ADMIN_USERNAME'],
    [{ ADMIN_USERNAME: 'quản trị' }, 'ADMIN_USERNAME'],
    [{ INTEGRATION_TOKENS: `${'x'.repeat(40)},short-token` }, 'INTEGRATION_TOKENS'],
    [{ TRUST_PROXY: 'my-proxy' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/99' }, 'TRUST_PROXY'],
    [{ CHAT_RATE_LIMIT_PER_MINUTE: '-1' }, 'CHAT_RATE_LIMIT_PER_MINUTE'],
    [{ DOSSIER_QUESTION_TTL_SECONDS: '0' }, 'DOSSIER_QUESTION_TTL_SECONDS'],
    [{ STATE_RETENTION_SECONDS: 'a month' }, 'STATE_RETENTION_SECONDS'],
    [{ STAFF_PASSWORD_COST: '12' }, 'STAFF_PASSWORD_COST'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ZALO_API_BASE: 'not a url' }, 'ZALO_API_BASE'],
    [{ ZALO_MAX_EVENT_AGE_SECONDS: '-1' }, 'ZALO_MAX_EVENT_AGE_SECONDS'],
    [{ ZALO_OA_ID: '38861328 08788086450' }, 'ZALO_OA_ID'],
    [{ ZALO_SITE_VERIFICATION: '<script>' }, 'ZALO_SITE_VERIFICATION'],
    [{ ZALO_BUTTON_STYLE: 'carousel' }, 'ZALO_BUTTON_STYLE'],
    [{ REDIS_KEY_PREFIX: 'a b' }, 'REDIS_KEY_PREFIX'],
    [{ MESSENGER_API_BASE: 'graph.facebook.com' }, 'MESSENGER_API_BASE'],
    [{ MESSENGER_INBOX_APP_ID: 'page-inbox' }, 'MESSENGER_INBOX_APP_ID'],
    [{ HANDOFF_HOURS: 'Mon-Fri 7:30-11:30' }, 'HANDOFF_HOURS'],
    [{ HANDOFF_HOURS: 'weekdays 07:30-11:30' }, 'HANDOFF_HOURS'],
    [{ HANDOFF_HOLIDAYS: '2026-02-30' }, 'HANDOFF_HOLIDAYS'],
    [{ HANDOFF_HOLIDAYS: '2/9/2026' }, 'HANDOFF_HOLIDAYS'],
    [{ HANDOFF_BOT_PAUSE_MINUTES: '0' }, 'HANDOFF_BOT_PAUSE_MINUTES'],
  ];
  for (const [env, name] of bad) {
    it(`stops with a message naming ${name} for ${JSON.stringify(env)}`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && err.message.includes(name),
      );
    });
  }

  it('reads CORS_ORIGINS as exact origins (closed by default) and the shutdown deadline', () => {
    assert.deepEqual(loadConfig({}).CORS_ORIGINS, []);
    assert.equal(loadConfig({}).SHUTDOWN_TIMEOUT_SECONDS, 25);
    assert.deepEqual(loadConfig({ CORS_ORIGINS: 'https://a.example.vn, http://localhost:8080' }).CORS_ORIGINS, ['https://a.example.vn', 'http://localhost:8080']);
    for (const bad of ['*', 'https://a.example.vn/', 'a.example.vn', 'ftp://a.example.vn']) {
      assert.throws(() => loadConfig({ CORS_ORIGINS: bad }), (err: Error) => err instanceof ConfigError && /CORS_ORIGINS/.test(err.message), bad);
    }
    assert.throws(() => loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: '0' }), /SHUTDOWN_TIMEOUT_SECONDS/);
  });
});
