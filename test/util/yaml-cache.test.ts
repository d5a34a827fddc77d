import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { parse } from 'yaml';
import { loadKnowledge } from '../../src/knowledge';
import { parseYaml, saveYamlCache, useYamlCache } from '../../src/util/yaml-cache';

const TEXT = 'title: Đăng ký tạm trú\nfee: null\nsteps:\n  - nộp hồ sơ\n  - nhận kết quả\nyears: 2\n';
const CONTENT_DIR = path.join(__dirname, '..', '..', 'content');
const cacheFile = (dir: string) => path.join(dir, 'yaml.cache');

describe('util/yaml cache (parsed YAML kept between starts)', () => {
  let dir: string;
  let readOnly: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-cache-'));
    readOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-cache-ro-'));
  });
  afterEach(() => {
    useYamlCache([]);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(readOnly, { recursive: true, force: true });
  });

  it('answers what yaml.parse answers, saves it, and a later start restores it from the file', () => {
    useYamlCache([dir]);
    assert.deepEqual(parseYaml(TEXT), parse(TEXT));
    saveYamlCache();
    assert.ok(fs.existsSync(cacheFile(dir)));
    // The saved entry is really what a later start reads: changed in the file, the change comes back.
    const entries = v8.deserialize(fs.readFileSync(cacheFile(dir))) as Map<string, Buffer>;
    assert.equal(entries.size, 1);
    const [key] = [...entries.keys()];
    fs.writeFileSync(cacheFile(dir), v8.serialize(new Map([[key, v8.serialize({ from: 'cache' })]])));
    useYamlCache([dir]);
    assert.deepEqual(parseYaml(TEXT), { from: 'cache' });
  });

  it('gives every caller its own copy', () => {
    useYamlCache([dir]);
    const first = parseYaml(TEXT) as { steps: string[] };
    first.steps.push('changed by one reader');
    assert.deepEqual(parseYaml(TEXT), parse(TEXT));
    saveYamlCache();
    useYamlCache([dir]);
    (parseYaml(TEXT) as { steps: string[] }).steps.length = 0;
    assert.deepEqual(parseYaml(TEXT), parse(TEXT));
  });

  it('keys entries by the options too, and never caches a text that does not parse', () => {
    const duplicated = 'a: 1\na: 2\n';
    useYamlCache([dir]);
    assert.deepEqual(parseYaml(duplicated, { uniqueKeys: false }), { a: 2 });
    assert.throws(() => parseYaml(duplicated, { uniqueKeys: true }), /Map keys must be unique/);
    assert.throws(() => parseYaml('a: [1, 2\n'), (err: Error) => err.name === 'YAMLParseError');
    saveYamlCache();
    useYamlCache([dir]);
    assert.throws(() => parseYaml(duplicated, { uniqueKeys: true }), /Map keys must be unique/);
    assert.equal((v8.deserialize(fs.readFileSync(cacheFile(dir))) as Map<string, Buffer>).size, 1);
  });

  it('reads a read-only copy (the build’s) after the first folder, and writes only to the first', () => {
    useYamlCache([readOnly]);
    parseYaml(TEXT);
    saveYamlCache();
    const built = fs.readFileSync(cacheFile(readOnly));
    useYamlCache([dir, readOnly]);
    assert.deepEqual(parseYaml(TEXT), parse(TEXT));
    saveYamlCache();
    assert.equal(fs.existsSync(cacheFile(dir)), false, 'nothing new, nothing written');
    assert.deepEqual(parseYaml('other: 1\n'), { other: 1 });
    saveYamlCache();
    assert.equal((v8.deserialize(fs.readFileSync(cacheFile(dir))) as Map<string, Buffer>).size, 1);
    assert.deepEqual(fs.readFileSync(cacheFile(readOnly)), built);
  });

  it('treats a damaged file as a miss and parses again', () => {
    fs.writeFileSync(cacheFile(dir), 'not a cache');
    useYamlCache([dir]);
    assert.deepEqual(parseYaml(TEXT), parse(TEXT));
  });

  it('loads the shipped content from the cache exactly as from the files', () => {
    const parsed = loadKnowledge(CONTENT_DIR);
    useYamlCache([dir]);
    loadKnowledge(CONTENT_DIR);
    saveYamlCache();
    useYamlCache([dir]);
    const cached = loadKnowledge(CONTENT_DIR);
    assert.ok(parsed.listProcedures().length > 0);
    assert.deepEqual(cached.listProcedures(), parsed.listProcedures());
    assert.deepEqual(cached.listFields(), parsed.listFields());
    assert.deepEqual(cached.listTopics(), parsed.listTopics());
    assert.deepEqual(cached.locationEntries(), parsed.locationEntries());
  });

  it('parses without a cache when none is configured, and writes nothing', () => {
    assert.deepEqual(parseYaml(TEXT), parse(TEXT));
    saveYamlCache();
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
