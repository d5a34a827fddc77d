/** Multinomial logistic regression over sparse binary features: small, fast to train, with usable probabilities. */

/** A training document: its feature names and its label. */
export interface LabelledFeatures {
  features: readonly string[];
  label: string;
  /** See `EncodedDoc.key`. */
  key?: number;
}

/** A training document whose features are already column numbers of a shared FeatureIndex. */
export interface EncodedDoc {
  x: readonly number[];
  label: string;
  /**
   * A number that names the document by its content (a hash of its text). When every document has one, each epoch visits
   * them in an order drawn from their keys, not from their positions: a document added or removed then leaves the order of
   * all the others as it was, so the model moves by what that document teaches, not by a whole new shuffle.
   */
  key?: number;
}

/** A label with its probability. */
export interface Scored {
  label: string;
  p: number;
}

/** Training settings; the defaults were chosen by cross-validation (see docs/understanding.md). */
export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Softmax temperature applied at prediction time (above 1 softens over-confident scores). */
  temperature: number;
  seed: number;
  /** An example whose own label already gets this probability is "settled" and rests for `restEpochs` epochs. */
  settled: number;
  restEpochs: number;
}

const SKIP_GRADIENT = 1e-3;
// Examples whose own label already gets `settled` probability rest for `restEpochs` epochs (chosen by CV for the intent
// model: 0.99 and 4 keep CV intent accuracy and cut training by a third; 0.98 starts to cost accuracy and calibration).
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 30, learningRate: 0.3, l2: 1e-5, temperature: 1, seed: 7, settled: 0.99, restEpochs: 4 };

/**
 * Feature names → column numbers. Two classifiers that read the same features (intent and procedure) share one index,
 * so a message's features are looked up once per parse and once per training example, not once per model.
 */
export class FeatureIndex {
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  /** Gives every new feature name a column. */
  add(features: readonly string[]): void {
    for (const f of features) if (!this.ids.has(f)) this.ids.set(f, this.ids.size);
  }

  /** Every feature name, in column order (what a saved model keeps of its index). */
  names(): string[] {
    return [...this.ids.keys()];
  }

  /** An index whose columns are `names`, in that order (a saved model's). */
  static of(names: readonly string[]): FeatureIndex {
    const index = new FeatureIndex();
    index.add(names);
    return index;
  }

  /**
   * Which columns the current `encode` has taken, by a stamp per call: no Set per message (each parse encodes several
   * feature lists). 16 bits, cleared when the stamp wraps.
   */
  private taken = new Uint16Array(0);
  private stamp = 0;

  /** Column numbers of the known features, each once, in first-seen order (unknown features are ignored). */
  encode(features: readonly string[]): number[] {
    if (this.taken.length < this.ids.size) {
      this.taken = new Uint16Array(this.ids.size);
      this.stamp = 0;
    }
    if (this.stamp === 0xffff) {
      this.taken.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const x: number[] = [];
    for (const f of features) {
      const i = this.ids.get(f);
      if (i !== undefined && this.taken[i] !== stamp) {
        this.taken[i] = stamp;
        x.push(i);
      }
    }
    return x;
  }
}

/** What a trained classifier is, bit for bit, apart from its feature index (saved by model-cache.ts). */
export interface ClassifierSnapshot {
  labels: string[];
  columns: number;
  weights: Float64Array<ArrayBuffer>;
  bias: Float64Array<ArrayBuffer>;
  temperature: number;
  /** The weights are single-precision values (see `compact`): restored as a Float32Array. */
  single?: boolean;
}

/** Softmax regression trained by SGD with AdaGrad step sizes; features never seen in training are ignored. */
export class SoftmaxClassifier {
  readonly labels: string[];
  readonly index: FeatureIndex;
  private weights: Float64Array<ArrayBuffer> | Float32Array<ArrayBuffer> = new Float64Array(0);
  private columns = 0;
  private bias: Float64Array<ArrayBuffer>;
  private temperature = 1;

  /** `index` may be shared with another classifier trained on the same messages. */
  constructor(labels: readonly string[], index: FeatureIndex = new FeatureIndex()) {
    this.labels = [...labels];
    this.index = index;
    this.bias = new Float64Array(labels.length);
  }

  /** Fits the model to `docs` (deterministic for a given seed). */
  train(docs: readonly LabelledFeatures[], options: Partial<TrainOptions> = {}): void {
    for (const d of docs) this.index.add(d.features);
    this.trainEncoded(docs.map((d) => ({ x: this.index.encode(d.features), label: d.label, key: d.key })), options);
  }

  /** Fits the model to documents already encoded with `this.index` (every column must already be in the index). */
  trainEncoded(docs: readonly EncodedDoc[], options: Partial<TrainOptions> = {}): void {
    const opt = { ...DEFAULT_TRAIN_OPTIONS, ...options };
    this.temperature = opt.temperature;
    const C = this.labels.length;
    const labelIndex = new Map(this.labels.map((l, i) => [l, i]));
    // Typed rows and a feature-major walk (every class of one feature is adjacent in `weights`): the same arithmetic
    // in the same order as a class-major loop, so the model is bit-for-bit the same, with far fewer cache misses.
    const rows = docs.flatMap((d) => {
      const y = labelIndex.get(d.label);
      return y === undefined ? [] : [{ x: Int32Array.from(d.x), y, key: d.key }];
    });
    const keyed = rows.length > 0 && rows.every((r) => r.key !== undefined);
    this.columns = this.index.size;
    const w = new Float64Array(this.columns * C);
    this.weights = w;
    const g2 = new Float64Array(this.columns * C).fill(1e-8);
    const b2 = new Float64Array(C).fill(1e-8);
    const order = rows.map((_, i) => i);
    const random = mulberry32(opt.seed);
    const p = new Float64Array(C);
    const grad = new Float64Array(C);
    const active = new Int32Array(C);
    const rest = new Uint8Array(rows.length);
    const { learningRate, l2 } = opt;
    const rank = new Uint32Array(rows.length);
    for (let epoch = 0; epoch < opt.epochs; epoch++) {
      if (keyed) {
        const salt = mix32(opt.seed * 0x9e3779b1 + epoch);
        for (let r = 0; r < rows.length; r++) rank[r] = mix32((rows[r].key as number) ^ salt);
        // Ties (equal keys: a document given twice) keep their positions, so the order is still fully determined.
        order.sort((a, b) => rank[a] - rank[b] || a - b);
      } else {
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
      }
      for (const r of order) {
        if (rest[r] > 0) {
          rest[r]--;
          continue;
        }
        const { x, y } = rows[r];
        this.probabilities(x, p, 1);
        // An example already learnt with room to spare teaches almost nothing for a while: it is skipped for the next
        // `restEpochs` epochs, then checked again (same CV accuracy, noticeably less work once most examples are learnt).
        if (p[y] > opt.settled) rest[r] = opt.restEpochs;
        const scale = 1 / Math.sqrt(x.length || 1);
        let n = 0;
        for (let c = 0; c < C; c++) {
          const g = p[c] - (c === y ? 1 : 0);
          // Classes the model already rules out contribute almost nothing: skipping them halves training time.
          if (g > -SKIP_GRADIENT && g < SKIP_GRADIENT) continue;
          b2[c] += g * g;
          this.bias[c] -= (learningRate * g) / Math.sqrt(b2[c]);
          grad[n] = g * scale;
          active[n++] = c;
        }
        for (let i = 0; i < x.length; i++) {
          const base = x[i] * C;
          for (let a = 0; a < n; a++) {
            const k = base + active[a];
            const gw = grad[a] + l2 * w[k];
            g2[k] += gw * gw;
            w[k] -= (learningRate * gw) / Math.sqrt(g2[k]);
          }
        }
      }
    }
  }

  /**
   * Keeps the trained weights in single precision: half their memory, and probabilities that differ from the double
   * precision ones by about 1e-7 (no answer of any dev set changed, docs/understanding.md, Round 11).
   */
  compact(): void {
    this.weights = Float32Array.from(this.weights);
  }

  /** The trained parameters, to be restored later with `SoftmaxClassifier.restore`. */
  snapshot(): ClassifierSnapshot {
    const w = this.weights;
    const single = w instanceof Float32Array;
    return { labels: this.labels, columns: this.columns, weights: single ? Float64Array.from(w) : w, bias: this.bias, temperature: this.temperature, single };
  }

  /** A classifier that predicts exactly as the one `snapshot` was taken of, over `index` (restored with it). */
  static restore(snapshot: ClassifierSnapshot, index: FeatureIndex): SoftmaxClassifier {
    const model = new SoftmaxClassifier(snapshot.labels, index);
    model.columns = snapshot.columns;
    // The snapshot's arrays become the model's: the model cache reads each into a buffer of its own (model-cache.ts).
    model.weights = snapshot.single ? Float32Array.from(snapshot.weights) : snapshot.weights;
    model.bias = snapshot.bias;
    model.temperature = snapshot.temperature;
    return model;
  }

  /** Every label with its probability, most likely first. */
  predict(features: readonly string[]): Scored[] {
    return this.predictEncoded(this.index.encode(features));
  }

  /** The same for features already encoded with `this.index`. */
  predictEncoded(x: readonly number[]): Scored[] {
    const p = new Float64Array(this.labels.length);
    // Columns added to a shared index after this model was trained carry no weight here.
    // Always an Int32Array: one argument type keeps the scoring loop monomorphic for the JIT (training uses the same).
    const cols = Int32Array.from(this.index.size > this.columns ? x.filter((f) => f < this.columns) : x);
    this.probabilities(cols, p, this.temperature);
    return this.labels.map((label, i) => ({ label, p: p[i] })).sort((a, b) => b.p - a.p);
  }

  private probabilities(x: Int32Array, out: Float64Array, temperature: number): void {
    const C = this.labels.length;
    const scale = 1 / Math.sqrt(x.length || 1);
    const w = this.weights;
    out.set(this.bias);
    // Feature-major: each class still adds its terms in the order of `x`, so the sums are exactly the class-major ones.
    for (let i = 0; i < x.length; i++) {
      const base = x[i] * C;
      for (let c = 0; c < C; c++) out[c] += w[base + c] * scale;
    }
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      out[c] /= temperature;
      if (out[c] > max) max = out[c];
    }
    let sum = 0;
    for (let c = 0; c < C; c++) {
      out[c] = Math.exp(out[c] - max);
      sum += out[c];
    }
    for (let c = 0; c < C; c++) out[c] /= sum;
  }
}

/** A 32-bit integer hash (murmur3's finaliser): nearby inputs give unrelated outputs. */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Small seeded PRNG so training (and therefore every evaluation run) is reproducible.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
