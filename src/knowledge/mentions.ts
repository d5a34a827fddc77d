/** Whole-phrase matching of content keywords in a citizen's message, with or without diacritics. */
import { foldForMatch } from '../util/fold-text';

// Content phrases folded and space-padded once per list (lists live as long as the loaded content): folding every
// phrase of every topic again on each message was the largest single cost of a turn (docs/performance.md), and padding
// each one per message was ~4 KiB of strings a turn (twelfth round). An empty phrase is kept as '' and never matches.
const paddedLists = new WeakMap<readonly string[], readonly string[]>();

function padded(phrases: readonly string[]): readonly string[] {
  let p = paddedLists.get(phrases);
  if (!p) {
    p = phrases.map((phrase) => {
      const f = foldForMatch(phrase);
      return f ? ` ${f} ` : '';
    });
    paddedLists.set(phrases, p);
  }
  return p;
}

/** The longest phrase (and its folded length) that the folded, space-padded `text` contains as whole words. */
function longestIn(text: string, phrases: readonly string[]): { phrase: string; length: number } | undefined {
  const forms = padded(phrases);
  let best: { phrase: string; length: number } | undefined;
  for (let i = 0; i < phrases.length; i++) {
    const f = forms[i];
    if (f && text.includes(f) && (!best || f.length - 2 > best.length)) best = { phrase: phrases[i], length: f.length - 2 };
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
