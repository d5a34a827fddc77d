import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { tryLoadKnowledge } from '../../src/knowledge/load-knowledge';
import type { Knowledge } from '../../src/knowledge';
import { saveYamlCache, useYamlCache } from '../../src/util/yaml-cache';
import { CONTENT_DIR, tempContent } from './helpers';

const cacheFile = (dir: string) => path.join(dir, 'yaml.cache');

/** Everything a Knowledge answers from its validated content. */
function contentOf(k: Knowledge) {
  return { procedures: k.listProcedures(), fields: k.listFields(), offices: k.listOffices(), topics: k.listTopics(), locations: k.locationEntries(), aliases: k.procedureAliases() };
}

describe('validated content kept between starts (src/knowledge/load-knowledge.ts)', () => {
  let cache: string;
  let content: string;
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'content-cache-'));
    content = tempContent();
  });
  afterEach(() => {
    useYamlCache([]);
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(content, { recursive: true, force: true });
  });

  it('restores the shipped content exactly as validating it, and really from the saved entry', () => {
    const validated = tryLoadKnowledge(CONTENT_DIR).knowledge!;
    useYamlCache([cache]);
    tryLoadKnowledge(CONTENT_DIR);
    saveYamlCache();
    useYamlCache([cache]);
    const restored = tryLoadKnowledge(CONTENT_DIR);
    assert.deepEqual(restored.problems, []);
    assert.deepEqual(contentOf(restored.knowledge!), contentOf(validated));

    // The entry holding the validated content is what a later start reads: changed in the file, the change comes back.
    const entries = v8.deserialize(fs.readFileSync(cacheFile(cache))) as Map<string, Buffer>;
    const [key, parts] = [...entries].map(([k, v]) => [k, v8.deserialize(v)] as const).find(([, v]) => v && typeof v === 'object' && 'procedures' in v)!;
    const procedures = (parts as { procedures: Map<string, { title: { vi: string } }> }).procedures;
    procedures.get('tam-tru')!.title.vi = 'changed in the cache';
    entries.set(key, v8.serialize(parts));
    fs.writeFileSync(cacheFile(cache), v8.serialize(entries));
    useYamlCache([cache]);
    assert.equal(tryLoadKnowledge(CONTENT_DIR).knowledge!.getProcedure('tam-tru')!.title.vi, 'changed in the cache');
  });

  it('validates a changed file again: a bad edit is refused with its problem, a good one is read', () => {
    useYamlCache([cache]);
    assert.ok(tryLoadKnowledge(content).knowledge);
    saveYamlCache();
    const file = path.join(content, 'procedures', 'tam-tru.yaml');
    const text = fs.readFileSync(file, 'utf8');

    useYamlCache([cache]);
    fs.writeFileSync(file, text.replace(/^id: tam-tru$/m, 'id: tam-vang'));
    const bad = tryLoadKnowledge(content);
    assert.equal(bad.knowledge, undefined);
    assert.ok(bad.problems.some((p) => p.file === 'procedures/tam-tru.yaml' && p.field === 'id'), JSON.stringify(bad.problems));
    saveYamlCache();

    useYamlCache([cache]);
    assert.equal(tryLoadKnowledge(content).knowledge, undefined, 'refused content is never cached');
    fs.writeFileSync(file, `${text}\n# an edit\n`);
    assert.ok(tryLoadKnowledge(content).knowledge);
    fs.writeFileSync(path.join(content, 'offices.csv'), 'id,name\n');
    assert.ok(tryLoadKnowledge(content).problems.some((p) => p.file === 'offices.csv'));
  });
});
