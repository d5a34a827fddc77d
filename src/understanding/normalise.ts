/** Text normalisation shared by the parser, button matching and office search. */

// Vietnamese tone marks (combining forms, after NFD). Shape marks (circumflex, breve, horn) are not tones.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONE_MARKS_ALL = /[\u0300\u0301\u0303\u0309\u0323]/g;
const SHAPE_MARKS = /[\u0302\u0306\u031b]/;
const VOWELS = 'aeiouy';
// Two-vowel nuclei where the modern ("new style") rule puts the tone on the second vowel: hoà, khoẻ, thuỷ.
const SECOND_VOWEL_NUCLEI = new Set(['oa', 'oe', 'uy']);

import { foldDiacritics } from '../util/fold-text';

export { foldDiacritics, foldForMatch } from '../util/fold-text';

const foldCache = new Map<string, string>();

/** Folds one character (cached: the tokenizer calls this for every character of every message). */
export function foldChar(ch: string): string {
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    folded = foldDiacritics(ch);
    if (foldCache.size < 5000) foldCache.set(ch, folded);
  }
  return folded;
}

// Syllables already placed: the lexicons at start-up and the words of every message ask for the same few thousand again
// (issue 12: ~20 ms of a start's understanding, and every word with diacritics of a letter). Bounded, as foldChar's.
const toneCache = new Map<string, string>();
const TONE_CACHE_SIZE = 10_000;

/** Puts the tone mark of one lower- or upper-case syllable on the vowel the modern spelling rule picks (hòa → hoà). */
export function placeToneMark(syllable: string): string {
  let placed = toneCache.get(syllable);
  if (placed === undefined) {
    placed = placeTone(syllable);
    if (toneCache.size < TONE_CACHE_SIZE) toneCache.set(syllable, placed);
  }
  return placed;
}

function placeTone(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  const tone = decomposed.match(TONE_MARKS);
  if (!tone) return syllable.normalize('NFC');
  // Letters with their shape marks, tone removed.
  const letters: string[] = [];
  for (const ch of decomposed.replace(TONE_MARKS_ALL, '')) {
    if (/\p{M}/u.test(ch) && letters.length > 0) letters[letters.length - 1] += ch;
    else letters.push(ch);
  }
  const base = (i: number) => letters[i][0].toLowerCase();
  let first = letters.findIndex((_, i) => VOWELS.includes(base(i)));
  if (first < 0) return syllable.normalize('NFC');
  let last = first;
  while (last + 1 < letters.length && VOWELS.includes(base(last + 1))) last++;
  // In "qu" and "gi" + vowel, the u / i belong to the consonant.
  if (first > 0 && last > first && ((base(first - 1) === 'q' && base(first) === 'u') || (base(first - 1) === 'g' && base(first) === 'i'))) first++;
  let target = -1;
  for (let i = first; i <= last; i++) if (SHAPE_MARKS.test(letters[i])) target = i;
  if (target < 0) {
    const hasCoda = last + 1 < letters.length;
    const nucleus = letters.slice(first, last + 1).map((l) => l[0].toLowerCase()).join('');
    if (hasCoda) target = last;
    else if (nucleus.length === 1) target = first;
    else if (nucleus.length === 2) target = SECOND_VOWEL_NUCLEI.has(nucleus) ? last : first;
    else target = first + 1;
  }
  letters[target] += tone[0];
  return letters.join('').normalize('NFC');
}

/** NFC plus one tone-mark placement for every word, so "hòa" and "hoà" (or NFD input) compare equal; case is kept. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\p{L}+/gu, (word) => placeToneMark(word));
}

/** Collapses runs of three or more identical letters ("nhaaa" → "nha"), as people stretch words in chat. */
export function collapseRepeats(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, '$1');
}

/** Collapses doubled letters too ("dii" → "di"): only tried when a stretched word is otherwise unknown. */
export function collapseDoubles(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * No letter or digit anywhere: "", "?", "...", "😀" ask nothing that could be read. The one rule for such a message:
 * the bot answers it with a short prompt and the menu, and the parser (so /model/parse) calls it `help`. An emoji that
 * carries meaning (abbreviations.yaml `emoji`: 🆘, 🙏) is read by the parser as what it means.
 */
export function saysNothing(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}
