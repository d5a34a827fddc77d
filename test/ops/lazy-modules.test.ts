import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { deferredExports, lazyBotbuilderCoreExports } from '../../src/ops/lazy-modules';
import { eventually } from '../channels/zalo/zalo-support';
import { spawnAssistant } from '../support/assistant-process';

describe('libraries loaded on first use (src/ops/lazy-modules.ts)', function () {
  this.timeout(30_000);

  it('botbuilder-core’s stand-in index has the real index’s names and gives the very same values', () => {
    const lazy = lazyBotbuilderCoreExports();
    const real = require('botbuilder-core') as Record<string, unknown>;
    assert.deepEqual(Object.keys(lazy).sort(), Object.keys(real).sort());
    for (const name of Object.keys(real)) assert.equal(lazy[name], real[name], name);
  });

  it('a deferred module loads on first read and answers as the real one', () => {
    const file = require.resolve('../fixtures/lazy-modules/counted');
    const counted = deferredExports(file, true) as { __esModule: boolean; double(n: number): number };
    const loaded = () => (globalThis as { countedLoads?: number }).countedLoads ?? 0;
    assert.equal(counted.__esModule, true);
    assert.equal(loaded(), 0);
    assert.equal(counted.double(21), 42);
    assert.equal(loaded(), 1);
    assert.deepEqual(Object.keys(counted), ['double']);
    assert.equal(counted.__esModule, true, 'the real module’s, once loaded');
    assert.ok('double' in counted);
    assert.equal(loaded(), 1, 'loaded once');
  });

  it('once installed, the bot’s dialogs and adapters load without the Bot Framework connector or the number recognisers', () => {
    // A fresh process: this one has loaded the real modules above.
    // Files whose code ran, from the module loader (stand-ins sit in require.cache without running anything).
    const script = `
      const Module = require('node:module');
      const ran = [];
      const compile = Module.prototype._compile;
      Module.prototype._compile = function (code, file) { ran.push(file); return compile.call(this, code, file); };
      require('./src/ops/lazy-modules').installLazyModules();
      require('./src/channels/collecting-adapter');
      require('./src/bot/dialogs/dialog-library');
      const { TurnContext, ActivityTypes } = require('botbuilder-core');
      const before = { connector: ran.some((f) => f.includes('/botframework-connector/')), numbers: ran.some((f) => f.includes('/recognizers-text-number/')) };
      // What a choice prompt would do: the recognisers load then, and work.
      const { recognizeChoices } = require('botbuilder-dialogs/lib/choices/recognizeChoices');
      const found = recognizeChoices('2', ['một', 'hai', 'ba']).map((r) => r.resolution.value);
      const esModule = require('@microsoft/recognizers-text-number').__esModule;
      console.log(JSON.stringify({ ...before, esModule, turnContext: typeof TurnContext, message: ActivityTypes.Message, found }));`;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), { connector: false, numbers: false, esModule: true, turnContext: 'function', message: 'message', found: ['hai'] });
  });

  it('once installed, zod and prom-client load without zod’s locales or OpenTelemetry, and both still work when used', () => {
    const script = `
      const Module = require('node:module');
      const ran = [];
      const compile = Module.prototype._compile;
      Module.prototype._compile = function (code, file) { ran.push(file); return compile.call(this, code, file); };
      require('./src/ops/lazy-modules').installLazyModules();
      const { z } = require('zod');
      const prom = require('prom-client');
      const before = { locales: ran.some((f) => f.includes('/zod/v4/locales/index')), otel: ran.some((f) => f.includes('/@opentelemetry/api/')) };
      const english = z.string().safeParse(1).error.issues[0].message;
      // Another locale, as z.config(z.locales.xx()) picks it: the locales load then.
      z.config(z.locales.fr());
      const french = z.string().safeParse(1).error.issues[0].message;
      z.config(z.locales.en());
      // Exemplars are what prom-client reads OpenTelemetry for.
      const registry = new prom.Registry(prom.Registry.OPENMETRICS_CONTENT_TYPE);
      prom.collectDefaultMetrics({ register: registry, enableExemplars: true });
      registry.metrics().then((text) => {
        const cpu = /process_cpu_user_seconds_total \\d/.test(text);
        console.log(JSON.stringify({ ...before, english, frenchDiffers: french !== english, cpu, otelLoaded: ran.some((f) => f.includes('/@opentelemetry/api/')) }));
      });`;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), {
      locales: false,
      otel: false,
      english: 'Invalid input: expected string, received number',
      frenchDiffers: true,
      cpu: true,
      otelLoaded: true,
    });
  });

  it('the server as npm start runs it starts listening without having run them', async function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-modules-'));
    const out = path.join(dir, 'loaded.json');
    const running = spawnAssistant({ DATA_DIR: dir, LOADED_OUT: out }, ['--require', path.join(projectRoot, 'test/fixtures/lazy-modules/record-loaded.js')]);
    try {
      await eventually(() => fs.existsSync(out), 'the server to listen', 110_000);
      const ran = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
      assert.ok(ran.some((f) => f.includes('/botbuilder-dialogs/')), 'the dialogs loaded');
      assert.deepEqual(ran.filter((f) => /\/(botframework-connector|recognizers-text-number|@azure|@opentelemetry)\/|\/zod\/v4\/locales\/index/.test(f)), []);
    } finally {
      await running.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
