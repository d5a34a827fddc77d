/** The stock `natural` Bayes classifier on the same folded words: the baseline our design is measured against. */
import { BayesClassifier } from 'natural/lib/natural/classifiers';
import { foldForMatch } from '../normalise';
import type { Example } from '../training-data';

/** Intent accuracy of natural's BayesClassifier trained on `train` and tested on `test` (folded word tokens, no stemming). */
export function bayesBaselineAccuracy(train: readonly Example[], test: readonly { text: string; intent: string }[]): number {
  const classifier = new BayesClassifier();
  for (const e of train) {
    const words = foldForMatch(e.text).split(' ').filter(Boolean);
    if (words.length > 0) classifier.addDocument(words, e.intent);
  }
  classifier.train();
  let correct = 0;
  for (const c of test) {
    const words = foldForMatch(c.text).split(' ').filter(Boolean);
    if (words.length > 0 && classifier.classify(words) === c.intent) correct++;
  }
  return correct / (test.length || 1);
}
