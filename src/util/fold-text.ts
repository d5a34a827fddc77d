/** Text folding shared by language understanding, button matching, keyword lists and the office search. */

const COMBINING = /[\u0300-\u036f]/g;
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case, NFC, every diacritic removed and đ→d: the form all matching happens on. */
export function foldDiacritics(text: string): string {
  // ASCII has nothing to decompose, strip or compose: lower case is the whole fold (most words of unaccented typing).
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/** Lower case, NFC, no diacritics, đ→d, punctuation as spaces, collapsed spaces: for button matching and office search. */
export function foldForMatch(text: string): string {
  return foldDiacritics(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
