/** Whole-phrase matching of content keywords in a citizen's message, with or without diacritics. */
import { foldForMatch } from '../util/fold-text';

// Content phrases folded once per list (lists live as long as the loaded content): folding every phrase of every
// topic again on each message was the largest single cost of a turn (docs/performance.md).
const foldedLists = new WeakMap<readonly string[], readonly string[]>();

function folded(phrases: readonly string[]): readonly string[] {
  let f = foldedLists.get(phrases);
  if (!f) {
    f = phrases.map(foldForMatch);
    foldedLists.set(phrases, f);
  }
  return f;
}

/** The longest phrase (and its folded length) that the folded, space-padded `text` contains as whole words. */
function longestIn(text: string, phrases: readonly string[]): { phrase: string; length: number } | undefined {
  const forms = folded(phrases);
  let best: { phrase: string; length: number } | undefined;
  for (let i = 0; i < phrases.length; i++) {
    const f = forms[i];
    if (f && text.includes(` ${f} `) && (!best || f.length > best.length)) best = { phrase: phrases[i], length: f.length };
  }
  return best;
}

/** The longest of `phrases` the text contains as whole words (folded), or undefined. */
export function longestMention(text: string, phrases: readonly string[]): string | undefined {
  return longestIn(` ${foldForMatch(text)} `, phrases)?.phrase;
}

/**
 * Of several items each named by phrases, the one whose longest phrase occurs in the text (longest wins).
 * `phrasesOf` should give the same array for an item each time, so its folded forms are computed once.
 */
export function bestMentioned<T>(text: string, items: readonly T[], phrasesOf: (item: T) => readonly string[]): T | undefined {
  const padded = ` ${foldForMatch(text)} `;
  let best: { item: T; length: number } | undefined;
  for (const item of items) {
    const hit = longestIn(padded, phrasesOf(item));
    if (hit && (!best || hit.length > best.length)) best = { item, length: hit.length };
  }
  return best?.item;
}
