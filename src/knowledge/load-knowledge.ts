/** Loads every content file of a content dir into a Knowledge, or reports every problem. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { filesIn, filesKey } from '../util/code-fingerprint';
import { cacheInUse, remember } from '../util/yaml-cache';
import { ContentError, type ContentProblem } from './content-problem';
import { createKnowledge, type KnowledgeParts } from './knowledge';
import { loadProcedureContent } from './load-procedures';
import { FORMER_PROVINCES_FILE, loadTopicContent, TOPICS_FILE } from './load-topics';
import { OFFICES_FILE, parseOfficesCsv } from './offices-csv';
import type { Knowledge } from './types';

/** Loads content without throwing: the Knowledge when valid, and the full problem list either way. */
export function tryLoadKnowledge(contentDir: string): { knowledge?: Knowledge; problems: ContentProblem[] } {
  const dir = resolve(contentDir);
  let problems: ContentProblem[] = [];
  // Validating the content is ~10% of a start (docs/performance.md) and depends on nothing but the files and the code:
  // valid content is kept with the parsed YAML under a key of both, so a start with the same files restores it.
  const validate = () => {
    const checked = validateContent(dir);
    problems = checked.problems;
    return checked.parts;
  };
  const parts = cacheInUse() ? remember(contentKey(dir), validate) : validate();
  return parts ? { knowledge: createKnowledge({ contentDir: dir, ...parts }), problems } : { problems };
}

/** The content files' validated data, or every problem found in them. */
function validateContent(dir: string): { parts?: Omit<KnowledgeParts, 'contentDir'>; problems: ContentProblem[] } {
  const proc = loadProcedureContent(dir);
  const problems = [...proc.problems];
  let csv = '';
  try {
    csv = readFileSync(join(dir, OFFICES_FILE), 'utf8');
  } catch (err) {
    problems.push({ file: OFFICES_FILE, field: '', message: `cannot read: ${(err as Error).message}` });
  }
  const directory = csv ? parseOfficesCsv(csv) : { offices: [], problems: [] };
  problems.push(...directory.problems);
  const topics = loadTopicContent(dir);
  problems.push(...topics.problems);
  if (problems.length > 0) return { problems };
  const { procedures, fields, placeTypes, districtTypes } = proc;
  return { parts: { procedures, fields, placeTypes, districtTypes, offices: directory.offices, topics: topics.topics, formerProvinces: topics.formerProvinces }, problems };
}

/**
 * Everything validation reads: each content file's name and text (a missing one reads as missing, and is then a
 * problem, never cached), this folder's code and the versions of the libraries that parse and check the files.
 */
function contentKey(dir: string): string {
  const procedures = filesIn(join(dir, 'procedures'), '').map((f) => join('procedures', f));
  const files = ['fields.yaml', OFFICES_FILE, TOPICS_FILE, FORMER_PROVINCES_FILE, ...procedures];
  return filesKey('validated content', __dirname, ['yaml', 'csv-parse', 'zod'], dir, files);
}

/** Loads and validates the content dir; throws a ContentError listing every problem with file and field. */
export function loadKnowledge(contentDir: string): Knowledge {
  const { knowledge, problems } = tryLoadKnowledge(contentDir);
  if (!knowledge) throw new ContentError(problems);
  return knowledge;
}
