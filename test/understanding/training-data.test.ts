import assert from 'node:assert/strict';
import { join } from 'node:path';
import { foldForMatch, INTENT_NAMES, PROCEDURE_IDS } from '../../src/understanding';
import { loadHeldOut } from '../../src/understanding/evaluation/heldout';
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
});
