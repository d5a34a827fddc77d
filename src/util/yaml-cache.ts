/**
 * Parsed YAML kept between starts, beside the trained models (src/understanding/model-cache.ts). Parsing the content
 * and training files (~260 files) was about half of a start's CPU (docs/performance.md), and the same text always
 * parses to the same data. So each parse result is saved under a SHA-256 of the text, the parse options and the `yaml`
 * version; a start that reads the same text restores a fresh copy of that data instead of parsing. A text that does
 * not parse is never cached: its error is raised by the parser, as before. `remember` keeps other data derived the
 * same way from files alone (the validated content, src/knowledge/load-knowledge.ts) in the same file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { DocumentOptions, ParseOptions, SchemaOptions, ToJSOptions } from 'yaml';

type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions;

/** The file a thread keeps its entries in, in each cache folder: the understanding's worker has its own (two threads saving one file would drop each other's entries). */
const YAML_CACHE_FILE = 'yaml.cache';
const YAML_VERSION: string = (require('yaml/package.json') as { version: string }).version;

/** Where parse results are looked up (in order) and saved (the first); unset: every text is parsed. */
let dirs: readonly string[] = [];
let fileName = YAML_CACHE_FILE;
/** Entries read from the cache files, loaded on the first parse after `useYamlCache` or `saveYamlCache`. */
let stored: Map<string, Buffer> | undefined;
/** Entries this process used since the last save; `missed` says whether any of them is new. */
const used = new Map<string, Buffer>();
let missed = false;

/** Caches parse results in `cacheDirs` (the first is written, later ones may be read-only copies made at build time), in files named `file`. */
export function useYamlCache(cacheDirs: readonly string[], file = YAML_CACHE_FILE): void {
  dirs = cacheDirs;
  fileName = file;
  stored = undefined;
  used.clear();
  missed = false;
}

/** Whether a cache folder is set (`useYamlCache`): without one, `remember` only computes, and callers need no key. */
export function cacheInUse(): boolean {
  return dirs.length > 0;
}

/**
 * `compute()`, or a fresh copy of what it answered when `key` was computed before (`key` must say everything the answer
 * depends on). An answer of `undefined`, or a throw, is not cached. Answers must be plain data `v8.serialize` keeps.
 */
export function remember<T>(key: string, compute: () => T): T {
  if (dirs.length === 0) return compute();
  stored ??= readStored();
  const saved = used.get(key) ?? stored.get(key);
  if (saved) {
    try {
      // A fresh copy for every caller: one reader changing its data must not change another's.
      const data = v8.deserialize(saved) as T;
      used.set(key, saved);
      return data;
    } catch {
      // A damaged entry is a miss.
    }
  }
  const data = compute();
  if (data !== undefined) {
    used.set(key, v8.serialize(data));
    missed = true;
  }
  return data;
}

/** `yaml.parse(text, options)`, answered from the cache when the same text was parsed before with the same options. */
export function parseYaml(text: string, options: YamlOptions = {}): unknown {
  // Loaded on a miss only: a thread that restores every file (the understanding's worker) never needs the parser.
  const parse = (): unknown => (require('yaml') as typeof import('yaml')).parse(text, options);
  if (dirs.length === 0) return parse();
  return remember(createHash('sha256').update(YAML_VERSION).update(JSON.stringify(options)).update(text).digest('hex'), parse);
}

/**
 * Writes the entries used since the last save to the first cache folder when any was new (written aside, then
 * renamed), and lets go of the cache in memory. Entries no longer read (changed content) are dropped that way.
 * Failing to write (read-only disk) is not an error: the next start parses again.
 */
export function saveYamlCache(): void {
  const dir = dirs[0];
  if (dir && missed) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, fileName);
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, v8.serialize(used));
      fs.renameSync(temp, file);
    } catch {
      // A cache that cannot be written costs a parse at the next start, nothing else.
    }
  }
  used.clear();
  missed = false;
  stored = undefined;
}

function readStored(): Map<string, Buffer> {
  const all = new Map<string, Buffer>();
  for (const dir of [...dirs].reverse()) {
    try {
      const entries = v8.deserialize(fs.readFileSync(path.join(dir, fileName))) as unknown;
      if (entries instanceof Map) for (const [k, v] of entries) if (typeof k === 'string' && v instanceof Uint8Array) all.set(k, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    } catch {
      // Missing or corrupt: a miss, parsed and saved again.
    }
  }
  return all;
}
