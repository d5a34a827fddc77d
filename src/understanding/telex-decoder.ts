/**
 * Telex and VNI leftovers: a message typed with the Vietnamese keyboard switched off keeps its keystrokes
 * ("cawn cuwowcs" for "căn cước", "ca8n cu7o71c" in VNI). Such a token is decoded only when its keystrokes make a
 * well-formed Vietnamese syllable that plain unaccented Vietnamese cannot be: no Vietnamese word contains "dd", "w",
 * a doubled "aa/ee", ends in s/f/r/x/j, or mixes letters and VNI digits. English words are guarded by the vocabulary.
 */
import { foldForMatch, placeToneMark } from './normalise';
import type { Token } from './tokenise';

const TONE_KEYS: Record<string, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const VNI_TONES: Record<string, string> = { '1': '\u0301', '2': '\u0300', '3': '\u0309', '4': '\u0303', '5': '\u0323' };

const ONSETS = new Set(['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x']);
// Vowel clusters of Vietnamese syllables (without tone); ă and â only ever stand before a final consonant or glide.
const NUCLEI = new Set([
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'ua', 'uâ', 'uê',
  'ui', 'uô', 'uơ', 'ưa', 'ưi', 'ươ', 'ưu', 'uy', 'yê', 'iêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu',
  'uya', 'uyê', 'yêu', 'uyu', 'uê',
]);
const NEEDS_CODA = new Set(['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'uâ', 'oă', 'uyê']);
const CODAS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);
const STOP_CODAS = new Set(['c', 'ch', 'p', 't']);
const SYLLABLE = /^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?([aăâeêioôơuưy]+)(ch|ng|nh|[cmnpt])?$/;

/** Whether `plain` (lower case, shape marks, no tone) is a well-formed Vietnamese syllable that can carry `tone`. */
export function isSyllable(plain: string, tone = ''): boolean {
  const m = SYLLABLE.exec(plain);
  if (!m) return false;
  const [, onset = '', nucleus, coda = ''] = m;
  if (!ONSETS.has(onset) || !CODAS.has(coda)) return false;
  if (!NUCLEI.has(nucleus) && !(onset === 'qu' && NUCLEI.has(`u${nucleus}`))) return false;
  if (coda === '' && NEEDS_CODA.has(nucleus)) return false;
  // A syllable closed by c, ch, p or t only takes the sắc or nặng tone.
  if (STOP_CODAS.has(coda) && tone !== '' && tone !== '\u0301' && tone !== '\u0323') return false;
  return true;
}

/** The syllable a telex token stands for, or undefined; `strong` says whether it has a shape keystroke (dd, aa, w...). */
export function decodeTelex(typed: string): { text: string; strong: boolean } | undefined {
  // Round 32: nine keystrokes make the longest syllables ("thuwowngf" thường, "nghieengs"), ten with a doubled first letter.
  if (!/^[a-z]{2,10}$/.test(typed)) return undefined;
  // Issue 10: a first consonant struck twice ("ccuwus") is a slip: no Vietnamese word starts so, but "dd" (đ).
  const word = /^([bcf-hj-np-tv-xz])\1/.test(typed) ? typed.slice(1) : typed;
  let tone = '';
  // Round 23: a tone key struck twice at the end ("luwu truss", "khais baoss") is one tone: the keyboard being off, the
  // second stroke undid nothing.
  let letters = /([sfrxj])\1$/.test(word) ? word.slice(0, -1) : word;
  // A tone key after the first vowel (at the end, before the final consonant "khaarn", or before a glide "chasy"):
  // s f r x j never follow a vowel in Vietnamese.
  const firstVowel = letters.search(/[aeiouy]/);
  if (firstVowel < 0) return undefined;
  for (let i = letters.length - 1; i > firstVowel; i--) {
    const key = TONE_KEYS[letters[i]];
    if (key && /^[aeiouy]*(ch|ng|nh|[cmnpt])?w?$/.test(letters.slice(i + 1))) {
      tone = key;
      letters = letters.slice(0, i) + letters.slice(i + 1);
      break;
    }
  }
  // Round 27: the horn or breve key struck after the final consonant ("bangwf" for "bằng", "duongw" for "dương") shapes the
  // vowel before it, as the keyboards accept: it is moved to the vowel.
  letters = letters.replace(/^([^aeiouy]*[aeiouy]+)(ch|ng|nh|[cmnpt])w$/, '$1w$2');
  let out = letters
    .replace(/^dd/, 'đ')
    .replace(/uow/g, 'ươ')
    .replace(/aa/g, 'â')
    .replace(/ee/g, 'ê')
    .replace(/oo/g, 'ô')
    .replace(/aw/g, 'ă')
    .replace(/ow/g, 'ơ')
    .replace(/uw/g, 'ư')
    .replace(/w/g, 'ư')
    .replace(/uơ/g, 'ươ')
    .replace(/ưô/g, 'ươ');
  // "uwow" gives "ươ" through "ư" + "ơ"; a lone "w" after another horn is the same keystroke.
  out = out.replace(/ươư/g, 'ươ');
  const shaped = out !== letters;
  if (!shaped && !tone) return undefined;
  if (!isSyllable(out, tone)) return undefined;
  // "Ow"/"aw" closing a word with no tone ("how", "law") is as often English as telex: only a weak clue.
  // So is a doubled "ee"/"oo" with nothing else ("see", "too", "been") or with a final r ("door", "poor", "beer").
  const plainEnglish = (tone === '' || /(oo|ee)r$/.test(word)) && !/dd|aa|uw|[aou]w./.test(letters);
  const strong = shaped && !plainEnglish;
  return { text: placeToneMark(out + tone), strong };
}

/** The syllable a VNI token stands for ("ca8n", "cu7o71c", "dda6u"), or undefined. */
export function decodeVni(word: string): { text: string; strong: boolean } | undefined {
  // One letter with one digit is a licence class or a seat ("a1", "b2"); "o73" (ở) has two digits.
  if (!/^[a-z][a-z1-9]{1,9}$/.test(word) || (word.match(/[a-z]/g) ?? []).length + (word.match(/[1-9]/g) ?? []).length < 3) return undefined;
  const letters: string[] = [];
  let tone = '';
  const lastIndexOf = (set: string) => {
    for (let i = letters.length - 1; i >= 0; i--) if (set.includes(letters[i][0])) return i;
    return -1;
  };
  for (const ch of word) {
    if (/[a-z]/.test(ch)) {
      letters.push(ch);
      continue;
    }
    if (VNI_TONES[ch]) tone = VNI_TONES[ch];
    else if (ch === '6') {
      const i = lastIndexOf('aeo');
      if (i < 0) return undefined;
      letters[i] = { a: 'â', e: 'ê', o: 'ô' }[letters[i][0]] ?? letters[i];
    } else if (ch === '7') {
      const i = lastIndexOf('ou');
      if (i < 0) return undefined;
      letters[i] = letters[i][0] === 'o' ? 'ơ' : 'ư';
    } else if (ch === '8') {
      const i = lastIndexOf('a');
      if (i < 0) return undefined;
      letters[i] = 'ă';
    } else if (ch === '9') {
      // Round 32: a 9 with no d to cross is the breve's key beside it struck ("ca9n" for "căn"); the syllable check decides.
      const i = lastIndexOf('d');
      const breve = i < 0 ? lastIndexOf('a') : -1;
      if (i < 0 && breve < 0) return undefined;
      if (i >= 0) letters[i] = 'đ';
      else letters[breve] = 'ă';
    }
  }
  const plain = letters.join('').replace(/^dd/, 'đ').replace(/uơ/g, 'ươ').replace(/ưo/g, 'ươ');
  // Only a tone digit at the end of plain letters ("thuong2", its horns left out): the word without its digit, which
  // folded matching reads as "thường" (a weak clue, like the others at the end).
  if (!isSyllable(plain, tone)) return /^[a-z]*[aeiouy][a-z]*[1-5]$/.test(word) ? { text: plain, strong: false } : undefined;
  // A digit inside the word ("ca8n") is unmistakable; one only at the end ("xe1", "a1" class) is a weak clue.
  return { text: placeToneMark(plain + tone), strong: /[1-9][a-z]/.test(word) || /dd/.test(word) };
}

// A word's reading depends only on the word: cached, bounded so a flood of junk cannot grow memory.
const cache = new Map<string, { text: string; strong: boolean } | null>();
const CACHE_LIMIT = 20_000;

function decodeWord(word: string): { text: string; strong: boolean } | undefined {
  let d = cache.get(word);
  if (d === undefined) {
    d = decodeTelex(word) ?? decodeVni(word) ?? null;
    if (cache.size < CACHE_LIMIT) cache.set(word, d);
  }
  return d ?? undefined;
}

// Issue 10: with no clear keystroke, this many weak ones ("chaof bajn cho mif hoir chuts", "thu3 tuc5 dang ky1 thuong2
// tru1"), making at least half of the message's words, still say the keyboard was off; two ("car tax") do not.
const WEAK_ENOUGH = 3;

/**
 * Decodes the telex and VNI tokens of one message. A token is decoded only if it is not a known word and decodes to
 * a syllable; tokens with only a weak clue (a tone key, a final VNI digit) are decoded only when the message holds
 * a token with a clear one (dd, aa, a horn or breve, a VNI digit inside the word), so "car tax" stays as typed, or when
 * at least WEAK_ENOUGH of them make half of the message's words.
 */
export function decodeTyping(tokens: readonly Token[], known: (word: string) => boolean): Token[] {
  const decoded = tokens.map((t) => (t.toned !== t.text || known(t.text) ? undefined : decodeWord(t.text)));
  const weak = decoded.filter((d) => d !== undefined).length;
  if (!decoded.some((d) => d?.strong) && !(weak >= WEAK_ENOUGH && 2 * weak >= tokens.length)) return [...tokens];
  return tokens.map((t, i) => {
    const d = decoded[i];
    return d ? { text: foldForMatch(d.text), toned: d.text, start: t.start, end: t.end } : t;
  });
}
