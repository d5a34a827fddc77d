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
});
