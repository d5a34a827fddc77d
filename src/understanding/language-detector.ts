/**
 * Which language one message is written in, so a citizen who writes English is answered in English and one who writes
 * Vietnamese (with or without diacritics) in Vietnamese. Learned from the labelled examples the parser trains on: a
 * word counts for the language whose citizens use it; a word no example has is judged by its shape (a Vietnamese
 * syllable or not); a word both write often (loanwords: "ok", "online") tells neither. Nothing decided (digits, codes, a word both use) keeps the conversation's language.
 */
import { foldDiacritics } from '../util/fold-text';
import { decodeTelex, decodeVni } from './telex-decoder';
import type { Example } from './training-data';
import type { Locale } from './types';

/** The language of a message, or undefined when its words do not tell. */
export type LanguageDetector = (text: string) => Locale | undefined;

// One unaccented Vietnamese syllable: onset, one to three vowels, coda. English words rarely fit ("how", "apply", "fee").
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$/;
// A hesitation sound ("uhm", "hmm", "ừm" folded, "ahh"): both languages type them, so an unknown one tells neither.
const FILLER = /^[aeou]*h*[hm]+[aeouhm]*$/;
/** How much more often one language's examples use a word before it speaks for that language. */
const CLEAR_RATIO = 4;
/** A word citizens of both languages write this often ("ok", "hello", "thanks", "online") tells neither. */
const SHARED_COUNT = 3;
/** A word typed with Vietnamese diacritics outweighs any one word of English ("passport hết hạn làm lại" is Vietnamese). */
const MARKED_WEIGHT = 1.5;
/** An unknown word's shape is weaker evidence than a word seen in the examples. */
const SHAPE_WEIGHT = 0.5;

/** The syllable a word typed with telex or VNI keystrokes stands for, if any. */
const keystrokes = (word: string) => decodeTelex(word) ?? decodeVni(word);

function wordsOf(text: string): string[] {
  return text.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}]*\p{L}[\p{L}\p{N}]*/gu) ?? [];
}

/** Counts each folded word per language over the examples, and builds the detector. */
export function createLanguageDetector(examples: readonly Pick<Example, 'text' | 'locale'>[]): LanguageDetector {
  const counts: Record<Locale, Map<string, number>> = { vi: new Map(), en: new Map() };
  const totals: Record<Locale, number> = { vi: 0, en: 0 };
  for (const e of examples) {
    for (const w of wordsOf(foldDiacritics(e.text))) {
      counts[e.locale].set(w, (counts[e.locale].get(w) ?? 0) + 1);
      totals[e.locale]++;
    }
  }
  // Relative frequency with one added count, so a word one language never uses is not infinitely telling.
  const rate = (locale: Locale, w: string) => ((counts[locale].get(w) ?? 0) + 1) / (totals[locale] + 1);

  /**
   * Positive for English, negative for Vietnamese, 0 when the word does not tell. An unknown word that is Vietnamese
   * typed with the keyboard off ("cawn", "ddang"; "nhaf" beside such a one) is Vietnamese, as the parser decodes it.
   */
  const evidence = (word: string, telexed: boolean): number => {
    const folded = foldDiacritics(word);
    if (folded !== word) return -MARKED_WEIGHT;
    if (!counts.vi.has(folded) && !counts.en.has(folded)) {
      if (FILLER.test(folded)) return 0;
      if (SYLLABLE.test(folded) || (telexed && keystrokes(folded))) return -SHAPE_WEIGHT;
      return keystrokes(folded)?.strong ? -1 : SHAPE_WEIGHT;
    }
    if ((counts.vi.get(folded) ?? 0) >= SHARED_COUNT && (counts.en.get(folded) ?? 0) >= SHARED_COUNT) return 0;
    const ratio = rate('en', folded) / rate('vi', folded);
    return ratio >= CLEAR_RATIO ? 1 : ratio <= 1 / CLEAR_RATIO ? -1 : 0;
  };

  return (text) => {
    const words = wordsOf(text);
    const telexed = words.some((w) => !counts.vi.has(w) && !counts.en.has(w) && keystrokes(w)?.strong);
    let score = 0;
    for (const w of words) score += evidence(w, telexed);
    return score > 0 ? 'en' : score < 0 ? 'vi' : undefined;
  };
}
