/**
 * How production starts the built server: the Node options of `npm start` (package.json), which the image's CMD
 * repeats (test/ops/start-command.test.ts holds them equal). Benchmarks and tests that start the assistant in its own
 * process pass the same options, so they measure and test the process production runs.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function startScript(): RegExpMatchArray {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const start = pkg.scripts.start.match(/(?:^|&&\s*)((?:[A-Z_]+=\S+\s+)*)node\s+((?:--?\S+\s+)*)dist\/main\.js\s*$/);
  if (!start) throw new Error(`package.json's start script does not end with \`[VAR=value…] node [options] dist/main.js\`: ${pkg.scripts.start}`);
  return start;
}

/** The options between `node` and `dist/main.js` in package.json's start script, e.g. `['--max-semi-space-size=4']`. */
export function productionNodeOptions(): string[] {
  return startScript()[2].split(/\s+/).filter(Boolean);
}

/** The environment the start script sets before `node`, e.g. `{ MALLOC_ARENA_MAX: '2' }` (the image's ENV repeats it). */
export function productionEnvironment(): Record<string, string> {
  return Object.fromEntries(startScript()[1].split(/\s+/).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}
