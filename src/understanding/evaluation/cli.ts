/** `npm run nlu:eval`: k-fold cross-validation on intents/, held-out scores, and a JSON report in reports/. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { buildParser, CLARIFY_BELOW } from '../parser';
import { loadResources } from '../resources';
import { loadTrainingData } from '../training-data';
import { bayesBaselineAccuracy } from './baseline';
import { crossValidate, evaluate } from './cross-validate';
import { emergencyFigures, formatEmergencyFigures } from './emergency';
import { expectedIntent, expectedProcedureFor, loadHeldOut, type HeldOutCase } from './heldout';
import { score, type Scores } from './metrics';
import { trainNgramBaselines, type TextClassifier } from './ngram-baseline';
import { procedureSweep } from './procedure-sweep';
import { productionParserOptions } from './production-parser';
import { formatScores } from './report';

interface Args {
  intentsDir: string;
  /** The content whose procedure aliases and office places the parser gets, as in production (src/assistant.ts). */
  contentDir: string;
  /** The labelled sets to score: every intents/test/*.yaml, or the one file given with --heldout. */
  sets: string[];
  out: string;
  cv: boolean;
  folds: number;
  baseline: boolean;
  errors: boolean;
  procedureSweep: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const intentsDir = resolve(value('intents') ?? 'intents');
  return {
    intentsDir,
    contentDir: resolve(value('content') ?? 'content'),
    sets: value('heldout') ? [resolve(value('heldout') as string)] : testSets(join(intentsDir, 'test')),
    out: resolve(value('out') ?? join('reports', 'nlu-eval.json')),
    cv: !argv.includes('--no-cv'),
    folds: Number(value('folds') ?? 5),
    baseline: argv.includes('--baseline'),
    errors: argv.includes('--errors'),
    procedureSweep: argv.includes('--procedure-sweep'),
  };
}

/** Emergency dev sets (emergency-dev.yaml, emergency-dev-2.yaml...) are scored on their own (grades, not intents): see evaluation/emergency.ts. */
const isEmergencyDevSet = (file: string) => /^emergency-dev.*\.yaml$/.test(file);

function testSets(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml') && !isEmergencyDevSet(f)).sort().map((f) => join(dir, f));
}

/** The n-gram baseline's intent and procedure accuracy on one set, scored like ours (metrics.ts). */
function baselineScores(intents: TextClassifier, procedures: TextClassifier, cases: readonly HeldOutCase[]): Scores {
  const outcomes = cases.map((c) => {
    const predicted = intents.predict(c.text);
    const named = procedures.predict(c.text);
    return { text: c.text, intent: expectedIntent(c, predicted), predicted, confidence: 1, procedure: expectedProcedureFor(c, named), predictedProcedure: named, tags: c.tags };
  });
  return score(outcomes, CLARIFY_BELOW);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const resources = loadResources(args.intentsDir);
  const examples = loadTrainingData(args.intentsDir);
  const sets = args.sets.map((file) => ({ file, cases: loadHeldOut(file) }));
  if (args.procedureSweep) {
    procedureSweep(resources, examples, args.folds);
    return;
  }

  const started = performance.now();
  const options = productionParserOptions(args.contentDir);
  const cv = args.cv ? score(crossValidate(resources, examples, args.folds, {}, options), CLARIFY_BELOW) : undefined;
  const cvSeconds = (performance.now() - started) / 1000;
  const parser = buildParser(resources, examples, options);
  const { intents: ngramIntents, procedures: ngramProcedures } = trainNgramBaselines(examples);
  const results = sets.map(({ file, cases }) => ({ file, ours: score(evaluate(parser, cases), CLARIFY_BELOW), ngram: baselineScores(ngramIntents, ngramProcedures, cases) }));

  console.log(`${examples.length} training examples${cv ? `, ${args.folds}-fold cross-validation (${cvSeconds.toFixed(1)} s)` : ''}`);
  if (cv) console.log(formatScores(`cross-validation`, cv));
  for (const r of results) console.log(formatScores(r.file, r.ours));
  console.log('\n== ours vs the character n-gram baseline (TF-IDF char 2-5-grams + linear SVM, same training examples) ==');
  console.log('set                        count   intent: ours  n-gram   procedure: ours  n-gram   long: ours  n-gram');
  for (const r of results) {
    const long = (s: Scores) => (s.byTag.long ? pct(s.byTag.long.intentAccuracy) : '      -');
    console.log(`${basename(r.file).padEnd(26)} ${String(r.ours.count).padStart(5)}       ${pct(r.ours.intentAccuracy)} ${pct(r.ngram.intentAccuracy)}          ${pct(r.ours.procedureAccuracy)} ${pct(r.ngram.procedureAccuracy)}    ${long(r.ours)} ${long(r.ngram)}`);
  }
  let bayes: number | undefined;
  if (args.baseline) {
    bayes = bayesBaselineAccuracy(examples, sets[0].cases);
    console.log(`\nnatural BayesClassifier on folded words, ${basename(sets[0].file)} intent accuracy ${(bayes * 100).toFixed(1)}%`);
  }
  if (args.errors) {
    const list = (title: string, errors: Scores['errors']) => {
      console.log(`\n${title} errors:`);
      for (const e of errors) console.log(`  [${e.intent} → ${e.predicted} ${e.confidence.toFixed(2)}] [${e.procedure ?? '-'} → ${e.predictedProcedure}] ${e.text}`);
    };
    if (cv) list('cross-validation', cv.errors);
    for (const r of results) list(basename(r.file), r.ours.errors);
  }
  // Emergencies (issue 10): graded answers on each emergency dev set; the harmless held-out messages count with the first.
  const testDir = join(args.intentsDir, 'test');
  // emergency-dev.yaml first, then emergency-dev-2.yaml...
  const emergencyDevSets = readdirSync(testDir).filter(isEmergencyDevSet).sort((a, b) => a.length - b.length || a.localeCompare(b));
  const emergencies = Object.fromEntries(emergencyDevSets.map((file, i) => {
    const figures = emergencyFigures(parser, join(testDir, file), i === 0 ? sets.flatMap((s) => s.cases) : []);
    if (figures) console.log(`\n${formatEmergencyFigures(figures, file, i === 0, args.errors)}`);
    return [file, figures];
  }));
  mkdirSync(dirname(args.out), { recursive: true });
  const bySet = Object.fromEntries(results.map((r) => [basename(r.file), { ours: r.ours, ngramBaseline: { intentAccuracy: r.ngram.intentAccuracy, procedureAccuracy: r.ngram.procedureAccuracy, byTag: r.ngram.byTag } }]));
  writeFileSync(args.out, JSON.stringify({ generatedAt: new Date().toISOString(), clarifyBelow: CLARIFY_BELOW, crossValidation: cv, sets: bySet, bayesBaselineAccuracy: bayes, emergencies }, null, 2));
  console.log(`\nreport written to ${args.out}`);
}

main();
