/** Turns an analysed message into the sparse features the intent classifier sees. */

/** The parts of an analysed message that features are made of. */
export interface FeatureInput {
  /** Folded words with entity mentions already replaced by placeholders (§proc, §grp, §loc, §code, §num). */
  words: readonly string[];
  /** Question facets whose cue phrases occur (documents, fee, duration, online, where, hours, how...). */
  facets: readonly string[];
  /** Facets cued only in the story around the sentence that asks. */
  contextFacets?: readonly string[];
  /** Topic cue groups (greeting words, subscription words, other agencies' procedures...) that occur. */
  topics: readonly string[];
  /** Every word of a message of several sentences, when `words` holds only the sentence that asks. */
  context?: readonly string[];
}

// Long words are mostly English (Vietnamese syllables are short): their 4-letter pieces let "subscription" share evidence with "subscribe".
const CHAR_GRAM_MIN_WORD = 7;
const CHAR_GRAM = 4;
const MAX_FEATURE_WORDS = 120;
// Character n-grams of the folded words (issue 10): the evidence the plain TF-IDF baseline reads, for the procedure model only.
// 4–5 letters across word boundaries ("u tru", "ho chi") tie a situation to its procedure through inflected, misspelt or
// glued words the lexicon and the word features miss. Tried for the intent model too (same features, or a separate
// n-gram model blended in, Round 10; again in Round 11 with the grams scaled as a block of their own): it lost intents
// every time. The intent of a long letter asks a character n-gram SVM instead (char-ngram-svm.ts, parser.ts).
const GRAM_MIN = 4;
const GRAM_MAX = 5;
/** A character n-gram seen in fewer training messages than this is dropped: it is mostly one message's name or typo, and the cap bounds the model. */
export const MIN_GRAM_DOCS = 10;
const GRAM = 'g:';
const CONTEXT_GRAM = 'xg:';

/** Feature options: `charGrams` adds the character n-grams of the request (`g:`) and of the whole message (`xg:`). */
export interface FeatureOptions {
  charGrams?: boolean;
}

/** Word unigrams and bigrams (Vietnamese words are syllables, so bigrams are mostly whole words), pieces of long words, cues, and a length bucket. */
export function featuresOf(input: FeatureInput, options: FeatureOptions = {}): string[] {
  // A rambling paste says what it wants early on; capping the words keeps every parse within a fraction of a millisecond.
  const words = input.words.slice(0, MAX_FEATURE_WORDS);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    out.push(`w:${words[i]}`);
    out.push(`b:${i === 0 ? '^' : words[i - 1]}_${words[i]}`);
  }
  if (words.length > 0) out.push(`b:${words[words.length - 1]}_$`);
  for (const w of words) {
    if (w.length < CHAR_GRAM_MIN_WORD || w.startsWith('§')) continue;
    for (let i = 0; i + CHAR_GRAM <= w.length; i++) out.push(`c:${w.slice(i, i + CHAR_GRAM)}`);
  }
  if (options.charGrams) {
    charGrams(words, GRAM, out);
    if (input.context) charGrams(input.context.slice(0, MAX_FEATURE_WORDS), CONTEXT_GRAM, out);
  }
  for (const f of input.facets) out.push(`f:${f}`);
  for (const f of input.contextFacets ?? []) out.push(`xf:${f}`);
  for (const t of input.topics) out.push(`t:${t}`);
  // Context words get their own weights: the story around a question ("bị phạt", "hôm qua") must not count like the question.
  for (const w of input.context?.slice(0, MAX_FEATURE_WORDS) ?? []) out.push(`x:${w}`);
  const n = words.length;
  out.push(`len:${n === 0 ? 0 : n <= 2 ? 1 : n <= 6 ? 2 : n <= 15 ? 3 : 4}`);
  return out;
}

/** Character GRAM_MIN–GRAM_MAX-grams of `words` joined by spaces, with a space at each end (the baseline's reading). */
function charGrams(words: readonly string[], prefix: string, out: string[]): void {
  const text = ` ${words.join(' ')} `;
  for (let n = GRAM_MIN; n <= GRAM_MAX; n++) for (let i = 0; i + n <= text.length; i++) out.push(prefix + text.slice(i, i + n));
}

const isGram = (f: string) => f.startsWith(GRAM) || f.startsWith(CONTEXT_GRAM);

/** `lists` without the character n-grams found in fewer than MIN_GRAM_DOCS of them (the other features all stay). */
export function withoutRareGrams(lists: readonly string[][]): string[][] {
  const docs = new Map<string, number>();
  for (const list of lists) for (const f of new Set(list)) if (isGram(f)) docs.set(f, (docs.get(f) ?? 0) + 1);
  return lists.map((list) => list.filter((f) => !isGram(f) || (docs.get(f) ?? 0) >= MIN_GRAM_DOCS));
}
