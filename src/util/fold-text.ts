/** Text folding shared by language understanding, button matching, keyword lists and the office search. */

const COMBINING = /[\u0300-\u036f]/g;
const ASCII = /^[\x00-\x7f]*$/;

function foldByNormalising(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

// Each precomposed letter below U+1F00 (Latin-1 to Latin Extended Additional: every Vietnamese letter) whose fold is one
// ASCII letter, by that letter's code: a text of only these and ASCII folds letter by letter, without normalising.
const LETTERS = 0x1f00;
const FOLDED = new Uint8Array(LETTERS);
for (let c = 0xc0; c < LETTERS; c++) {
  const folded = foldByNormalising(String.fromCharCode(c));
  if (folded.length === 1 && folded.charCodeAt(0) < 0x80) FOLDED[c] = folded.charCodeAt(0);
}
const ASCII_CHARS = Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c));

/** Lower case, NFC, every diacritic removed and đ→d: the form all matching happens on. */
export function foldDiacritics(text: string): string {
  // ASCII has nothing to decompose, strip or compose: lower case is the whole fold (most words of unaccented typing).
  if (ASCII.test(text)) return text.toLowerCase();
  // This runs for every word of every message, several times: the table is ~9× faster than two normalisations.
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) folded += ASCII_CHARS[c];
    else if (c < LETTERS && FOLDED[c] !== 0) folded += ASCII_CHARS[FOLDED[c]];
    // A combining mark, another script, a symbol: the general way.
    else return foldByNormalising(text);
  }
  return folded;
}

/** Lower case, NFC, no diacritics, đ→d, punctuation as spaces, collapsed spaces: for button matching and office search. */
export function foldForMatch(text: string): string {
  return foldDiacritics(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
