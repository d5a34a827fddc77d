/**
 * Finds phrases as PhraseMatcher does (folded: "nhắn tin" and "nhận tin" are one), then keeps only the matches typed as
 * written: a word typed without diacritics fits any spelling, one typed with them must fit the phrase's own (issue 10:
 * "nhắn tin" is no "nhận tin", "lửa" no "lừa", "bạn" no "bán", "dùng" no "dừng").
 */
import { isDeepStrictEqual } from 'node:util';
import { foldForMatch, normaliseText } from './normalise';
import { PhraseMatcher, type PhraseMatch } from './phrase-matcher';

/** How the words of a phrase may be typed with diacritics (a word typed without any always fits). */
export interface Typing {
  /**
   * Where the phrase writes a word with diacritics: `own`, only with its own ("lửa" is no "lừa"); `any`, with any (an
   * alias's "căn cước" typed "cắn cược" is still the card: the other words tell it).
   */
  marked: 'own' | 'any';
  /** Where the phrase writes a word without: `bare`, only so ("thi bằng lái" is no "thì bằng lái"); `any`, with any. */
  bare: 'bare' | 'any';
  /**
   * Another spelling of a phrase listed before (same folded words): `sameValue`, another spelling of it when its value
   * is the same, ignored under another value (the first owner keeps the folded words); `own`, a spelling of its own
   * value ("bán" and "bạn" each count where typed so).
   */
  spellings: 'sameValue' | 'own';
  /**
   * Round 34: words a phrase writes without diacritics because they have none, whatever `bare` says: typed with any they
   * are another word ("cát", sand, is no "cat"; "sông", a river, no "song"; "đảo", an island, no "dao", a knife).
   */
  plain?: ReadonlySet<string>;
  /**
   * Round 36: words a phrase writes with diacritics that, typed with other ones, are another common word, whatever
   * `marked` says ("rơi", dropped, is no "rồi", already: "sáp nhập tỉnh rồi, căn cước …" names no lost card).
   */
  toned?: ReadonlySet<string>;
}

const STRICT: Typing = { marked: 'own', bare: 'bare', spellings: 'sameValue' };

interface Spelling<V> {
  /** The phrase's words as written (normaliseText, lower case), one for each folded word. */
  written: string[];
  /** Whether each written word has no diacritics. */
  bare: boolean[];
  value: V;
}

/** Dictionary of phrases mapped to values, matched folded and kept when typed as written (see Typing). */
export class TypedPhraseMatcher<V> {
  private readonly phrases = new PhraseMatcher<Spelling<V>[]>();
  private readonly byFolded = new Map<string, Spelling<V>[]>();
  private readonly typing: Typing;

  constructor(typing: Partial<Typing> = {}) {
    this.typing = { ...STRICT, ...typing };
  }

  /** Adds a phrase as written; a later spelling of the same folded words is kept as `spellings` says. */
  add(phrase: string, value: V): void {
    const key = foldForMatch(phrase);
    if (!key) return;
    // Split where folding splits ("don't" is two words), so each written word stands at its folded word's place.
    const written = normaliseText(phrase.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ');
    const spelling = { written, bare: written.map((w) => w === foldForMatch(w)), value };
    const known = this.byFolded.get(key);
    if (!known) {
      const spellings = [spelling];
      this.byFolded.set(key, spellings);
      this.phrases.add(phrase, spellings);
      return;
    }
    if (known.some((s) => s.written.join(' ') === spelling.written.join(' '))) return;
    if (this.typing.spellings === 'own') known.push(spelling);
    else if (isDeepStrictEqual(known[0].value, value)) known.push({ ...spelling, value: known[0].value });
  }

  /** Every word that appears in some phrase, folded (feeds the spelling corrector's vocabulary). */
  words(): string[] {
    return this.phrases.words();
  }

  /**
   * PhraseMatcher.match's non-overlapping matches, longest first, kept when typed as written: a longer phrase typed
   * otherwise still hides the shorter ones inside it. `folded` and `toned`: the words folded and as typed (tone marks
   * placed as normaliseText places them; by default as typed without diacritics, which every spelling fits); only words
   * [from, to) are read, and positions count from `from`.
   */
  match(folded: readonly string[], toned: readonly string[] = folded, from = 0, to = folded.length): PhraseMatch<V>[] {
    const part = from === 0 && to === folded.length ? folded : folded.slice(from, to);
    const found = this.phrases.match(part);
    const kept = this.typed(found, folded, toned, from);
    if (!this.typing.toned?.size || kept.length === found.length) return kept;
    // Round 36: a phrase lost to a word typed as another (`toned`: "rồi" for "rơi") hides nothing: the phrases inside it
    // that fit are read instead ("sáp nhập tỉnh rồi, căn cước …" still names the card).
    const lost = found.filter((m) => !kept.some((k) => k.from === m.from) && m.value.some((sp) => this.fits(sp, from + m.from, folded, toned, false)));
    if (lost.length === 0) return kept;
    const all = this.phrases.matchAll(part);
    const inside = lost.flatMap((m) => {
      const fitting = this.typed(all.filter((a) => a.from >= m.from && a.to <= m.to && !(a.from === m.from && a.to === m.to)), folded, toned, from);
      const chosen: PhraseMatch<V>[] = [];
      for (const f of [...fitting].sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from)) {
        if (!chosen.some((c) => c.from < f.to && f.from < c.to)) chosen.push(f);
      }
      return chosen;
    });
    return [...kept, ...inside].sort((a, b) => a.from - b.from);
  }

  /** Every phrase at every position (overlapping), kept when typed as written; as `match` otherwise. */
  matchAll(folded: readonly string[], toned: readonly string[] = folded, from = 0, to = folded.length): PhraseMatch<V>[] {
    const part = from === 0 && to === folded.length ? folded : folded.slice(from, to);
    return this.typed(this.phrases.matchAll(part), folded, toned, from);
  }

  /** The matches typed as one of their spellings: with `own` spellings, one for each spelling typed (several at one place). */
  private typed(found: readonly PhraseMatch<Spelling<V>[]>[], folded: readonly string[], toned: readonly string[], from: number): PhraseMatch<V>[] {
    const out: PhraseMatch<V>[] = [];
    for (const m of found) {
      for (const s of m.value) {
        if (!this.fits(s, from + m.from, folded, toned)) continue;
        out.push({ from: m.from, to: m.to, value: s.value });
        if (this.typing.spellings !== 'own') break;
      }
    }
    return out;
  }

  /** Whether `s` is typed as written at `from`; with `withToned` false, the `toned` words are read as `marked` says. */
  private fits(s: Spelling<V>, from: number, folded: readonly string[], toned: readonly string[], withToned = true): boolean {
    const { marked, bare } = this.typing;
    const own = withToned ? this.typing.toned : undefined;
    for (let k = 0; k < s.written.length; k++) {
      const typed = toned[from + k];
      // Typed without diacritics (and past the words given, as a bare word would be).
      if (typed === undefined || typed === folded[from + k]) continue;
      if (s.bare[k] ? bare === 'bare' || this.typing.plain?.has(s.written[k]) : (marked === 'own' || own?.has(s.written[k])) && typed !== s.written[k]) return false;
    }
    return true;
  }
}
