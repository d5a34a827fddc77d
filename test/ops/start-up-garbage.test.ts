import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../../src/config';
import { productionNodeOptions } from '../support/start-command';

/**
 * In a process started with npm start's Node options: a young generation grown to its cap by objects that survive a
 * few scavenges, and old-generation garbage, as start-up leaves them; then the collection src/main.ts runs after
 * listening. What V8 reports before and after.
 */
function afterCollection(): { v8: string; semiMb: number; before: Spaces; after: Spaces } {
  const script = `
    const v8 = require('node:v8');
    const { collectStartUpGarbage } = require('./src/ops/start-up-garbage');
    const spaces = () => {
      const all = v8.getHeapSpaceStatistics();
      const of = (name) => all.find((s) => s.space_name === name);
      return { young: of('new_space').space_size, old: of('old_space').space_used_size + of('large_object_space').space_used_size };
    };
    let survivors = [];
    for (let i = 0; i < 3e6; i++) { survivors.push({ i }); if (survivors.length > 2e5) survivors = []; }
    survivors = null;
    let garbage = Array.from({ length: 2e5 }, (_, i) => ({ i, text: 'start-up ' + i }));
    gc(); gc();
    garbage = null;
    const before = spaces();
    collectStartUpGarbage();
    process.stdout.write(JSON.stringify({ v8: process.versions.v8, before, after: spaces() }));
  `;
  const out = execFileSync(process.execPath, [...productionNodeOptions(), '--require', 'tsx/cjs', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
  const semiMb = Number(productionNodeOptions().find((o) => o.startsWith('--max-semi-space-size='))?.split('=')[1]);
  return { ...(JSON.parse(out) as { v8: string; before: Spaces; after: Spaces }), semiMb };
}

interface Spaces {
  /** Bytes the young generation holds (both semi-spaces). */
  young: number;
  /** Bytes in use in the old generation. */
  old: number;
}

describe('the collection a second after listening (src/ops/start-up-garbage.ts)', function () {
  this.timeout(60_000);
  let measured: ReturnType<typeof afterCollection>;
  before(() => {
    measured = afterCollection();
  });

  it('frees what start-up left in the old generation', () => {
    const { before, after } = measured;
    // 200,000 dead objects with their strings: well over 10 MB.
    assert.ok(before.old - after.old > 10 * 1048576, `old generation ${before.old / 1048576} → ${after.old / 1048576} MB`);
  });

  it('gives back the young generation start-up grew (V8 12+: Node 22, 24)', function () {
    const { v8, semiMb, before, after } = measured;
    assert.equal(before.young, 2 * semiMb * 1048576, 'the young generation had grown to its cap');
    if (Number(v8.split('.')[0]) < 12) this.skip();
    assert.ok(after.young <= 2 * 1048576, `young generation ${after.young / 1048576} MB after`);
  });
});
