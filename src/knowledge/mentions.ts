/** Whole-phrase matching of content keywords in a citizen's message, with or without diacritics. */
import { foldForMatch } from '../util/fold-text';

/** The longest of `phrases` the text contains as whole words (folded), or undefined. */
export function longestMention(text: string, phrases: readonly string[]): string | undefined {
  const folded = ` ${foldForMatch(text)} `;
  let best: string | undefined;
  for (const p of phrases) {
    const f = foldForMatch(p);
    if (f && folded.includes(` ${f} `) && (!best || f.length > foldForMatch(best).length)) best = p;
  }
  return best;
}

/** Of several items each named by phrases, the one whose longest phrase occurs in the text (longest wins). */
export function bestMentioned<T>(text: string, items: readonly T[], phrasesOf: (item: T) => readonly string[]): T | undefined {
  let best: { item: T; length: number } | undefined;
  for (const item of items) {
    const hit = longestMention(text, phrasesOf(item));
    const length = hit ? foldForMatch(hit).length : 0;
    if (hit && (!best || length > best.length)) best = { item, length };
  }
  return best?.item;
}
