/**
 * `npm run nlu:dangers [-- --list]`: the danger grade's figures on every emergency dev set (intents/test/emergency-dev*.yaml)
 * and every published blind round (test/blind/round-N/*.yaml), from one build of the production parser. Per set: dangers
 * missed (graded none), false sure (the card on a harmless item), false possible (the line on a harmless item), wrong first
 * number (a danger caught, either grade, whose first number is not the item's or one of its `also_ok`: the blind rounds'
 * rule, blind.ts, applied to the dev sets too). `--list` prints the items behind each count.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadYamlFile } from '../../util/yaml-file';
import type { Resources } from '../resources';
import type { SituationExample } from '../situation-model';
import type { Parser } from '../types';
import { dangerVerdict, loadBlindItems, NUMBER_OF, type DangerLabel, type DangerVerdict } from './blind';
import { emergencyDevSchema } from './emergency';
import { buildProductionParser } from './production-parser';

/** One set of labelled messages: a dev set or a blind round's file. */
export interface DangerSet {
  name: string;
  blind: boolean;
  items: (DangerLabel & { text: string })[];
}

/** Every emergency dev set, then every published blind round's files, under `root` (the repository). */
export function loadDangerSets(root: string): DangerSet[] {
  const devDir = join(root, 'intents', 'test');
  const dev = readdirSync(devDir).filter((f) => /^emergency-dev(-\d+)?\.yaml$/.test(f)).sort(byNumber).map((f): DangerSet => ({
    name: f.replace(/\.yaml$/, ''),
    blind: false,
    // A question for the numbers is harmless: it wants the numbers as an answer, neither the card nor the line.
    items: loadYamlFile(join(devDir, f), emergencyDevSchema).map((c) => ({
      text: c.text,
      emergency: c.danger === 'numbers' ? 'none' : c.danger,
      number: c.service && NUMBER_OF[c.service],
      also_ok: c.also_ok,
    })),
  }));
  const blindDir = join(root, 'test', 'blind');
  const rounds = readdirSync(blindDir).filter((d) => /^round-\d+$/.test(d)).sort(byNumber);
  const blind = rounds.flatMap((round) => readdirSync(join(blindDir, round)).filter((f) => f.endsWith('.yaml')).sort()
    .map((f): DangerSet => ({ name: `${round}/${f.replace(/\.yaml$/, '')}`, blind: true, items: loadBlindItems(join(blindDir, round, f)) })));
  return [...dev, ...blind];
}

/** Orders names by the number in them ("round-7" before "round-10"; "emergency-dev" first). */
function byNumber(a: string, b: string): number {
  const n = (s: string) => Number(/(\d+)/.exec(s)?.[1] ?? 0);
  return n(a) - n(b) || a.localeCompare(b);
}

/** A set's counts, with the items behind each. */
export interface DangerFigures {
  name: string;
  blind: boolean;
  dangers: number;
  harmless: number;
  missed: string[];
  falseSure: string[];
  falsePossible: string[];
  wrongNumber: string[];
  /** Every item's verdict, in the set's order (the drift measure compares them between builds). */
  verdicts: DangerVerdict[];
}

/** Grades every item of `set` with `parser`. */
export function scoreDangers(parser: Parser, set: DangerSet): DangerFigures {
  const f: DangerFigures = { name: set.name, blind: set.blind, dangers: 0, harmless: 0, missed: [], falseSure: [], falsePossible: [], wrongNumber: [], verdicts: [] };
  for (const item of set.items) {
    const v = dangerVerdict(item, parser.parse(item.text).emergency);
    f.verdicts.push(v);
    if (v.danger) f.dangers++;
    else f.harmless++;
    if (v.missed) f.missed.push(`[${item.emergency ?? 'sure'}] ${item.text}`);
    if (v.wrongNumber) f.wrongNumber.push(`[${v.first} ≠ ${item.number}] ${item.text}`);
    if (!v.danger && v.grade === 'sure') f.falseSure.push(item.text);
    if (!v.danger && v.grade === 'possible') f.falsePossible.push(item.text);
  }
  return f;
}

/** The sum of several sets' counts (their lists joined). */
export function totalOf(name: string, sets: readonly DangerFigures[]): DangerFigures {
  const all = <K extends 'missed' | 'falseSure' | 'falsePossible' | 'wrongNumber'>(k: K) => sets.flatMap((s) => s[k]);
  return {
    name, blind: sets.every((s) => s.blind), dangers: sets.reduce((n, s) => n + s.dangers, 0), harmless: sets.reduce((n, s) => n + s.harmless, 0),
    missed: all('missed'), falseSure: all('falseSure'), falsePossible: all('falsePossible'), wrongNumber: all('wrongNumber'), verdicts: sets.flatMap((s) => s.verdicts),
  };
}

/** One line of the table, and with `list` the items behind each count. */
export function formatDangers(f: DangerFigures, list: boolean): string {
  const line = `${f.name.padEnd(26)} dangers ${String(f.dangers).padStart(4)}  harmless ${String(f.harmless).padStart(5)}  missed ${String(f.missed.length).padStart(3)}  false sure ${String(f.falseSure.length).padStart(3)}  false possible ${String(f.falsePossible.length).padStart(3)}  wrong first ${String(f.wrongNumber.length).padStart(3)}`;
  if (!list) return line;
  const items = (label: string, texts: readonly string[]) => texts.map((t) => `    ${label} ${t}`);
  return [line, ...items('missed', f.missed), ...items('false sure', f.falseSure), ...items('false possible', f.falsePossible), ...items('wrong first', f.wrongNumber)].join('\n');
}

/** The resources with other situation examples (the drift measure's perturbed training data). */
export function withSituationExamples(resources: Resources, examples: readonly SituationExample[]): Resources {
  return { ...resources, situations: { ...resources.situations, examples: [...examples] } };
}

/** Every set's figures, then the dev and published blind totals. */
export function dangerReport(parser: Parser, sets: readonly DangerSet[]): DangerFigures[] {
  const figures = sets.map((s) => scoreDangers(parser, s));
  return [...figures, totalOf('TOTAL dev sets', figures.filter((f) => !f.blind)), totalOf('TOTAL published blind', figures.filter((f) => f.blind))];
}

function main(): void {
  const list = process.argv.includes('--list');
  const root = resolve(__dirname, '..', '..', '..');
  const started = Date.now();
  const parser = buildProductionParser(root);
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s (${relative(process.cwd(), root) || '.'})`);
  for (const f of dangerReport(parser, loadDangerSets(root))) console.log(formatDangers(f, list));
}

if (require.main === module) main();
