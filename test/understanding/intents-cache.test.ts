import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { readIntents } from '../../src/understanding';
import { loadResources } from '../../src/understanding/resources';
import { loadTrainingData } from '../../src/understanding/training-data';
import { saveYamlCache, useYamlCache } from '../../src/util/yaml-cache';
import { INTENTS_DIR } from './support';

const cacheFile = (dir: string) => path.join(dir, 'yaml.cache');
const procedureGroups = (dir: string) => Object.fromEntries(Object.entries(readIntents(dir).resources.procedures.groups).map(([group, g]) => [group, g.members]));

/** The cache entry holding intents/ as read and checked (src/understanding/index.ts). */
function intentsEntry(dir: string): { entries: Map<string, Buffer>; key: string; value: { resources: ReturnType<typeof loadResources>; examples: unknown[] } } {
  const entries = v8.deserialize(fs.readFileSync(cacheFile(dir))) as Map<string, Buffer>;
  for (const [key, bytes] of entries) {
    const value = v8.deserialize(bytes) as Record<string, unknown>;
    if (value && typeof value === 'object' && 'resources' in value && 'examples' in value) return { entries, key, value: value as never };
  }
  throw new Error('no intents entry');
}

describe('intents/ read and checked, kept between starts (src/understanding/index.ts)', function () {
  this.timeout(60_000);
  let cache: string;
  let intents: string;
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'intents-cache-'));
    intents = fs.mkdtempSync(path.join(os.tmpdir(), 'intents-'));
    fs.cpSync(INTENTS_DIR, intents, { recursive: true });
  });
  afterEach(() => {
    useYamlCache([]);
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(intents, { recursive: true, force: true });
  });

  it('saves what reading intents/ gives, and a later start restores exactly that from the saved entry', () => {
    const groups = procedureGroups(INTENTS_DIR);
    useYamlCache([cache]);
    assert.deepEqual(procedureGroups(INTENTS_DIR), groups);
    saveYamlCache();
    const { entries, key, value } = intentsEntry(cache);
    assert.deepEqual(value, { resources: loadResources(INTENTS_DIR), examples: loadTrainingData(INTENTS_DIR) });

    // Changed in the file, the change comes back: the entry is what the next start reads.
    value.resources.procedures.groups['can-cuoc'].members = ['can-cuoc-cap-moi'];
    entries.set(key, v8.serialize(value));
    fs.writeFileSync(cacheFile(cache), v8.serialize(entries));
    useYamlCache([cache]);
    assert.deepEqual(procedureGroups(INTENTS_DIR)['can-cuoc'], ['can-cuoc-cap-moi']);
  });

  it('reads a changed file again: an edit is seen, a bad training file still stops the start naming it', () => {
    useYamlCache([cache]);
    procedureGroups(intents);
    saveYamlCache();

    useYamlCache([cache]);
    const lexicon = path.join(intents, 'lexicon', 'procedures.yaml');
    fs.writeFileSync(lexicon, fs.readFileSync(lexicon, 'utf8').replace('members: [can-cuoc-cap-moi, can-cuoc-cap-doi, can-cuoc-cap-lai]', 'members: [can-cuoc-cap-moi, can-cuoc-cap-doi]'));
    assert.deepEqual(procedureGroups(intents)['can-cuoc'], ['can-cuoc-cap-moi', 'can-cuoc-cap-doi']);
    fs.writeFileSync(path.join(intents, 'vi', 'zz-bad.yaml'), 'intent: no_such_intent\nexamples: [xin chào]\n');
    assert.throws(() => procedureGroups(intents), /zz-bad\.yaml: unknown intent "no_such_intent"/);
  });
});
