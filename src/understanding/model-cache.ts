/**
 * Trained models kept between starts. Training is most of a cold start (docs/performance.md), and it is deterministic:
 * the same examples, lexicons, content aliases and code always give the same weights. So a model is saved under a key
 * that hashes all of them, and a later start with the same inputs restores it bit for bit instead of training again.
 * Any change (an example, an alias, a line of this folder's code, the V8 version) gives a new key, hence a new model.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { CharNgramSvm, type SvmSnapshot } from './char-ngram-svm';
import { codeFingerprint } from '../util/code-fingerprint';
import { SituationModel, type SituationRules, type SituationSnapshot } from './situation-model';
import { FeatureIndex, SoftmaxClassifier, type ClassifierSnapshot } from './softmax-classifier';

/** Training words: those seen twice are spelling targets, the others only known (parser.ts). */
export interface Vocabulary {
  targets: string[];
  known: string[];
}

/** The two classifiers of a parser and the feature index they share, the emergency situation model, and the training vocabulary. */
export interface TrainedModels {
  index: FeatureIndex;
  intents: SoftmaxClassifier;
  procedures: SoftmaxClassifier;
  situations: SituationModel;
  /** The character n-gram SVM the intent of a long letter also asks (parser.ts). */
  letters: CharNgramSvm;
  /** The character n-gram SVM over procedure labels, the second opinion on a letter's procedure (letter-procedure.ts). */
  letterProcedures: CharNgramSvm;
  vocabulary: Vocabulary;
}

interface SavedModels {
  features: string[];
  intents: ClassifierSnapshot;
  procedures: ClassifierSnapshot;
  situations: SituationSnapshot;
  letters: SvmSnapshot;
  letterProcedures: SvmSnapshot;
  vocabulary: Vocabulary;
}

const SUFFIX = '.model';

/**
 * `v8.deserialize`, with every typed array in an array buffer of its own. v8's answers a typed array as a view on the
 * file's buffer when its bytes happen to be aligned (the view would keep all 16 MB of the file alive) and copies it
 * otherwise; the classifiers then copied every array again. Here each is copied exactly once.
 */
function deserializeOwned(file: Buffer): unknown {
  // `_readHostObject` is the documented hook for host objects (typed arrays among them); @types/node leaves it out.
  const deserializer = new v8.DefaultDeserializer(file) as v8.DefaultDeserializer & { _readHostObject(): unknown };
  const read = deserializer._readHostObject.bind(deserializer);
  deserializer._readHostObject = () => {
    const view = read() as Float64Array;
    return view.buffer === file.buffer ? view.slice() : view;
  };
  deserializer.readHeader();
  return deserializer.readValue();
}

let code: string | undefined;

/** The cache key of a model trained from `inputs` (everything training reads besides the code) by the running code. */
export function modelKey(inputs: unknown): string {
  // The code that turns examples into features and weights: this folder and the text folding it uses.
  code ??= codeFingerprint(__dirname, ['fold-text.ts', 'fold-text.js'].map((f) => path.join(__dirname, '..', 'util', f)));
  return createHash('sha256').update(code).update(process.versions.v8).update(JSON.stringify(inputs)).digest('hex').slice(0, 32);
}

/**
 * Model files in `dirs`: looked up in each in turn, saved in the first (the writable one; later ones may be a
 * read-only copy made at build time). A missing, unreadable or corrupt file is a miss: the caller trains.
 */
export class ModelCache {
  constructor(private readonly dirs: readonly string[]) {}

  /** The models saved under `key`; the situation model reads its frames and hand rules from `situations`. */
  load(key: string, situations: SituationRules): TrainedModels | undefined {
    for (const dir of this.dirs) {
      let saved: SavedModels;
      try {
        saved = deserializeOwned(fs.readFileSync(path.join(dir, key + SUFFIX))) as SavedModels;
      } catch {
        continue;
      }
      const index = FeatureIndex.of(saved.features);
      return {
        index,
        intents: SoftmaxClassifier.restore(saved.intents, index),
        procedures: SoftmaxClassifier.restore(saved.procedures, index),
        situations: SituationModel.restore(situations, saved.situations),
        letters: CharNgramSvm.restore(saved.letters),
        letterProcedures: CharNgramSvm.restore(saved.letterProcedures),
        vocabulary: saved.vocabulary,
      };
    }
    return undefined;
  }

  /**
   * Saves `models` under `key` (written aside, then renamed, so a reader never sees half a file) and removes the
   * models of earlier inputs. Failing to save (read-only disk) is not an error: the next start trains again.
   */
  save(key: string, models: TrainedModels): void {
    const dir = this.dirs[0];
    if (!dir) return;
    const saved: SavedModels = { features: models.index.names(), intents: models.intents.snapshot(), procedures: models.procedures.snapshot(), situations: models.situations.snapshot(), letters: models.letters.snapshot(), letterProcedures: models.letterProcedures.snapshot(), vocabulary: models.vocabulary };
    try {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, key + SUFFIX);
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, v8.serialize(saved));
      fs.renameSync(temp, file);
      for (const old of fs.readdirSync(dir)) if (old.endsWith(SUFFIX) && old !== key + SUFFIX) fs.rmSync(path.join(dir, old), { force: true });
    } catch {
      // A cache that cannot be written costs a training at the next start, nothing else.
    }
  }
}
