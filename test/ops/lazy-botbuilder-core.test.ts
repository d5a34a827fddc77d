import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../../src/config';
import { lazyBotbuilderCoreExports } from '../../src/ops/lazy-botbuilder-core';

describe('botbuilder-core loaded file by file (src/ops/lazy-botbuilder-core.ts)', function () {
  this.timeout(30_000);

  it('has the real index’s names and gives the very same values', () => {
    const lazy = lazyBotbuilderCoreExports();
    const real = require('botbuilder-core') as Record<string, unknown>;
    assert.deepEqual(Object.keys(lazy).sort(), Object.keys(real).sort());
    for (const name of Object.keys(real)) assert.equal(lazy[name], real[name], name);
  });

  it('once installed, the bot’s dialogs and adapters load without the Bot Framework connector', () => {
    // A fresh process: this one has loaded the real index above.
    const script = `
      require('./src/ops/lazy-botbuilder-core').installLazyBotbuilderCore();
      require('./src/channels/collecting-adapter');
      require('./src/bot/dialogs/dialog-library');
      const { TurnContext, ActivityTypes } = require('botbuilder-core');
      const loaded = Object.keys(require.cache);
      console.log(JSON.stringify({
        connector: loaded.some((f) => f.includes('/node_modules/botframework-connector/')),
        turnContext: typeof TurnContext,
        message: ActivityTypes.Message,
      }));`;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), { connector: false, turnContext: 'function', message: 'message' });
  });
});
