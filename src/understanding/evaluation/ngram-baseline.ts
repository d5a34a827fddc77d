/**
 * The plain baseline our parser must beat (issue 10): TF-IDF over character 2–5-grams of folded text and a linear SVM
 * per class (one-vs-rest, L2-regularised hinge loss, dual coordinate descent as in LIBLINEAR), untuned, trained on
 * exactly our training examples. No npm library does this with a sparse linear SVM (libsvm-js is a kernel port of a
 * dense solver), so it is written here compactly, as scikit-learn's TfidfVectorizer(analyzer="char", ngram_range=(2,5),
 * sublinear_tf=True) + LinearSVC(C=1, loss="hinge") would do it.
 */
import { foldForMatch } from '../normalise';

const MIN_GRAM = 2;
const MAX_GRAM = 5;
const C = 1;
const EPOCHS = 30;

type Sparse = { idx: Int32Array; val: Float64Array };

/** A trained baseline: the label it gives a text. */
export interface TextClassifier {
  predict(text: string): string;
}

/** Character 2–5-grams of the folded text with a space at each end (counts per gram). */
function grams(text: string): Map<string, number> {
  const s = ` ${foldForMatch(text)} `;
  const out = new Map<string, number>();
  for (let n = MIN_GRAM; n <= MAX_GRAM; n++) for (let i = 0; i + n <= s.length; i++) {
    const g = s.slice(i, i + n);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Trains the baseline on (text, label) pairs; the order of `docs` and a fixed seed make it reproducible. */
export function trainNgramSvm(docs: readonly { text: string; label: string }[]): TextClassifier {
  const vocab = new Map<string, number>();
  const df: number[] = [];
  const counted = docs.map((d) => grams(d.text));
  for (const g of counted) for (const k of g.keys()) {
    let j = vocab.get(k);
    if (j === undefined) vocab.set(k, (j = df.length)), df.push(0);
    df[j]++;
  }
  const idf = df.map((n) => Math.log((1 + docs.length) / (1 + n)) + 1);
  const vectorise = (g: Map<string, number>): Sparse => {
    const pairs: [number, number][] = [];
    for (const [k, tf] of g) {
      const j = vocab.get(k);
      if (j !== undefined) pairs.push([j, (1 + Math.log(tf)) * idf[j]]);
    }
    const norm = Math.sqrt(pairs.reduce((s, [, v]) => s + v * v, 0)) || 1;
    return { idx: Int32Array.from(pairs, (p) => p[0]), val: Float64Array.from(pairs, (p) => p[1] / norm) };
  };
  const xs = counted.map(vectorise);
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  // One weight vector (plus bias, as a constant feature) per label.
  const weights = labels.map((label) => {
    const y = docs.map((d) => (d.label === label ? 1 : -1));
    const w = new Float64Array(vocab.size);
    let b = 0;
    const alpha = new Float64Array(docs.length);
    const qii = xs.map((x) => x.val.reduce((s, v) => s + v * v, 0) + 1);
    let seed = 7;
    const order = docs.map((_, i) => i);
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        seed = (seed * 16807) % 2147483647;
        const j = seed % (i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const i of order) {
        const x = xs[i];
        let dot = b;
        for (let k = 0; k < x.idx.length; k++) dot += w[x.idx[k]] * x.val[k];
        const grad = y[i] * dot - 1;
        const next = Math.min(Math.max(alpha[i] - grad / qii[i], 0), C);
        const d = (next - alpha[i]) * y[i];
        if (d === 0) continue;
        alpha[i] = next;
        for (let k = 0; k < x.idx.length; k++) w[x.idx[k]] += d * x.val[k];
        b += d;
      }
    }
    return { w, b };
  });
  return {
    predict(text: string): string {
      const x = vectorise(grams(text));
      let best = 0;
      let bestScore = -Infinity;
      weights.forEach(({ w, b }, c) => {
        let s = b;
        for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
        if (s > bestScore) (bestScore = s), (best = c);
      });
      return labels[best];
    },
  };
}
