/**
 * `npm run nlu:drift [-- --runs 6 --drop 8]`: how far the danger grade drifts when the training data changes by a few
 * unrelated lines. The production parser is built once as it is, then `runs` times with `drop` lines of
 * intents/situations left out (a different seeded draw each run); each rebuild's grade (none / possible / sure) and first
 * number on every item of the sets nlu:dangers scores is compared with the unperturbed build's. A model that is the
 * optimum of its loss moves only by what the dropped lines taught; one that ends where its training path leaves it moves
 * across the sets for any change.
 */
import { resolve } from 'node:path';
import { loadResources } from '../resources';
import { dangerReport, loadDangerSets, totalOf, withSituationExamples, type DangerFigures } from './dangers';
import { buildProductionParser } from './production-parser';

/** The seeded draw of `count` distinct positions below `n` (a Fisher–Yates prefix over a small LCG). */
export function drawPositions(n: number, count: number, seed: number): number[] {
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(count, n); i++) {
    const j = i + Math.floor(next() * (n - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, Math.min(count, n));
}

/** How many items a rebuild grades otherwise than the base (grade or first number), and how many change grade. */
export function changes(base: readonly DangerFigures[], other: readonly DangerFigures[]): { outcomes: number; grades: number } {
  let outcomes = 0;
  let grades = 0;
  base.forEach((set, s) => set.verdicts.forEach((v, i) => {
    const w = other[s].verdicts[i];
    if (v.grade !== w.grade) grades++;
    if (v.grade !== w.grade || v.first !== w.first) outcomes++;
  }));
  return { outcomes, grades };
}

const counts = (f: DangerFigures) => `${f.missed.length} / ${f.falseSure.length} / ${f.falsePossible.length} / ${f.wrongNumber.length}`;
/** The dev or the blind sets' counts together. */
const totalFigures = (figures: readonly DangerFigures[], blind: boolean) => totalOf('', figures.filter((f) => f.blind === blind));

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function main(): void {
  const runs = option('--runs', 6);
  const drop = option('--drop', 8);
  const root = resolve(__dirname, '..', '..', '..');
  const resources = loadResources(resolve(root, 'intents'));
  const sets = loadDangerSets(root);
  // The sets themselves, without the totals dangerReport adds (they would count each change twice).
  const perSet = (figures: DangerFigures[]) => figures.slice(0, sets.length);
  const started = Date.now();
  const base = perSet(dangerReport(buildProductionParser(root, resources), sets));
  console.log(`base: built and scored in ${((Date.now() - started) / 1000).toFixed(1)} s; missed / false sure / false possible / wrong first: dev ${counts(totalFigures(base, false))}, blind ${counts(totalFigures(base, true))}`);
  const examples = resources.situations.examples;
  let outcomes = 0;
  let grades = 0;
  for (let run = 1; run <= runs; run++) {
    const dropped = new Set(drawPositions(examples.length, drop, run));
    const figures = perSet(dangerReport(buildProductionParser(root, withSituationExamples(resources, examples.filter((_, i) => !dropped.has(i)))), sets));
    const c = changes(base, figures);
    outcomes += c.outcomes;
    grades += c.grades;
    console.log(`run ${run} (${drop} of ${examples.length} lines left out): ${c.outcomes} outcomes changed (${c.grades} grades); dev ${counts(totalFigures(figures, false))}, blind ${counts(totalFigures(figures, true))}`);
  }
  const items = base.reduce((n, s) => n + s.verdicts.length, 0);
  console.log(`drift over ${runs} runs and ${items} items: ${outcomes} outcomes changed (${(outcomes / runs).toFixed(1)} a run), ${grades} grades (${(grades / runs).toFixed(1)} a run)`);
}

if (require.main === module) main();
