/**
 * The learned procedure model: a second softmax classifier over the same features as the intent model, whose classes
 * are the procedure ids, the families (`group:<name>`) and `none`. The lexicon knows names; this model learns the
 * situations citizens tell instead ("mẹ em làm rơi cái thẻ ở chợ", "khách ngủ lại qua đêm"). How its guesses are
 * combined with the lexicon is decided in procedure-decision.ts.
 */
import { type EncodedDoc, type FeatureIndex, SoftmaxClassifier, type TrainOptions } from './softmax-classifier';
import { PROCEDURE_IDS } from './taxonomy-names';
import type { Example } from './training-data';

/** The model's class for "no procedure named" (context follow-ups, greetings, other agencies' procedures...). */
export const NO_PROCEDURE = 'none';
const GROUP_PREFIX = 'group:';

/** The model's class for a family. */
export const groupLabel = (group: string): string => `${GROUP_PREFIX}${group}`;

/** The family named by a class, if it is one. */
export const groupOf = (label: string): string | undefined => (label.startsWith(GROUP_PREFIX) ? label.slice(GROUP_PREFIX.length) : undefined);

/** The class a training example teaches: its procedure id, its family, or none (every intent's examples take part). */
export function procedureClass(e: Pick<Example, 'procedure' | 'group'>): string {
  return e.procedure ?? (e.group ? groupLabel(e.group) : NO_PROCEDURE);
}

/**
 * Training settings chosen by cross-validation (`npm run nlu:eval -- --procedure-sweep`, docs/understanding.md, Round 5):
 * the temperature softens the scores so that a probability reads as the chance the guess is right (lower ECE);
 * 6 epochs (8 until round 6: the same CV), and a looser "settled" rest (p > 0.95 rests 8 epochs), cost nothing measurable
 * in CV and keep the start-up budget. Since the model reads character n-grams (Round 10), a stronger L2 (1e-4, the intent
 * model's 1e-5) keeps one word's many grams from outvoting the rest: "mất thẻ ngân hàng" no longer reads as paying a
 * fine at a bank (0.61 → 0.53, under the 0.6 the decision needs), at the same CV procedure accuracy.
 */
export const PROCEDURE_TRAINING: Partial<TrainOptions> = { epochs: 6, temperature: 0.8, settled: 0.95, restEpochs: 8, l2: 1e-4 };

/** A classifier over procedure ids + families + none that shares its feature index with the intent model. */
export function trainProcedureModel(groups: readonly string[], index: FeatureIndex, docs: readonly EncodedDoc[], options: Partial<TrainOptions> = {}): SoftmaxClassifier {
  const model = new SoftmaxClassifier([...PROCEDURE_IDS, ...groups.map(groupLabel), NO_PROCEDURE], index);
  model.trainEncoded(docs, { ...PROCEDURE_TRAINING, ...options });
  return model;
}
