/**
 * The plain baseline our parser must beat (issue 10): TF-IDF over character 2–5-grams of folded text and a linear SVM
 * per class (char-ngram-svm.ts), untuned, trained on exactly our training examples.
 */
import { CharNgramSvm, UNTUNED } from '../char-ngram-svm';
import type { Example } from '../training-data';
import { exampleProcedure } from './cross-validate';

/** A trained baseline: the label it gives a text. */
export interface TextClassifier {
  predict(text: string): string;
}

/** Trains the baseline on (text, label) pairs; the order of `docs` and a fixed seed make it reproducible. */
export function trainNgramSvm(docs: readonly { text: string; label: string }[]): TextClassifier {
  return CharNgramSvm.train(docs, UNTUNED);
}

/** The baseline as every evaluation trains it: intents from every example, procedures (id, group:<name> or none) from the labelled ones. */
export function trainNgramBaselines(examples: readonly Example[]): { intents: TextClassifier; procedures: TextClassifier } {
  return {
    intents: trainNgramSvm(examples.map((e) => ({ text: e.text, label: e.intent }))),
    procedures: trainNgramSvm(examples.flatMap((e) => {
      const label = exampleProcedure(e);
      return label ? [{ text: e.text, label }] : [];
    })),
  };
}
