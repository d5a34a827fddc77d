/** Scores of a set of predictions, in the spirit of `rasa test nlu`. */

/** One scored message: what it should be and what the parser said. */
export interface Outcome {
  text: string;
  intent: string;
  predicted: string;
  confidence: number;
  /** Expected procedure id / "group:<name>" / "none"; undefined when the message is not labelled for procedures. */
  procedure?: string;
  predictedProcedure: string;
  tags: string[];
}

/** Precision, recall, F1 and support of one intent. */
export interface IntentScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/**
 * Procedure scores split by kind of error. A *wrong* procedure (or family) makes the bot answer the wrong question; a
 * *missing* one only makes it ask which procedure is meant. Precision = right / named by the parser; recall = right /
 * expected to be named; both over the messages labelled for procedures (a family counts as a name).
 */
export interface ProcedureScores {
  precision: number;
  recall: number;
  /** Something named, but not what was expected (includes naming one where none was expected, and a family for a member). */
  wrong: number;
  /** Of `wrong`: something named where the label is none. */
  spurious: number;
  /** Nothing named where a procedure or family was expected. */
  missing: number;
}

/** Everything the report prints for one data set. */
export interface Scores {
  count: number;
  intentAccuracy: number;
  procedureAccuracy: number;
  procedureCount: number;
  procedure: ProcedureScores;
  emergencyRecall: number;
  emergencyPrecision: number;
  perIntent: Record<string, IntentScores>;
  confusions: { intent: string; predicted: string; count: number }[];
  byTag: Record<string, { count: number; intentAccuracy: number; procedureAccuracy: number; procedure: ProcedureScores }>;
  calibration: { ece: number; belowThreshold: number; accuracyAboveThreshold: number };
  errors: { text: string; intent: string; predicted: string; confidence: number; procedure?: string; predictedProcedure: string }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Computes all scores; `threshold` is the clarification threshold the bot uses. */
export function score(outcomes: readonly Outcome[], threshold: number): Scores {
  const intents = [...new Set(outcomes.flatMap((o) => [o.intent, o.predicted]))].sort();
  const perIntent: Record<string, IntentScores> = {};
  for (const name of intents) {
    const tp = outcomes.filter((o) => o.intent === name && o.predicted === name).length;
    const support = outcomes.filter((o) => o.intent === name).length;
    const predicted = outcomes.filter((o) => o.predicted === name).length;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    perIntent[name] = { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), support };
  }
  const pairs = new Map<string, number>();
  for (const o of outcomes) if (o.intent !== o.predicted) pairs.set(`${o.intent}→${o.predicted}`, (pairs.get(`${o.intent}→${o.predicted}`) ?? 0) + 1);
  const confusions = [...pairs]
    .map(([k, count]) => ({ intent: k.split('→')[0], predicted: k.split('→')[1], count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 15);
  const tags = [...new Set(outcomes.flatMap((o) => o.tags))].sort();
  const byTag: Scores['byTag'] = {};
  for (const tag of tags) {
    const subset = outcomes.filter((o) => o.tags.includes(tag));
    byTag[tag] = { count: subset.length, intentAccuracy: intentAccuracy(subset), procedureAccuracy: procedureAccuracy(subset), procedure: procedureScores(subset) };
  }
  const emergencies = outcomes.filter((o) => o.intent === 'emergency');
  const flagged = outcomes.filter((o) => o.predicted === 'emergency');
  return {
    count: outcomes.length,
    intentAccuracy: intentAccuracy(outcomes),
    procedureAccuracy: procedureAccuracy(outcomes),
    procedureCount: outcomes.filter((o) => o.procedure !== undefined).length,
    procedure: procedureScores(outcomes),
    emergencyRecall: ratio(emergencies.filter((o) => o.predicted === 'emergency').length, emergencies.length),
    emergencyPrecision: ratio(flagged.filter((o) => o.intent === 'emergency').length, flagged.length),
    perIntent,
    confusions,
    byTag,
    calibration: calibration(outcomes, threshold),
    errors: outcomes
      .filter((o) => o.intent !== o.predicted || (o.procedure !== undefined && o.procedure !== o.predictedProcedure))
      .map(({ text, intent, predicted, confidence, procedure, predictedProcedure }) => ({ text, intent, predicted, confidence, procedure, predictedProcedure })),
  };
}

function intentAccuracy(outcomes: readonly Outcome[]): number {
  return ratio(outcomes.filter((o) => o.intent === o.predicted).length, outcomes.length);
}

function procedureAccuracy(outcomes: readonly Outcome[]): number {
  const labelled = outcomes.filter((o) => o.procedure !== undefined);
  return ratio(labelled.filter((o) => o.procedure === o.predictedProcedure).length, labelled.length);
}

/** Precision / recall of procedure naming and the counts of wrong and missing ones (see ProcedureScores). */
export function procedureScores(outcomes: readonly Outcome[]): ProcedureScores {
  const labelled = outcomes.filter((o) => o.procedure !== undefined);
  const named = labelled.filter((o) => o.predictedProcedure !== NONE);
  const expected = labelled.filter((o) => o.procedure !== NONE);
  const right = named.filter((o) => o.predictedProcedure === o.procedure).length;
  const wrong = named.filter((o) => o.predictedProcedure !== o.procedure);
  return {
    precision: ratio(right, named.length),
    recall: ratio(right, expected.length),
    wrong: wrong.length,
    spurious: wrong.filter((o) => o.procedure === NONE).length,
    missing: expected.filter((o) => o.predictedProcedure === NONE).length,
  };
}

const NONE = 'none';

// Expected calibration error over 10 confidence bins, plus how the clarification threshold splits the messages.
function calibration(outcomes: readonly Outcome[], threshold: number): Scores['calibration'] {
  let ece = 0;
  for (let b = 0; b < 10; b++) {
    const bin = outcomes.filter((o) => Math.min(9, Math.floor(o.confidence * 10)) === b);
    if (bin.length === 0) continue;
    const acc = intentAccuracy(bin);
    const conf = bin.reduce((s, o) => s + o.confidence, 0) / bin.length;
    ece += (bin.length / outcomes.length) * Math.abs(acc - conf);
  }
  const above = outcomes.filter((o) => o.confidence >= threshold);
  return { ece, belowThreshold: ratio(outcomes.length - above.length, outcomes.length), accuracyAboveThreshold: intentAccuracy(above) };
}
