import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const DRIVER = path.join('src', 'store', 'sqlite', 'driver.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

describe('SQLite through the driver only', () => {
  // better-sqlite3 12 aborts Node 24 when the garbage collector frees one of its statements (driver.ts): a test or a
  // script that imports it directly brings that build back on Node 22 and 24 (the warm-up test did, and the suite
  // aborted on Node 24).
  it('no file but the driver imports better-sqlite3 itself (type imports aside)', () => {
    const direct = ['src', 'test', 'bench']
      .flatMap(sourceFiles)
      .filter((file) => file !== DRIVER)
      .filter((file) => /^\s*import\s+(?!type\b)[^;]*from\s+'better-sqlite3'|require\('better-sqlite3'\)/m.test(readFileSync(path.join(ROOT, file), 'utf8')));
    assert.deepEqual(direct, []);
  });
});
