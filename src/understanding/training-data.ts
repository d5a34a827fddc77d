/** Loads the training examples of intents/vi and intents/en (the held-out test file is never read here). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadYamlFile } from '../util/yaml-file';
import { isIntentName, isProcedureId } from './taxonomy-names';
import type { Locale } from './types';

/** One labelled message: intent, and the procedure (or procedure group) it names, if any. */
export interface Example {
  text: string;
  intent: string;
  procedure?: string;
  group?: string;
  locale: Locale;
}

// Examples are either a plain list, or grouped by what they name: a procedure id, "group:<name>", or "-" for nothing.
const fileSchema = z.object({
  intent: z.string(),
  examples: z.union([z.array(z.string()), z.record(z.string(), z.array(z.string()))]),
});

/** Turns the key of a grouped example list into the labels it stands for. */
function labelsFor(key: string, file: string): Pick<Example, 'procedure' | 'group'> {
  if (key === '-') return {};
  if (key.startsWith('group:')) return { group: key.slice('group:'.length) };
  if (!isProcedureId(key)) throw new Error(`${file}: unknown procedure id "${key}"`);
  return { procedure: key };
}

/** Reads every *.yaml under intents/vi and intents/en. */
export function loadTrainingData(intentsDir: string): Example[] {
  const examples: Example[] = [];
  for (const locale of ['vi', 'en'] as const) {
    const dir = join(intentsDir, locale);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      const file = join(dir, name);
      const data = loadYamlFile(file, fileSchema);
      if (!isIntentName(data.intent)) throw new Error(`${file}: unknown intent "${data.intent}"`);
      const groups = Array.isArray(data.examples) ? { '-': data.examples } : data.examples;
      for (const [key, texts] of Object.entries(groups)) {
        const labels = labelsFor(key, file);
        for (const text of texts) examples.push({ text: String(text), intent: data.intent, locale, ...labels });
      }
    }
  }
  return examples;
}
