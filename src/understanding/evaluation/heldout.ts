/** Loads the held-out test file (intents/test/heldout.yaml): messages never used for training. */
import { z } from 'zod';
import { loadYamlFile } from '../../util/yaml-file';
import { isIntentName, isProcedureId } from '../taxonomy-names';

/** One held-out message with its expected labels and tags. */
export interface HeldOutCase {
  text: string;
  intent: string;
  /** Procedure id, "group:<name>", or "none". */
  procedure?: string;
  /** Other intents that also count as right, where the labelling conventions of writers differ. */
  alsoIntent?: string[];
  /** Other procedures (ids or "group:<name>") that also count as right, for the same reason. */
  alsoProcedure?: string[];
  tags: string[];
}

const schema = z.array(
  z.object({
    text: z.string(),
    intent: z.string(),
    procedure: z.string().optional(),
    group: z.string().optional(),
    also_intent: z.array(z.string()).optional(),
    also_procedure: z.array(z.string()).optional(),
    tags: z.array(z.string()).default([]),
  }),
);

/** Reads and checks the held-out file; tags no-diacritics and long are added from the text itself. */
export function loadHeldOut(file: string): HeldOutCase[] {
  return loadYamlFile(file, schema).map((c) => {
    if (!isIntentName(c.intent)) throw new Error(`${file}: unknown intent "${c.intent}" for "${c.text}"`);
    if (c.procedure && !isProcedureId(c.procedure)) throw new Error(`${file}: unknown procedure "${c.procedure}"`);
    for (const other of c.also_intent ?? []) if (!isIntentName(other)) throw new Error(`${file}: unknown intent "${other}" for "${c.text}"`);
    for (const other of c.also_procedure ?? []) if (!other.startsWith('group:') && !isProcedureId(other)) throw new Error(`${file}: unknown procedure "${other}" for "${c.text}"`);
    return { text: c.text, intent: c.intent, procedure: expectedProcedure(c), alsoIntent: c.also_intent, alsoProcedure: c.also_procedure, tags: tagsOf(c.text, c.tags) };
  });
}

/** The label a prediction is scored against: the prediction itself when the case also accepts it. */
export function expectedIntent(c: Pick<HeldOutCase, 'intent' | 'alsoIntent'>, predicted: string): string {
  return c.alsoIntent?.includes(predicted) ? predicted : c.intent;
}

/** The procedure a prediction is scored against: the prediction itself when the case also accepts it. */
export function expectedProcedureFor(c: Pick<HeldOutCase, 'procedure' | 'alsoProcedure'>, predicted: string): string | undefined {
  return c.procedure !== undefined && c.alsoProcedure?.includes(predicted) ? predicted : c.procedure;
}

/** The procedure label to compare against: only procedure intents and explicitly labelled messages are scored. */
function expectedProcedure(c: { intent: string; procedure?: string; group?: string }): string | undefined {
  if (c.procedure) return c.procedure;
  if (c.group) return `group:${c.group}`;
  return c.intent.startsWith('procedure_') ? 'none' : undefined;
}

/** Tags from the file plus the ones that can be read off the text. */
export function tagsOf(text: string, given: readonly string[] = []): string[] {
  const tags = new Set(given);
  if (!tags.has('english') && !/[^\x00-\x7F]/.test(text) && /\p{L}/u.test(text)) tags.add('no-diacritics');
  if (text.length >= 120) tags.add('long');
  return [...tags].sort();
}
