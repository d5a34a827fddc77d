/**
 * VNI-Windows mojibake: text typed with the legacy VNI-Windows font and read as Latin-1 ("Laøm ôn cöùu" for "Làm ơn
 * cứu"). The font draws a letter as its base letter followed by mark characters, so the table below is the published
 * VNI-Windows character table (as in the xvnkb and VNI keyboard sources): per base vowel, the characters that follow it
 * for no tone, sắc, huyền, hỏi, ngã and nặng. Only a message holding a character Vietnamese never uses in Unicode
 * (ø, ö, ñ, ï, ä…), whose every word with one reads as a Vietnamese syllable, is decoded: plain Vietnamese (ô, â, ù, ó…)
 * and other languages ("Müller", "señor") stay as typed.
 */
import { isSyllable } from './telex-decoder';

// Tone order of every row: none, sắc, huyền, hỏi, ngã, nặng.
const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
// Base letter and the mark characters after it (lower case; the upper-case font draws the upper-case forms).
const AFTER_PLAIN = ['', 'ù', 'ø', 'û', 'õ', 'ï'];
const AFTER_CIRCUMFLEX = ['â', 'á', 'à', 'å', 'ã', 'ä'];
const AFTER_BREVE = ['ê', 'é', 'è', 'ú', 'ü', 'ë'];
const ROWS: [string, string, string[]][] = [
  ['a', 'a', AFTER_PLAIN],
  ['a', 'â', AFTER_CIRCUMFLEX],
  ['a', 'ă', AFTER_BREVE],
  ['e', 'e', AFTER_PLAIN],
  ['e', 'ê', AFTER_CIRCUMFLEX],
  ['o', 'o', AFTER_PLAIN],
  ['o', 'ô', AFTER_CIRCUMFLEX],
  // ơ and ư are one character each (ô, ö), followed by the plain tone marks.
  ['ô', 'ơ', AFTER_PLAIN],
  ['u', 'u', AFTER_PLAIN],
  ['ö', 'ư', AFTER_PLAIN],
  ['y', 'y', AFTER_PLAIN],
];
// Single characters: i with its tones, ỵ, đ.
const SINGLES: [string, string][] = [['í', 'í'], ['ì', 'ì'], ['æ', 'ỉ'], ['ó', 'ĩ'], ['ò', 'ị'], ['î', 'ỵ'], ['ñ', 'đ']];

/** VNI-Windows sequence → Unicode letter, lower and upper case. */
const TABLE = new Map<string, string>();
for (const [base, letter, marks] of ROWS) {
  marks.forEach((mark, tone) => {
    const unicode = (letter + TONES[tone]).normalize('NFC');
    TABLE.set(base + mark, unicode);
    TABLE.set((base + mark).toUpperCase(), unicode.toUpperCase());
    // A capital in a word of small letters ("Aùnh") keeps the small mark character.
    TABLE.set(base.toUpperCase() + mark, unicode.toUpperCase());
  });
}
for (const [vni, unicode] of SINGLES) {
  TABLE.set(vni, unicode);
  TABLE.set(vni.toUpperCase(), unicode.toUpperCase());
}
const SEQUENCE = new RegExp([...TABLE.keys()].filter((k) => k.length > 0).sort((a, b) => b.length - a.length).join('|'), 'g');
// Latin-1 letters no Vietnamese word holds in Unicode, and that the VNI-Windows font uses for its marks.
const FOREIGN = /[øûïåäüëæîñöØÛÏÅÄÜËÆÎÑÖ]/;
// Sequences no Vietnamese word holds in Unicode (a tone never sits on a u or o after another vowel written so, and no
// vowel takes a circumflex after a vowel): "Aùnh saùng", "caâu". One such word may be French ("où"): two are needed.
const IMPOSSIBLE = /[aeiouy][ùõ]|[aeo][âÂ]|a[êÊ]|[AEIOUY][ÙÕùõ]|[AEO][âÂ]|A[êÊ]/;
const IMPOSSIBLE_WORDS = 2;

const decodeWord = (word: string) => word.replace(SEQUENCE, (s) => TABLE.get(s) ?? s);

/** Whether a decoded word is one Vietnamese syllable (its tone split off, as isSyllable wants). */
function readsAsSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tone = nfd.match(/[\u0300\u0301\u0303\u0309\u0323]/)?.[0] ?? '';
  return isSyllable(nfd.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC'), tone);
}

/** The message in Unicode if it is VNI-Windows mojibake, else the message itself (the same string). */
export function decodeVniWindows(text: string): string {
  // Nearly every message holds neither: it is answered without splitting it into words.
  if (!FOREIGN.test(text) && !IMPOSSIBLE.test(text)) return text;
  const words = text.match(/\p{L}+/gu) ?? [];
  const marked = words.filter((w) => FOREIGN.test(w) || IMPOSSIBLE.test(w));
  if (!marked.some((w) => FOREIGN.test(w)) && marked.length < IMPOSSIBLE_WORDS) return text;
  if (!marked.every((w) => readsAsSyllable(decodeWord(w)))) return text;
  return text.replace(/\p{L}+/gu, decodeWord);
}
