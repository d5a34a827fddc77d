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

/** Word unigrams and bigrams (Vietnamese words are syllables, so bigrams are mostly whole words), pieces of long words, cues, and a length bucket. */
export function featuresOf(input: FeatureInput): string[] {
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
  for (const f of input.facets) out.push(`f:${f}`);
  for (const f of input.contextFacets ?? []) out.push(`xf:${f}`);
  for (const t of input.topics) out.push(`t:${t}`);
  // Context words get their own weights: the story around a question ("bị phạt", "hôm qua") must not count like the question.
  for (const w of input.context?.slice(0, MAX_FEATURE_WORDS) ?? []) out.push(`x:${w}`);
  const n = words.length;
  out.push(`len:${n === 0 ? 0 : n <= 2 ? 1 : n <= 6 ? 2 : n <= 15 ? 3 : 4}`);
  return out;
}
