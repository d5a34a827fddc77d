/** Repairs unknown words against the known vocabulary: typos, stretched letters, words typed without spaces. */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance';

// Short folded Vietnamese syllables have too many neighbours at distance 1, so only longer words are corrected.
const MIN_CORRECT_LENGTH = 4;
const MIN_SPLIT_PART = 2;

/** Known words with their frequency, and a delete-neighbour index (SymSpell-style) for distance-1 lookups. */
export class SpellingCorrector {
  private readonly counts = new Map<string, number>();
  private readonly deletes = new Map<string, string[]>();

  private readonly known = new Set<string>();

  /** Counts every word as a correction target; call `index()` once all words are in. */
  addWords(words: Iterable<string>): void {
    for (const w of words) if (w) this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
  }

  /** Words that are left alone but never offered as corrections (seen once in training: maybe a typo, maybe English). */
  addKnown(words: Iterable<string>): void {
    for (const w of words) if (w) this.known.add(w);
  }

  /** Builds the delete-neighbour index. */
  index(): void {
    for (const word of this.counts.keys()) {
      if (word.length < MIN_CORRECT_LENGTH) continue;
      for (const d of deletions(word)) {
        const list = this.deletes.get(d) ?? [];
        list.push(word);
        this.deletes.set(d, list);
      }
    }
  }

  /** True when the word is in the vocabulary. */
  has(word: string): boolean {
    return this.counts.has(word) || this.known.has(word);
  }

  /** True when the word is a correction target (a lexicon word, or a training word seen at least twice): a real word. */
  isTarget(word: string): boolean {
    return this.counts.has(word);
  }

  /** The closest known word at Damerau-Levenshtein distance 1 (most frequent wins), or undefined. */
  correct(word: string): string | undefined {
    if (word.length < MIN_CORRECT_LENGTH) return undefined;
    const candidates = new Set<string>(this.deletes.get(word) ?? []);
    for (const d of deletions(word)) {
      if (this.counts.has(d) && d.length >= MIN_CORRECT_LENGTH) candidates.add(d);
      for (const c of this.deletes.get(d) ?? []) candidates.add(c);
    }
    let best: string | undefined;
    let bestCount = 0;
    for (const c of candidates) {
      if (DamerauLevenshteinDistance(word, c, { restricted: true }) !== 1) continue;
      // A substituted letter in a four-letter word is too often another real word ("file" is not "fire").
      if (word.length === MIN_CORRECT_LENGTH && c.length === word.length && !isTransposition(word, c)) continue;
      const count = this.counts.get(c) ?? 0;
      if (count > bestCount) [best, bestCount] = [c, count];
    }
    return best;
  }

  /** Splits a word typed without a space ("cancuoc") into two known words, preferring the most frequent pair. */
  split(word: string): [string, string] | undefined {
    let best: [string, string] | undefined;
    let bestScore = 0;
    for (let k = MIN_SPLIT_PART; k <= word.length - MIN_SPLIT_PART; k++) {
      const a = word.slice(0, k);
      const b = word.slice(k);
      const score = Math.min(this.counts.get(a) ?? 0, this.counts.get(b) ?? 0);
      if (score > bestScore) [best, bestScore] = [[a, b], score];
    }
    return best;
  }
}

// Issue 10: the rhymes of Vietnamese, folded (ă, â → a; ê → e; ô, ơ → o; ư → u). A word that is an onset and one of these
// is a syllable of the language as written: "càng", "choáng", "nuôi", "khuya" are words a citizen meant, and correcting
// them to the nearest training word ("chang", "hoang", "nguoi", "khu ya") replaced a right word with a wrong one.
const RHYMES = new Set(
  (
    'a ai ao au ay ac ach am an ang anh ap at e eo ec em en eng ep et eu ech enh i ia iu ich im in inh ip it ' +
    'ieu iec iem ien ieng iep iet o oi oc om on ong op ot oa oai oay oac oach oam oan oang oanh oap oat oe oeo oec oen oet ' +
    'ooc oong u ua ui uc um un ung up ut uu uy uya uyu uych uyn uynh uyt uyen uyet uan uang uat uay uac uau ue uech uenh ' +
    'uo uoi uou uom uon uong uop uot uoc y yeu yen yet yem'
  ).split(' '),
);
const ONSETS = ['ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'th', 'tr', 'ch', 'qu', 'b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];

/** Whether a folded word is one Vietnamese syllable as written (an onset, then a rhyme of the language). */
export function isSyllable(word: string): boolean {
  return ONSETS.some((o) => word.startsWith(o) && RHYMES.has(word.slice(o.length))) || (word.startsWith('gi') && RHYMES.has(word.slice(1)));
}

function isTransposition(a: string, b: string): boolean {
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
