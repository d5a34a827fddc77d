/**
 * botbuilder-core's index re-exports every file of the package, and six of them (cloud adapter, credential factories,
 * typing middleware, storage helpers, test adapter) load botframework-connector and the Azure SDK (identity, MSAL,
 * axios): ~0.4 s of CPU and ~25 MB of memory at every start, for adapters and authentication this assistant never uses
 * (docs/performance.md). Importing narrower paths does not avoid it: botbuilder-core's own files and botbuilder-dialogs
 * require the index.
 *
 * So the built server puts in `require.cache`, before anything loads botbuilder-core, an index with the same exports
 * (where two files export a name, the first in the index's order gives it), each a getter that loads its file on first use (`require.cache` entries may be
 * added, per Node's documentation). What the bot uses loads as before; the rest loads if something ever reads it.
 * test/ops/lazy-botbuilder-core.test.ts holds its names and values equal to the real index's.
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

/** Makes every later `require('botbuilder-core')` (and its files' `require(".")`) return the lazy index. */
export function installLazyBotbuilderCore(): void {
  const index = require.resolve('botbuilder-core');
  if (require.cache[index]) return;
  const module = new Module(index);
  module.filename = index;
  module.exports = lazyBotbuilderCoreExports();
  module.loaded = true;
  require.cache[index] = module;
}
