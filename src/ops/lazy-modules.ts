/**
 * Libraries the bot needs only a corner of, whose entry points load much more at every start (docs/performance.md):
 *
 * - botbuilder-core's index re-exports every file of the package, and six of them (cloud adapter, credential
 *   factories, typing middleware, storage helpers, test adapter) load botframework-connector and the Azure SDK
 *   (identity, MSAL, axios): ~0.4 s of CPU and ~17 MB of idle memory, for adapters and authentication this assistant
 *   never uses. Importing narrower paths does not avoid it: botbuilder-core's own files and botbuilder-dialogs require
 *   the index.
 * - botbuilder-dialogs' prompts load `@microsoft/recognizers-text-number` (a 1.2 MB bundle, ~60 ms and ~8 MB) to
 *   recognise numbered choices; our dialogs prompt for text only.
 * - zod's entry points load its locales (`z.locales`, 63 files, ~100 ms of CPU); its schemas load the English
 *   messages themselves, and we never pick another locale.
 * - prom-client's CPU counter loads `@opentelemetry/api` (~50 files, ~50 ms) to attach trace exemplars, which it
 *   reads only when exemplars are enabled; ours are not.
 *
 * So the built server puts in `require.cache`, before anything loads them, stand-ins that load the real code on first
 * use (`require.cache` entries may be added, per Node's documentation): botbuilder-core's index with the same exports,
 * each a getter that loads its own file, and for the recognizers an object that loads the package when anything of it
 * is read. What the bot uses loads as before, the rest only if something ever reads it. test/ops/lazy-modules.test.ts
 * holds the stand-in index's names and values equal to the real one's.
 */
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

/** `__exportStar(require("./file"), exports)` and `Object.defineProperty(exports, "Name", … return file_1.Name; …)`. */
const RE_EXPORTS = /__exportStar\(require\("([^"]+)"\), exports\)|Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return (\w+)_1\.(\w+); \} \}\)/g;
/** The names a compiled CommonJS file assigns to `exports` (TypeScript's `exports.A = exports.B = void 0;` lists them all). */
const FILE_EXPORTS = /exports\.(\w+) = |Object\.defineProperty\(exports, "(\w+)"/g;

/** An object with botbuilder-core's exports, each loaded from its own file when first read. */
export function lazyBotbuilderCoreExports(): Record<string, unknown> {
  const index = require.resolve('botbuilder-core');
  const dir = path.dirname(index);
  const lazy: Record<string, unknown> = {};
  // As TypeScript's __exportStar: the first file to export a name gives it.
  const define = (name: string, load: () => unknown) => {
    if (name === 'default' || name === '__esModule' || Object.hasOwn(lazy, name)) return;
    Object.defineProperty(lazy, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = load();
        Object.defineProperty(lazy, name, { enumerable: true, value });
        return value;
      },
    });
  };
  for (const [, star, named, from, original] of fs.readFileSync(index, 'utf8').matchAll(RE_EXPORTS)) {
    if (star && !star.startsWith('.')) {
      // botframework-schema (activity types, card actions): small, and what every turn reads.
      const all = require(require.resolve(star, { paths: [dir] })) as Record<string, unknown>;
      for (const name of Object.keys(all)) define(name, () => all[name]);
    } else if (star) {
      const file = require.resolve(path.join(dir, star));
      for (const m of fs.readFileSync(file, 'utf8').matchAll(FILE_EXPORTS)) {
        const name = m[1] ?? m[2];
        define(name, () => (require(file) as Record<string, unknown>)[name]);
      }
    } else {
      const file = require.resolve(path.join(dir, from));
      define(named, () => (require(file) as Record<string, unknown>)[original]);
    }
  }
  return lazy;
}

/**
 * Stands for the module at `file`: the first read of anything of it (a property, `in`, its keys) loads it. `esModule`
 * answers `__esModule` without loading, as the real module would: TypeScript's `import * as` reads it at import time.
 */
export function deferredExports(file: string, esModule: boolean): object {
  let real: object | undefined;
  const load = () => {
    if (!real) {
      // The stand-in leaves the cache so the real module takes its place; whoever holds the stand-in reads through it.
      delete require.cache[file];
      real = require(file) as object;
    }
    return real;
  };
  return new Proxy(
    {},
    {
      get: (_, key) => (key === '__esModule' && !real ? esModule : Reflect.get(load(), key)),
      has: (_, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      // Reported configurable: the (empty) target cannot vouch for a non-configurable property.
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

function cache(file: string, exports: object): void {
  if (require.cache[file]) return;
  const module = new Module(file);
  module.filename = file;
  module.exports = exports;
  module.loaded = true;
  require.cache[file] = module;
}

/** Makes every later `require` of these libraries (and botbuilder-core's files' `require(".")`) get the stand-ins. */
export function installLazyModules(): void {
  cache(require.resolve('botbuilder-core'), lazyBotbuilderCoreExports());
  const deferred = (file: string) => cache(file, deferredExports(file, true));
  deferred(require.resolve('@microsoft/recognizers-text-number', { paths: [path.dirname(require.resolve('botbuilder-dialogs'))] }));
  deferred(require.resolve('zod/v4/locales'));
  deferred(require.resolve('@opentelemetry/api', { paths: [path.dirname(require.resolve('prom-client'))] }));
}
