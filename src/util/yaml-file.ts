import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { parseYaml } from './yaml-cache';

/** Reads a YAML data file and validates it; a bad file stops start-up with the file name and field paths in the message. */
export function loadYamlFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid ${file}: ${issues.join('; ')}`);
  }
  return result.data;
}
