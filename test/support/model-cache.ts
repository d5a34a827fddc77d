import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Trained models shared by the parsers and assistants one test process builds. Training takes seconds of CPU at each
 * build (over the default 20 s timeout of a `before` hook on a machine five times slower); a build that finds its model
 * restores it, as a production restart does. src/understanding/model-cache.ts keys each model by everything it was
 * trained from, so a test with other examples or aliases still trains its own; test/understanding/model-cache.test.ts
 * proves a restored model parses exactly as the trained one.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'assistant-test-models-'));
process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));

/** The folder of one kind of build: saving a model removes the other models from its folder, so each kind has its own. */
export function testModelCache(kind: 'assistant' | 'plain parser' | 'production parser'): string {
  return path.join(root, kind.replace(' ', '-'));
}
