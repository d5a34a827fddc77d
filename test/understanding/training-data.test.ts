import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldForMatch, INTENT_NAMES, PROCEDURE_IDS } from '../../src/understanding';
import { expectedProcedureFor, loadHeldOut } from '../../src/understanding/evaluation/heldout';
import { loadTrainingData } from '../../src/understanding/training-data';
import { INTENTS_DIR } from './support';


describe('understanding/training-data', () => {
  const examples = loadTrainingData(INTENTS_DIR);
  const heldout = loadHeldOut(join(INTENTS_DIR, 'test', 'heldout.yaml'));

  it('covers every intent in Vietnamese and English, and every procedure id', () => {
    for (const intent of INTENT_NAMES) {
      assert.ok(examples.some((e) => e.intent === intent && e.locale === 'vi'), `vi ${intent}`);
      assert.ok(examples.some((e) => e.intent === intent && e.locale === 'en'), `en ${intent}`);
    }
    for (const id of PROCEDURE_IDS) assert.ok(examples.filter((e) => e.procedure === id).length >= 3, id);
  });

  it('has examples with and without diacritics', () => {
    const plain = examples.filter((e) => e.locale === 'vi' && !/[^\x00-\x7F]/.test(e.text));
    assert.ok(plain.length >= 150, `${plain.length} examples without diacritics`);
  });

  it('never trains on a held-out message', () => {
    const train = new Set(examples.map((e) => foldForMatch(e.text)));
    const leaked = heldout.filter((c) => train.has(foldForMatch(c.text)));
    assert.deepEqual(leaked.map((c) => c.text), []);
  });

  it('holds out emergencies, every tag and every question facet', () => {
    assert.ok(heldout.filter((c) => c.intent === 'emergency').length >= 20);
    for (const tag of ['no-diacritics', 'abbreviations', 'english', 'long']) assert.ok(heldout.some((c) => c.tags.includes(tag)), tag);
  });

  it('counts a second procedure as right only where a case lists it, and checks its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heldout-'));
    const file = join(dir, 'set.yaml');
    writeFileSync(file, '- {text: "đăng ký xe", intent: procedure_info, group: xe, also_procedure: [dang-ky-xe]}\n- {text: "sang tên xe", intent: procedure_info, procedure: sang-ten-xe}\n');
    const [family, member] = loadHeldOut(file);
    assert.equal(expectedProcedureFor(family, 'dang-ky-xe'), 'dang-ky-xe');
    assert.equal(expectedProcedureFor(family, 'sang-ten-xe'), 'group:xe');
    assert.equal(expectedProcedureFor(member, 'dang-ky-xe'), 'sang-ten-xe');
    writeFileSync(file, '- {text: "đăng ký xe", intent: procedure_info, group: xe, also_procedure: [dang-ky-oto]}\n');
    assert.throws(() => loadHeldOut(file), /unknown procedure "dang-ky-oto"/);
  });
});
