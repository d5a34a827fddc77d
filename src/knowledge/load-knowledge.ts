/** Loads every content file of a content dir into a Knowledge, or reports every problem. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ContentError, type ContentProblem } from './content-problem';
import { createKnowledge } from './knowledge';
import { loadProcedureContent } from './load-procedures';
import { loadTopicContent } from './load-topics';
import { OFFICES_FILE, parseOfficesCsv } from './offices-csv';
import type { Knowledge } from './types';

/** Loads content without throwing: the Knowledge when valid, and the full problem list either way. */
export function tryLoadKnowledge(contentDir: string): { knowledge?: Knowledge; problems: ContentProblem[] } {
  const dir = resolve(contentDir);
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
  return { knowledge: createKnowledge({ contentDir: dir, ...proc, ...topics, offices: directory.offices }), problems };
}

/** Loads and validates the content dir; throws a ContentError listing every problem with file and field. */
export function loadKnowledge(contentDir: string): Knowledge {
  const { knowledge, problems } = tryLoadKnowledge(contentDir);
  if (!knowledge) throw new ContentError(problems);
  return knowledge;
}
