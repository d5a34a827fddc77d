/**
 * `npm run nlu:blind -- <round folder or files>`: scores a blind round (test/blind/round-N, docs/understanding.md) the
 * way its README reports it, beside the character n-gram baseline trained on the same examples.
 *
 * intent: the parser's intent (a `sure` grade is intent emergency), `also_intent` accepted; "where either way" also accepts
 * office_location and procedure_info for each other when the item names a procedure and is labelled one of the two (both
 * get the same answer); procedure: the procedure entity or `group:` family, on items that name one. Dangers: items graded
 * sure or possible by the writer (or labelled intent emergency without a grade, unless the item asks for the numbers);
 * recall counts either grade; the first number is right when it is the writer's number or one of its `also_ok`. False:
 * harmless items graded sure or possible. A question for the numbers is answered by the numbers, a card or a line (each
 * shows the three numbers), whether or not it also tells a danger.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { loadYamlFile } from '../../util/yaml-file';
import { loadTrainingData } from '../training-data';
import type { EmergencyGrade, EmergencyJudgement, EmergencyService, Parser } from '../types';
import { predictedProcedure } from './cross-validate';
import { trainNgramBaselines, type TextClassifier } from './ngram-baseline';
import { buildProductionParser } from './production-parser';

const itemSchema = z.object({
  text: z.string(),
  intent: z.string(),
  procedure: z.string().optional(),
  also_intent: z.array(z.string()).optional(),
  emergency: z.enum(['sure', 'possible', 'none']).optional(),
  number: z.union([z.string(), z.number()]).optional(),
  also_ok: z.array(z.union([z.string(), z.number()])).optional(),
  asks_numbers: z.boolean().optional(),
  style: z.string().optional(),
});
const fileSchema = z.object({ items: z.array(itemSchema) });
/** One blind item. */
export type BlindItem = z.infer<typeof itemSchema>;

/** A blind round's items. */
export function loadBlindItems(file: string): BlindItem[] {
  return loadYamlFile(file, fileSchema).items;
}

/** The number each service is called on (the first number a danger's card or line shows). */
export const NUMBER_OF: Record<EmergencyService, string> = { police: '113', fire: '114', medical: '115' };
const WHERE_EITHER = new Set(['office_location', 'procedure_info']);

/** One set's figures; the lists name every miss. */
export interface BlindFigures {
  file: string;
  count: number;
  intent: number;
  whereEither: number;
  procedureCount: number;
  procedure: number;
  ngramIntent: number;
  ngramProcedure: number;
  dangers: number;
  caught: number;
  sureLabelled: number;
  sureOfSure: number;
  rightNumber: number;
  harmless: number;
  falseSure: number;
  falsePossible: number;
  numbersAsked: number;
  numbersAnswered: number;
  errors: string[];
}

/** What an item says of danger: its grade, or its intent when it has none; the number wanted first. */
export type DangerLabel = Pick<BlindItem, 'emergency' | 'number' | 'also_ok' | 'also_intent' | 'asks_numbers'> & { intent?: string };

/** How a parse's emergency judgement fares on one labelled item. */
export interface DangerVerdict {
  danger: boolean;
  grade: EmergencyGrade;
  /** The number shown first, when the grade is not none. */
  first?: string;
  /** A danger graded none. */
  missed: boolean;
  /** A danger caught whose first number is neither the item's number nor one of its `also_ok`. */
  wrongNumber: boolean;
}

// A question for the numbers with no grade is no danger, even where the writer accepts intent emergency for it.
const isDanger = (item: DangerLabel) =>
  item.emergency
    ? item.emergency !== 'none'
    : !item.asks_numbers && (item.intent === 'emergency' || (item.also_intent ?? []).includes('emergency'));

/** The verdict on one item (see the head of this file for the rules). */
export function dangerVerdict(item: DangerLabel, e: EmergencyJudgement | undefined): DangerVerdict {
  const grade = e?.grade ?? 'none';
  const first = e && grade !== 'none' ? NUMBER_OF[e.service] : undefined;
  const danger = isDanger(item);
  const fits = first === undefined || item.number === undefined || [item.number, ...(item.also_ok ?? [])].map(String).includes(first);
  return { danger, grade, first, missed: danger && grade === 'none', wrongNumber: danger && !fits };
}

/** Scores one blind file with `parser` and the baseline. */
export function scoreBlindFile(file: string, parser: Parser, ngram: { intents: TextClassifier; procedures: TextClassifier }): BlindFigures {
  const items = loadBlindItems(file);
  const f: BlindFigures = {
    file, count: items.length, intent: 0, whereEither: 0, procedureCount: 0, procedure: 0, ngramIntent: 0, ngramProcedure: 0,
    dangers: 0, caught: 0, sureLabelled: 0, sureOfSure: 0, rightNumber: 0, harmless: 0, falseSure: 0, falsePossible: 0,
    numbersAsked: 0, numbersAnswered: 0, errors: [],
  };
  for (const item of items) {
    const result = parser.parse(item.text);
    const predicted = result.intent.name;
    const gotProcedure = predictedProcedure(result);
    const accepted = new Set([item.intent, ...(item.also_intent ?? [])]);
    const intentRight = accepted.has(predicted);
    const eitherRight = intentRight || (item.procedure !== undefined && WHERE_EITHER.has(item.intent) && WHERE_EITHER.has(predicted));
    if (intentRight) f.intent++;
    if (eitherRight) f.whereEither++;
    if (accepted.has(ngram.intents.predict(item.text))) f.ngramIntent++;
    if (item.procedure) {
      f.procedureCount++;
      if (gotProcedure === item.procedure) f.procedure++;
      if (ngram.procedures.predict(item.text) === item.procedure) f.ngramProcedure++;
    }
    if (!eitherRight || (item.procedure && gotProcedure !== item.procedure)) {
      f.errors.push(`[${item.intent} → ${predicted} ${result.intent.confidence.toFixed(2)}] [${item.procedure ?? '-'} → ${gotProcedure}] ${item.text}`);
    }
    const e = result.emergency;
    const v = dangerVerdict(item, e);
    if (v.danger) {
      f.dangers++;
      if (item.emergency !== 'possible') f.sureLabelled++;
      if (v.missed) f.errors.push(`[danger ${item.emergency ?? 'sure'} missed] ${item.text}`);
      else {
        f.caught++;
        if (v.grade === 'sure' && item.emergency !== 'possible') f.sureOfSure++;
        if (!v.wrongNumber) f.rightNumber++;
        else f.errors.push(`[number ${v.first} ≠ ${item.number}] ${item.text}`);
      }
    } else {
      f.harmless++;
      if (v.grade === 'sure') f.falseSure++;
      if (v.grade === 'possible') f.falsePossible++;
      if (v.grade !== 'none') f.errors.push(`[false ${v.grade}] ${item.text}`);
    }
    if (item.asks_numbers) {
      f.numbersAsked++;
      // The card and the line show all three numbers too.
      if (e?.asksNumbers || (e && e.grade !== 'none')) f.numbersAnswered++;
      else f.errors.push(`[numbers not answered] ${item.text}`);
    }
  }
  return f;
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);

/** The figures as the lines a round's README quotes. */
export function formatBlindFigures(f: BlindFigures, withErrors: boolean): string {
  const lines = [
    `== ${f.file} (${f.count}) ==`,
    `intent ${pct(f.intent, f.count)} / where either way ${pct(f.whereEither, f.count)} / procedure ${pct(f.procedure, f.procedureCount)} (${f.procedure}/${f.procedureCount})`,
    `n-gram baseline: intent ${pct(f.ngramIntent, f.count)} / procedure ${pct(f.ngramProcedure, f.procedureCount)}`,
    `dangers ${f.dangers}: recall ${pct(f.caught, f.dangers)} (${f.caught}), sure of sure ${pct(f.sureOfSure, f.sureLabelled)} (${f.sureOfSure}/${f.sureLabelled}), right number first ${pct(f.rightNumber, f.caught)} (${f.rightNumber}/${f.caught})`,
    `harmless ${f.harmless}: false sure ${f.falseSure}, false possible ${f.falsePossible}; numbers asked ${f.numbersAnswered}/${f.numbersAsked}`,
  ];
  if (withErrors) lines.push(...f.errors.map((e) => `  ${e}`));
  return lines.join('\n');
}

function filesOf(paths: readonly string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(p, f)) : [p],
  );
}

function main(): void {
  const argv = process.argv.slice(2);
  const withErrors = argv.includes('--errors');
  const files = filesOf(argv.filter((a) => !a.startsWith('--')).map((p) => resolve(p)));
  if (files.length === 0) throw new Error('usage: npm run nlu:blind -- <round folder or yaml files> [--errors]');
  const examples = loadTrainingData(resolve('intents'));
  const parser = buildProductionParser(resolve('.'), undefined, examples);
  const ngram = trainNgramBaselines(examples);
  for (const file of files) console.log(formatBlindFigures({ ...scoreBlindFile(file, parser, ngram), file: basename(file) }, withErrors));
}

if (require.main === module) main();
