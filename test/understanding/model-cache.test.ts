import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { createParser, type Parser } from '../../src/understanding';
import { loadHeldOut } from '../../src/understanding/evaluation/heldout';
import { ModelCache } from '../../src/understanding/model-cache';
import { loadResources } from '../../src/understanding/resources';
import { INTENTS_DIR } from './support';

const ALIASES = { 'tam-tru': ['giấy đăng ký ở tạm'] };
const messages = loadHeldOut(path.join(INTENTS_DIR, 'test', 'heldout.yaml')).map((c) => c.text);
const parseAll = (parser: Parser) => messages.map((m) => parser.parse(m));
const modelFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.model'));

describe('understanding/model cache', function () {
  // Three or four trainings on a busy machine.
  this.timeout(120_000);
  let dir: string;
  let trained: ReturnType<typeof parseAll>;
  before(() => {
    trained = parseAll(createParser({ intentsDir: INTENTS_DIR, procedureAliases: ALIASES }));
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-cache-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves the trained model, and a parser restored from it answers every held-out message exactly as a trained one', () => {
    assert.deepEqual(parseAll(createParser({ intentsDir: INTENTS_DIR, procedureAliases: ALIASES, cacheDirs: [dir] })), trained);
    assert.equal(modelFiles(dir).length, 1);
    assert.deepEqual(parseAll(createParser({ intentsDir: INTENTS_DIR, procedureAliases: ALIASES, cacheDirs: [dir] })), trained);
    // Restored weights are arrays of their own, not views that would keep the whole file's buffer alive.
    const models = new ModelCache([dir]).load(modelFiles(dir)[0].replace(/\.model$/, ''), loadResources(INTENTS_DIR).situations)!;
    const arrays = [models.intents.snapshot(), models.procedures.snapshot(), models.letters.snapshot(), models.letterProcedures.snapshot()].flatMap((m) => [m.weights, m.bias]);
    for (const a of arrays.filter((a) => a.byteLength > 8192)) assert.equal(a.buffer.byteLength, a.byteLength);
  });

  it('really parses with the saved weights (a tampered file changes the answers), and only for the same inputs', () => {
    createParser({ intentsDir: INTENTS_DIR, procedureAliases: ALIASES, cacheDirs: [dir] });
    const file = path.join(dir, modelFiles(dir)[0]);
    const saved = v8.deserialize(fs.readFileSync(file)) as { intents: { weights: Float64Array } };
    saved.intents.weights.fill(0);
    fs.writeFileSync(file, v8.serialize(saved));
    const flat = parseAll(createParser({ intentsDir: INTENTS_DIR, procedureAliases: ALIASES, cacheDirs: [dir] }));
    assert.notDeepEqual(flat, trained);
    // Another alias is another model: trained afresh, saved under its own key, and the old file removed.
    const other = createParser({ intentsDir: INTENTS_DIR, procedureAliases: { 'tam-tru': ['giấy ở tạm'] }, cacheDirs: [dir] });
    assert.equal(other.parse('xin chào').intent.name, 'greeting');
    assert.equal(modelFiles(dir).length, 1);
    assert.ok(!fs.existsSync(file));
  });

  it('trains again when the saved file is corrupt, and reads from a later read-only folder (a build-time copy)', () => {
    createParser({ intentsDir: INTENTS_DIR, procedureAliases: ALIASES, cacheDirs: [dir] });
    const name = modelFiles(dir)[0];
    const shipped = fs.mkdtempSync(path.join(os.tmpdir(), 'model-shipped-'));
    try {
      fs.renameSync(path.join(dir, name), path.join(shipped, name));
      fs.writeFileSync(path.join(dir, 'unrelated.model'), 'not a model');
      assert.deepEqual(parseAll(createParser({ intentsDir: INTENTS_DIR, procedureAliases: ALIASES, cacheDirs: [dir, shipped] })), trained);
      fs.writeFileSync(path.join(shipped, name), 'garbage');
      assert.deepEqual(parseAll(createParser({ intentsDir: INTENTS_DIR, procedureAliases: ALIASES, cacheDirs: [dir, shipped] })), trained);
      // The retrained model was saved in the writable folder, replacing the unrelated file.
      assert.deepEqual(modelFiles(dir), [name]);
    } finally {
      fs.rmSync(shipped, { recursive: true, force: true });
    }
  });
});
