/**
 * `npm run nlu:eval -- --procedure-sweep`: how the learned procedure model's temperature and thresholds were chosen.
 * Each cross-validation fold is built once with the model switched off (the lexicon's answer) and the model's evidence
 * kept; then every temperature and threshold is replayed through the same decideProcedure the parser uses.
 */
import { buildParser } from '../parser';
import { decideProcedure, type ProcedureEvidence, type ProcedureThresholds } from '../procedure-decision';
import { procedureClass } from '../procedure-model';
import type { Resources } from '../resources';
import type { Example } from '../training-data';
import { exampleProcedure, predictedProcedure, splitFolds } from './cross-validate';

interface Case {
  expected?: string;
  lexiconOnly: string;
  truth: string;
  evidence?: ProcedureEvidence;
}

const NEVER = { family: Infinity, unnamed: Infinity };

/** Out-of-fold lexicon answers and model evidence for every training example. */
export function collectCases(resources: Resources, examples: readonly Example[], k: number): Case[] {
  const cases: Case[] = [];
  for (const { train, test } of splitFolds(examples, k)) {
    const parser = buildParser(resources, train, {}, { thresholds: NEVER });
    for (const e of test) {
      cases.push({ expected: exampleProcedure(e), lexiconOnly: predictedProcedure(parser.parse(e.text)), truth: procedureClass(e), evidence: parser.procedureEvidence(e.text) });
    }
  }
  return cases;
}

/** Scores at temperature `t` (relative to the one the model was built with): p ∝ p₀^(1/t) is softmax(s/t). */
function rescale(e: ProcedureEvidence, t: number): ProcedureEvidence {
  const powered = e.ranking.map((s) => ({ label: s.label, p: Math.pow(s.p, 1 / t) }));
  const sum = powered.reduce((a, s) => a + s.p, 0) || 1;
  return { ...e, ranking: powered.map((s) => ({ label: s.label, p: s.p / sum })).sort((a, b) => b.p - a.p) };
}

/** Expected calibration error (10 bins) and mean negative log-likelihood of the model's top class. */
function calibration(cases: readonly Case[], t: number): { ece: number; nll: number } {
  const scored = cases.flatMap((c) => (c.evidence ? [{ truth: c.truth, ranking: rescale(c.evidence, t).ranking }] : []));
  let ece = 0;
  for (let b = 0; b < 10; b++) {
    const bin = scored.filter((s) => Math.min(9, Math.floor(s.ranking[0].p * 10)) === b);
    if (bin.length === 0) continue;
    const acc = bin.filter((s) => s.ranking[0].label === s.truth).length / bin.length;
    const conf = bin.reduce((a, s) => a + s.ranking[0].p, 0) / bin.length;
    ece += (bin.length / scored.length) * Math.abs(acc - conf);
  }
  const nll = scored.reduce((a, s) => a - Math.log(Math.max(1e-12, s.ranking.find((r) => r.label === s.truth)?.p ?? 0)), 0) / scored.length;
  return { ece, nll };
}

/** Procedure outcome counts over the labelled cases with the model combined at `thresholds`. */
function replay(cases: readonly Case[], members: ReadonlyMap<string, ReadonlySet<string>>, t: number, thresholds: ProcedureThresholds) {
  let right = 0, wrong = 0, missing = 0, fixed = 0, broken = 0, changed = 0, unlabelledAdded = 0;
  for (const c of cases) {
    const decided = c.evidence ? decideProcedure(rescale(c.evidence, t), members, thresholds) : undefined;
    const answer = decided ? (decided.procedure ?? `group:${decided.group}`) : c.lexiconOnly;
    if (c.expected === undefined) {
      if (decided) unlabelledAdded++;
      continue;
    }
    if (answer !== c.lexiconOnly) changed++;
    if (answer === c.expected) right++;
    else if (answer === 'none') missing++;
    else wrong++;
    if (answer === c.expected && c.lexiconOnly !== c.expected) fixed++;
    if (answer !== c.expected && c.lexiconOnly === c.expected) broken++;
  }
  return { right, wrong, missing, fixed, broken, changed, unlabelledAdded };
}

/** Prints the calibration and threshold tables. */
export function procedureSweep(resources: Resources, examples: readonly Example[], k: number): void {
  const cases = collectCases(resources, examples, k);
  const members = new Map(Object.entries(resources.procedures.groups).map(([n, g]) => [n, new Set(g.members)]));
  const labelled = cases.filter((c) => c.expected !== undefined).length;
  console.log(`\nprocedure model, ${cases.length} out-of-fold predictions (${labelled} labelled for procedures)`);
  console.log('temperature  ECE    NLL    (top class vs. the example\'s procedure / family / none)');
  const temps = [0.6, 0.8, 1, 1.25, 1.5, 2];
  for (const t of temps) {
    const c = calibration(cases, t);
    console.log(`  ${t.toFixed(2).padStart(5)}      ${c.ece.toFixed(3)}  ${c.nll.toFixed(3)}`);
  }
  const best = temps.reduce((a, t) => (calibration(cases, t).ece < calibration(cases, a).ece ? t : a));
  console.log(`\nthresholds at relative temperature ${best} (the other rule switched off); lexicon alone: ${JSON.stringify(replay(cases, members, best, NEVER))}`);
  for (const rule of ['family', 'unnamed'] as const) {
    console.log(`rule ${rule}: threshold  right  wrong  missing  fixed  broken  added-on-unlabelled`);
    for (let thr = 0.3; thr <= 0.951; thr += 0.05) {
      const r = replay(cases, members, best, { ...NEVER, [rule]: thr });
      console.log(`  ${thr.toFixed(2).padStart(14)}  ${String(r.right).padStart(5)}  ${String(r.wrong).padStart(5)}  ${String(r.missing).padStart(7)}  ${String(r.fixed).padStart(5)}  ${String(r.broken).padStart(6)}  ${String(r.unlabelledAdded).padStart(6)}`);
    }
  }
}
