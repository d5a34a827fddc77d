/** `npm run nlu:eval`: k-fold cross-validation on intents/, held-out scores, and a JSON report in reports/. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildParser, CLARIFY_BELOW } from '../parser';
import { loadResources } from '../resources';
import { loadTrainingData } from '../training-data';
import { bayesBaselineAccuracy } from './baseline';
import { crossValidate, evaluate } from './cross-validate';
import { emergencyFigures, formatEmergencyFigures } from './emergency';
import { loadHeldOut } from './heldout';
import { score } from './metrics';
import { procedureSweep } from './procedure-sweep';
import { formatScores } from './report';

interface Args {
  intentsDir: string;
  heldout: string;
  out: string;
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
    heldout: resolve(value('heldout') ?? join(intentsDir, 'test', 'heldout.yaml')),
    out: resolve(value('out') ?? join('reports', 'nlu-eval.json')),
    folds: Number(value('folds') ?? 5),
    baseline: argv.includes('--baseline'),
    errors: argv.includes('--errors'),
    procedureSweep: argv.includes('--procedure-sweep'),
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const resources = loadResources(args.intentsDir);
  const examples = loadTrainingData(args.intentsDir);
  const heldout = loadHeldOut(args.heldout);
  if (args.procedureSweep) {
    procedureSweep(resources, examples, args.folds);
    return;
  }

  const started = performance.now();
  const cv = score(crossValidate(resources, examples, args.folds), CLARIFY_BELOW);
  const cvSeconds = (performance.now() - started) / 1000;
  const parser = buildParser(resources, examples);
  const test = score(evaluate(parser, heldout), CLARIFY_BELOW);

  console.log(`${examples.length} training examples, ${heldout.length} held-out messages, ${args.folds}-fold cross-validation (${cvSeconds.toFixed(1)} s)`);
  console.log(formatScores(`cross-validation`, cv));
  console.log(formatScores(`held-out (${args.heldout})`, test));
  let baseline: number | undefined;
  if (args.baseline) {
    baseline = bayesBaselineAccuracy(examples, heldout);
    console.log(`\nbaseline: natural BayesClassifier on folded words, held-out intent accuracy ${(baseline * 100).toFixed(1)}%`);
  }
  if (args.errors) {
    console.log('\ncross-validation errors:');
    for (const e of cv.errors) console.log(`  [${e.intent} → ${e.predicted} ${e.confidence.toFixed(2)}] [${e.procedure ?? '-'} → ${e.predictedProcedure}] ${e.text}`);
    console.log('\nheld-out errors:');
    for (const e of test.errors) console.log(`  [${e.intent} → ${e.predicted} ${e.confidence.toFixed(2)}] [${e.procedure ?? '-'} → ${e.predictedProcedure}] ${e.text}`);
  }
  // Emergencies (issue 10): graded answers on the emergency dev set, false alarms on every harmless held-out message.
  const fresh = join(args.intentsDir, 'test', 'fresh.yaml');
  const emergencies = emergencyFigures(parser, join(args.intentsDir, 'test', 'emergency-dev.yaml'), [...heldout, ...(existsSync(fresh) ? loadHeldOut(fresh) : [])]);
  if (emergencies) console.log(`\n${formatEmergencyFigures(emergencies, args.errors)}`);
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify({ generatedAt: new Date().toISOString(), clarifyBelow: CLARIFY_BELOW, crossValidation: cv, heldOut: test, baselineHeldOutAccuracy: baseline, emergencies }, null, 2));
  console.log(`\nreport written to ${args.out}`);
}

main();
