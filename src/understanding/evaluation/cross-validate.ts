/** Stratified k-fold cross-validation of the whole parser (lexicons stay, the intent model is retrained per fold). */
import { procedureLabel } from '../letter-procedure';
import { buildParser, type BuildSettings } from '../parser';
import type { Resources } from '../resources';
import type { Example } from '../training-data';
import type { ParseResult, Parser, ParserOptions } from '../types';
import { expectedIntent, expectedProcedureFor, tagsOf } from './heldout';
import type { Outcome } from './metrics';

/** The label a training example carries for procedure scoring (see heldout.ts for the same rule). */
export const exampleProcedure: (e: Example) => string | undefined = procedureLabel;

/** What a parse says about procedures, in the same notation. */
export function predictedProcedure(result: ParseResult): string {
  const p = result.entities.find((e) => e.entity === 'procedure');
  if (p) return p.value;
  const g = result.entities.find((e) => e.entity === 'procedure_group');
  return g ? `group:${g.value}` : 'none';
}

/** Scores one parser on labelled messages. */
export function evaluate(parser: Parser, cases: readonly { text: string; intent: string; alsoIntent?: string[]; procedure?: string; alsoProcedure?: string[]; tags: string[] }[]): Outcome[] {
  return cases.map((c) => {
    const result = parser.parse(c.text);
    const named = predictedProcedure(result);
    return {
      text: c.text,
      intent: expectedIntent(c, result.intent.name),
      predicted: result.intent.name,
      confidence: result.intent.confidence,
      procedure: expectedProcedureFor(c, named),
      predictedProcedure: named,
      tags: c.tags,
    };
  });
}

/** Splits per intent round-robin after a seeded shuffle, trains on k-1 folds and scores the rest. */
export function crossValidate(
  resources: Resources,
  examples: readonly Example[],
  k: number,
  settings: BuildSettings = {},
  options: Pick<ParserOptions, 'procedureAliases' | 'locations'> = {},
): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const { train, test } of splitFolds(examples, k)) outcomes.push(...evaluate(buildParser(resources, train, options, settings), test.map(caseOf)));
  return outcomes;
}

/** A training example as an evaluation case. */
export function caseOf(e: Example): { text: string; intent: string; procedure?: string; tags: string[] } {
  return { text: e.text, intent: e.intent, procedure: exampleProcedure(e), tags: tagsOf(e.text, e.locale === 'en' ? ['english'] : []) };
}

/** The k stratified folds (per intent, round-robin after a seeded shuffle): each fold's test part and the rest. */
export function splitFolds(examples: readonly Example[], k: number): { train: Example[]; test: Example[] }[] {
  const folds: Example[][] = Array.from({ length: k }, () => []);
  const byIntent = new Map<string, Example[]>();
  for (const e of examples) byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), e]);
  let seed = 11;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  let next = 0;
  for (const list of byIntent.values()) {
    const shuffled = [...list].sort(() => random() - 0.5);
    for (const e of shuffled) folds[next++ % k].push(e);
  }
  return folds.map((test, f) => ({ train: folds.flatMap((fold, i) => (i === f ? [] : fold)), test }));
}
