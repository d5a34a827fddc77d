/**
 * What a cache key says about the code and the files that computed a cached value (src/understanding/model-cache.ts,
 * src/knowledge/load-knowledge.ts, src/understanding/index.ts).
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A SHA-256 of the code files (.ts or .js) of `dir` and of the `extra` files that exist: any change of them changes it. */
export function codeFingerprint(dir: string, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
  for (const file of [...files, ...extra.filter((f) => fs.existsSync(f))]) hash.update(path.basename(file)).update(fs.readFileSync(file));
  return hash.digest('hex');
}

/** The installed version of package `name`, from its package.json (found above its entry point: not every package exports it). */
function packageVersion(name: string): string {
  for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name && pkg.version) return pkg.version;
  }
  throw new Error(`no package.json found for ${name}`);
}

/** Adds each of `files` (relative to `dir`) to `hash`: its name, then its bytes, or a mark when it cannot be read. */
function hashFiles(hash: Hash, dir: string, files: readonly string[]): Hash {
  for (const file of files) {
    let bytes: Buffer | undefined;
    try {
      bytes = fs.readFileSync(path.join(dir, file));
    } catch {
      bytes = undefined;
    }
    hash.update(`\0${file}\0${bytes ? bytes.length : 'unreadable'}\0`);
    if (bytes) hash.update(bytes);
  }
  return hash;
}

/** The files of `dir` (relative to it, sorted) whose names end with `suffix`; none when it cannot be listed. */
export function filesIn(dir: string, suffix: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(suffix))
      .sort();
  } catch {
    return [];
  }
}

const codeOf = new Map<string, string>();

/**
 * The cache key of data computed from `files` (relative to `dir`) by the code of `codeDir` with the given libraries:
 * `label`, that code's fingerprint, the libraries' versions, and every file's name and bytes.
 */
export function filesKey(label: string, codeDir: string, libraries: readonly string[], dir: string, files: readonly string[]): string {
  const codeKey = `${codeDir}\0${libraries.join(',')}`;
  let code = codeOf.get(codeKey);
  if (code === undefined) {
    code = [codeFingerprint(codeDir), ...libraries.map((name) => `${name}@${packageVersion(name)}`)].join('\n');
    codeOf.set(codeKey, code);
  }
  return hashFiles(createHash('sha256').update(`${label}\n`).update(code), dir, files).digest('hex');
}
