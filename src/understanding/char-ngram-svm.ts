/**
 * TF-IDF over character 2–5-grams of folded text and a linear SVM per class (one-vs-rest, L2-regularised hinge loss,
 * dual coordinate descent as in LIBLINEAR), as scikit-learn's TfidfVectorizer(analyzer="char", ngram_range=(2,5),
 * sublinear_tf=True) + LinearSVC(C=1, loss="hinge") would do it. No npm library does this with a sparse linear SVM
 * (libsvm-js is a kernel port of a dense solver), so it is written here compactly.
 *
 * Two uses: untuned (every gram kept) it is the plain baseline of issue 10 (evaluation/ngram-baseline.ts); with rare
 * grams dropped it is the second opinion the parser asks about long letters (parser.ts, docs/understanding.md).
 */
import { foldForMatch } from './normalise';

const MIN_GRAM = 2;
const MAX_GRAM = 5;
const C = 1;

/** Training settings: `minDocs` drops grams found in fewer training texts (a bounded model), `epochs` of the solver. */
export interface SvmOptions {
  minDocs: number;
  epochs: number;
  /** A text already beyond its margin (no update) is skipped for this many epochs (LIBLINEAR's shrinking, simplified). */
  restEpochs: number;
}

/** The baseline's settings: every gram, 30 epochs, every text visited every epoch. */
export const UNTUNED: SvmOptions = { minDocs: 1, epochs: 30, restEpochs: 0 };

/** What a trained model is, bit for bit (saved by model-cache.ts). */
export interface SvmSnapshot {
  labels: string[];
  grams: string[];
  idf: Float32Array<ArrayBuffer>;
  /** Gram-major: the weights of gram j for every label are at j × labels … (j + 1) × labels. */
  weights: Float32Array<ArrayBuffer>;
  bias: Float32Array<ArrayBuffer>;
  /** The grams as a trie (GramTrie). */
  trie: GramTrie;
}

type Sparse = { idx: Int32Array; val: Float64Array };

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

/**
 * The grams of a model as a trie of UTF-16 code units: reading a letter walks it from each position instead of cutting and
 * hashing four strings there (issue 12: the two SVMs of a letter looked up ~16,000 slices a parse, a third of its CPU).
 * A node with children has a row of a dense table, one entry per symbol (a code unit some gram holds: ~37 of them).
 * It is saved with the model: building it is ~20 ms of a start, restoring its arrays nothing.
 */
export interface GramTrie {
  /** The code units the grams hold; the symbol of `alphabet[k]` is k + 1. */
  alphabet: string;
  /** The row of each node in `children`, −1 for a node without children. */
  rowOf: Int32Array<ArrayBuffer>;
  /** The child of the node of row r by symbol y at r × (alphabet.length + 1) + y, 0 for none (the root, node 0, is nobody's child). */
  children: Int32Array<ArrayBuffer>;
  /** The column of the gram that ends at each node, −1 where none does. */
  column: Int32Array<ArrayBuffer>;
}

/** The trie of `grams` (gram j ends at a node whose column is j). */
function gramTrie(grams: readonly string[]): GramTrie {
  const symbols = new Map<number, number>();
  for (const g of grams) for (let d = 0; d < g.length; d++) if (!symbols.has(g.charCodeAt(d))) symbols.set(g.charCodeAt(d), symbols.size + 1);
  const width = symbols.size + 1;
  const child = new Map<number, number>();
  const column = [-1];
  const rows = [-1];
  let rowCount = 0;
  grams.forEach((g, j) => {
    let node = 0;
    for (let d = 0; d < g.length; d++) {
      if (rows[node] < 0) rows[node] = rowCount++;
      const key = rows[node] * width + symbols.get(g.charCodeAt(d))!;
      let next = child.get(key);
      if (next === undefined) {
        next = column.push(-1) - 1;
        rows.push(-1);
        child.set(key, next);
      }
      node = next;
    }
    column[node] = j;
  });
  const children = new Int32Array(rowCount * width);
  for (const [key, next] of child) children[key] = next;
  return { alphabet: String.fromCharCode(...symbols.keys()), rowOf: Int32Array.from(rows), children, column: Int32Array.from(column) };
}

/** Walks a GramTrie. */
class GramReader {
  /** The symbol of each code unit under 128 that the alphabet holds, 0 for the others. */
  private readonly ascii = new Int32Array(128);
  /** The same for code units from 128 on (rare: the text is folded). */
  private readonly wide = new Map<number, number>();
  private readonly width: number;

  constructor(private readonly trie: GramTrie) {
    this.width = trie.alphabet.length + 1;
    for (let k = 0; k < trie.alphabet.length; k++) {
      const code = trie.alphabet.charCodeAt(k);
      if (code < 128) this.ascii[code] = k + 1;
      else this.wide.set(code, k + 1);
    }
  }

  /** The node reached from `node` by code unit `code`, 0 for none. */
  private step(node: number, code: number): number {
    const y = code < 128 ? this.ascii[code] : (this.wide.get(code) ?? 0);
    const row = this.trie.rowOf[node];
    return y === 0 || row < 0 ? 0 : this.trie.children[row * this.width + y];
  }

  /** The column of gram `g`, or −1. */
  columnOf(g: string): number {
    let node = 0;
    for (let d = 0; d < g.length; d++) if ((node = this.step(node, g.charCodeAt(d))) === 0) return -1;
    return this.trie.column[node];
  }

  /**
   * The column of every MIN_GRAM–MAX_GRAM-gram of `s`, into `out`: the n-gram at position i at (n − MIN_GRAM) × s.length + i,
   * −1 where the model has no such gram. One walk from each position finds all four.
   */
  columnsAt(s: string, out: Int32Array): void {
    const L = s.length;
    const column = this.trie.column;
    out.fill(-1, 0, (MAX_GRAM - MIN_GRAM + 1) * L);
    for (let i = 0; i < L; i++) {
      let node = 0;
      for (let d = 0; d < MAX_GRAM && i + d < L; d++) {
        if ((node = this.step(node, s.charCodeAt(i + d))) === 0) break;
        if (d + 1 >= MIN_GRAM) out[(d + 1 - MIN_GRAM) * L + i] = column[node];
      }
    }
  }
}

/** A trained model: one linear score per label. */
export class CharNgramSvm {
  private readonly reader: GramReader;
  /** Counts of each gram while one text is read (`vectoriseText`), all zero between calls. */
  private readonly counts: Int32Array;
  /** The columns of a text's grams while it is read (`vectoriseText`), grown to the longest text read. */
  private columns = new Int32Array(0);

  private constructor(private readonly model: SvmSnapshot) {
    this.reader = new GramReader(model.trie);
    this.counts = new Int32Array(model.grams.length);
  }

  get labels(): readonly string[] {
    return this.model.labels;
  }

  /** Trains on (text, label) pairs; the order of `docs` and a fixed seed make it reproducible. */
  static train(docs: readonly { text: string; label: string }[], options: SvmOptions = UNTUNED): CharNgramSvm {
    const counted = docs.map((d) => grams(d.text));
    const df = new Map<string, number>();
    for (const g of counted) for (const k of g.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    const kept = [...df].filter(([, n]) => n >= options.minDocs);
    const labels = [...new Set(docs.map((d) => d.label))].sort();
    const model: SvmSnapshot = {
      labels,
      grams: kept.map(([g]) => g),
      idf: Float32Array.from(kept, ([, n]) => Math.log((1 + docs.length) / (1 + n)) + 1),
      weights: new Float32Array(kept.length * labels.length),
      bias: new Float32Array(labels.length),
      trie: gramTrie(kept.map(([g]) => g)),
    };
    const svm = new CharNgramSvm(model);
    // Trained in double precision (as the solver needs), kept in single precision (half the memory, same answers).
    const xs = counted.map((g) => svm.vectorise(g));
    const qii = xs.map((x) => x.val.reduce((s, v) => s + v * v, 0) + 1);
    labels.forEach((label, c) => {
      const y = docs.map((d) => (d.label === label ? 1 : -1));
      const w = new Float64Array(kept.length);
      let b = 0;
      const alpha = new Float64Array(docs.length);
      let seed = 7;
      const order = docs.map((_, i) => i);
      const rest = new Uint8Array(docs.length);
      for (let epoch = 0; epoch < options.epochs; epoch++) {
        for (let i = order.length - 1; i > 0; i--) {
          seed = (seed * 16807) % 2147483647;
          const j = seed % (i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        for (const i of order) {
          if (rest[i] > 0) {
            rest[i]--;
            continue;
          }
          const x = xs[i];
          let dot = b;
          for (let k = 0; k < x.idx.length; k++) dot += w[x.idx[k]] * x.val[k];
          const next = Math.min(Math.max(alpha[i] - (y[i] * dot - 1) / qii[i], 0), C);
          const d = (next - alpha[i]) * y[i];
          if (d === 0) {
            rest[i] = options.restEpochs;
            continue;
          }
          alpha[i] = next;
          for (let k = 0; k < x.idx.length; k++) w[x.idx[k]] += d * x.val[k];
          b += d;
        }
      }
      for (let j = 0; j < w.length; j++) model.weights[j * labels.length + c] = w[j];
      model.bias[c] = b;
    });
    return svm;
  }

  /** A model that scores exactly as the one `snapshot` was taken of. */
  static restore(snapshot: SvmSnapshot): CharNgramSvm {
    // The snapshot's arrays become the model's (see SoftmaxClassifier.restore).
    return new CharNgramSvm({ ...snapshot });
  }

  snapshot(): SvmSnapshot {
    return this.model;
  }

  /** The score of every label (in `labels` order): positive means the label's side of its margin. */
  scores(text: string): Float64Array {
    const { labels, weights, bias } = this.model;
    const L = labels.length;
    const x = this.vectoriseText(text);
    const out = Float64Array.from(bias);
    for (let k = 0; k < x.idx.length; k++) {
      const base = x.idx[k] * L;
      const v = x.val[k];
      for (let c = 0; c < L; c++) out[c] += weights[base + c] * v;
    }
    return out;
  }

  /** The label with the highest score. */
  predict(text: string): string {
    const s = this.scores(text);
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
    return this.model.labels[best];
  }

  /** Sublinear TF × IDF of the known grams, L2-normalised. */
  private vectorise(g: Map<string, number>): Sparse {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [k, tf] of g) {
      const j = this.reader.columnOf(k);
      if (j < 0) continue;
      idx.push(j);
      val.push((1 + Math.log(tf)) * this.model.idf[j]);
    }
    return normalised(idx, val);
  }

  /**
   * `vectorise(grams(text))` without counting the grams the model does not know (most 4–5-grams of a letter): the known
   * ones are counted by column in first-seen order, the order `grams` gives them (by length, then position), so the sums
   * below add the same terms in the same order.
   */
  private vectoriseText(text: string): Sparse {
    const s = ` ${foldForMatch(text)} `;
    const L = s.length;
    const size = (MAX_GRAM - MIN_GRAM + 1) * L;
    if (this.columns.length < size) this.columns = new Int32Array(size);
    const columns = this.columns;
    this.reader.columnsAt(s, columns);
    const counts = this.counts;
    const idx: number[] = [];
    for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
      const row = (n - MIN_GRAM) * L;
      for (let i = 0; i + n <= L; i++) {
        const j = columns[row + i];
        if (j >= 0 && counts[j]++ === 0) idx.push(j);
      }
    }
    const val = idx.map((j) => (1 + Math.log(counts[j])) * this.model.idf[j]);
    for (const j of idx) counts[j] = 0;
    return normalised(idx, val);
  }
}

/** The sparse vector of columns `idx` with values `val`, scaled to unit length. */
function normalised(idx: readonly number[], val: readonly number[]): Sparse {
  const norm = Math.sqrt(val.reduce((s, v) => s + v * v, 0)) || 1;
  return { idx: Int32Array.from(idx), val: Float64Array.from(val, (v) => v / norm) };
}
