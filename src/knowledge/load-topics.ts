/** Loads and validates content/police-topics.yaml and content/former-provinces.yaml. */
import { join } from 'node:path';
import type { z } from 'zod';
import { issuePath, type ContentProblem } from './content-problem';
import { readYaml } from './read-yaml';
import { FormerProvincesFileSchema, TopicsFileSchema } from './topic-schema';
import type { FormerProvince, Topic } from './types';

export const TOPICS_FILE = 'police-topics.yaml';
export const FORMER_PROVINCES_FILE = 'former-provinces.yaml';

function loadFile<T>(contentDir: string, file: string, schema: z.ZodType<T>, problems: ContentProblem[]): T | undefined {
  const yaml = readYaml(join(contentDir, file), file);
  problems.push(...yaml.problems);
  if (yaml.problems.length > 0) return undefined;
  const parsed = schema.safeParse(yaml.data);
  if (parsed.success) return parsed.data;
  for (const i of parsed.error.issues) problems.push({ file, field: issuePath(i.path), message: i.message });
  return undefined;
}

/** Loads the topics and the former provinces, with every problem found. */
export function loadTopicContent(contentDir: string): { topics: Topic[]; formerProvinces: FormerProvince[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const topics = loadFile(contentDir, TOPICS_FILE, TopicsFileSchema, problems)?.topics ?? [];
  const ids = new Set<string>();
  topics.forEach((t, i) => {
    if (ids.has(t.id)) problems.push({ file: TOPICS_FILE, field: `topics.${i}.id`, message: `"${t.id}" is used twice` });
    ids.add(t.id);
  });
  const formerProvinces = loadFile(contentDir, FORMER_PROVINCES_FILE, FormerProvincesFileSchema, problems)?.formerProvinces ?? [];
  return { topics, formerProvinces, problems };
}
