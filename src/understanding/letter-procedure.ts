/**
 * The procedure of a long letter, second opinion (issue 10, docs/understanding.md Round 11): the character n-gram SVM
 * trained on procedure labels (the baseline's own task) reads the whole letter. It is asked only where the lexicon did
 * not settle the question: it named only a family, or nothing. A procedure the lexicon named stands, always.
 */
import { CharNgramSvm, type SvmOptions } from './char-ngram-svm';
import { type ModelProcedure, mayConsult, type ProcedureEvidence } from './procedure-decision';
import { groupOf, NO_PROCEDURE, procedureClass } from './procedure-model';
import type { Example } from './training-data';

// The thresholds were chosen on the dev sets other than blind round 9 (family −1 to −0.7 and unnamed −0.8 to −0.6 gave the
// same dev figures; the middle was taken). An SVM score is the signed distance to the label's margin.
/** The SVM's best label, if a member of the family the lexicon named, is taken when its score is at least this. */
const FAMILY_SCORE = -0.8;
/** The SVM's best label (not none) is taken for a letter where the lexicon found nothing when its score is at least this. */
const UNNAMED_SCORE = -0.7;
// Turns SVM scores into the entity's confidence (the sharpness of the intent blend, parser.ts).
const SHARPNESS = 5;

/** The procedure label of a training example, as the baseline learns it: only examples that say something of a procedure. */
export function procedureLabel(e: Pick<Example, 'intent' | 'procedure' | 'group'>): string | undefined {
  return e.procedure || e.group || e.intent.startsWith('procedure_') ? procedureClass(e) : undefined;
}

/** The SVM over procedure labels, with the letter SVM's settings (`options`, parser.ts). */
export function trainLetterProcedures(examples: readonly Example[], options: SvmOptions): CharNgramSvm {
  return CharNgramSvm.train(examples.flatMap((e) => {
    const label = procedureLabel(e);
    return label ? [{ text: e.text, label }] : [];
  }), options);
}

/**
 * The SVM's procedure for a letter when the rules above let it speak, else undefined (then the usual decision,
 * procedure-decision.ts, stands). The lexicon named a family: a member of it; the lexicon found nothing: any procedure
 * or family. Never for an emergency or an intent without a procedure (`mayConsult`), never against a named procedure.
 */
export function letterProcedure(e: Omit<ProcedureEvidence, 'ranking'>, svm: CharNgramSvm, text: string, members: ReadonlyMap<string, ReadonlySet<string>>): ModelProcedure | undefined {
  // mayConsult: the lexicon named a family or nothing (not a procedure, nor unrelated families on purpose).
  if (!mayConsult(e)) return undefined;
  const scores = svm.scores(text);
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c] > scores[best]) best = c;
  const label = svm.labels[best];
  const ok = e.group ? members.get(e.group)?.has(label) === true && scores[best] >= FAMILY_SCORE : label !== NO_PROCEDURE && scores[best] >= UNNAMED_SCORE;
  if (!ok) return undefined;
  const sum = scores.reduce((s, v) => s + Math.exp(SHARPNESS * (v - scores[best])), 0);
  const p = 1 / sum;
  const group = groupOf(label);
  return group ? { group, p } : { procedure: label, p };
}
