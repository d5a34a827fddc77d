/** Turns raw tokens into the words the models know: abbreviation/teencode expansion, emoji, repairs of unknown words. */
import { collapseDoubles, collapseRepeats, foldForMatch, normaliseText } from './normalise';
import type { Abbreviations } from './resources';
import { isSyllable, SpellingCorrector } from './spelling';
import { decodeTyping } from './telex-decoder';
import type { Token } from './tokenise';

/** A normalised word; `synthetic` marks words produced by expansion (they must not anchor entity offsets alone). */
export interface Word extends Token {
  synthetic: boolean;
}

interface Expansion {
  text: string;
  toned: string;
}

const NUMBER = /^\p{N}+$/u;
const MAX_REPAIR_LENGTH = 24;
const MIXED = /^(?=.*\p{N})(?=.*\p{L})[\p{L}\p{N}]+$/u;
const RUNS = /\p{N}+|\p{L}+/gu;
// Repairs depend only on the word and the fixed vocabulary, so they are cached; the bound keeps a flood of junk words from growing memory.
const REPAIR_CACHE_LIMIT = 20_000;
// Prefixes the memo key of a word typed with diacritics (no folded word starts with it).
const MARKED = '\u0001';
// Two-letter abbreviations ("hs", "dc", "vs") hide inside too many ordinary glued words to be split off.
const MIN_GLUED_ABBREVIATION = 3;

/** Expands and repairs tokens using the data files (abbreviations.yaml) and the vocabulary of lexicons and training data. */
export class TokenNormaliser {
  private readonly expansions = new Map<string, Expansion[]>();
  private readonly emoji = new Map<string, Expansion[]>();
  private readonly units = new Map<string, Expansion[]>();
  private readonly prefixRewrites: [string, string][];
  private readonly suffixRewrites: [string, string][];
  readonly corrector = new SpellingCorrector();
  // Letters and digits that the lexicons name as one word ("b2" of "bằng b2", "a1"): kept whole, not split as a unit.
  private readonly whole = new Set<string>();
  private readonly repairs = new Map<string, string[]>();
  // What each token text becomes depends only on that text: cached (bounded like the repairs), the training data's
  // thousands of repeated words are worked out once. `undefined` parts: keep the token as typed; `[]`: drop it.
  private readonly memo = new Map<string, { parts?: Expansion[]; synthetic: boolean }>();

  constructor(abbreviations: Abbreviations) {
    for (const [key, value] of Object.entries(abbreviations.abbreviations)) this.expansions.set(foldForMatch(key), toExpansion(value));
    for (const [key, value] of Object.entries(abbreviations.emoji)) this.emoji.set(key, toExpansion(value));
    for (const [key, value] of Object.entries(abbreviations.units)) this.units.set(foldForMatch(key), toExpansion(value));
    this.prefixRewrites = Object.entries(abbreviations.prefix_rewrites);
    this.suffixRewrites = Object.entries(abbreviations.suffix_rewrites);
  }

  /** Keeps these words whole when they mix letters and digits (issue 10: "Bằng B2 quá hạn" lost its licence alias). */
  keepWhole(words: Iterable<string>): void {
    for (const w of words) if (MIXED.test(w)) this.whole.add(w);
    this.memo.clear();
  }

  /** The words expansions produce, so the vocabulary knows them. */
  expansionWords(): string[] {
    return [...this.expansions.values(), ...this.emoji.values(), ...this.units.values()].flatMap((list) => list.map((e) => e.text));
  }

  /** Normalises a token sequence; unknown words that cannot be repaired are kept as they are. */
  normalise(typed: readonly Token[]): Word[] {
    const out: Word[] = [];
    // Telex and VNI leftovers first ("cawn cuwowcs" → "căn cước"): every later step reads the syllables meant.
    const tokens = decodeTyping(typed, (w) => this.corrector.has(w));
    for (const token of tokens) {
      // Round 29: a word typed with diacritics is planned apart from its bare letters (see teencodeEnding).
      const marked = token.toned !== token.text;
      const key = marked ? MARKED + token.text : token.text;
      let plan = this.memo.get(key);
      if (plan === undefined) {
        plan = this.plan(token.text, marked);
        if (this.memo.size < REPAIR_CACHE_LIMIT) this.memo.set(key, plan);
      }
      // Plain object literals of one shape (no spreads): this runs for every word of every message.
      if (!plan.parts) out.push({ text: token.text, toned: token.toned, start: token.start, end: token.end, synthetic: false });
      else for (const e of plan.parts) out.push({ text: e.text, toned: e.toned, start: token.start, end: token.end, synthetic: plan.synthetic });
    }
    return out;
  }

  /** What one token becomes: kept as typed (no parts), dropped (no part), or replaced by expansions / repairs. */
  private plan(text: string, marked: boolean): { parts?: Expansion[]; synthetic: boolean } {
    const emoji = this.emoji.get(text);
    if (emoji) return { parts: emoji, synthetic: true };
    if (!/[\p{L}\p{N}]/u.test(text)) return { parts: [], synthetic: false }; // other emoji carry no meaning here
    const expanded = this.expand(text);
    if (expanded) return { parts: expanded, synthetic: expanded.length > 1 };
    const ending = marked ? this.teencodeEnding(text) : undefined;
    if (ending) return { parts: [{ text: ending, toned: ending }], synthetic: false };
    if (MIXED.test(text) && !this.whole.has(text)) {
      // "7h30", "50k", "25t": numbers stay, glued units are spelled out.
      const parts: Expansion[] = [];
      for (const part of text.match(RUNS) ?? []) {
        const unit = this.units.get(part);
        if (unit) parts.push(...unit);
        else parts.push({ text: part, toned: part });
      }
      return { parts, synthetic: true };
    }
    const repaired = this.repair(text);
    if (repaired.length === 1 && repaired[0] === text) return { synthetic: false };
    return { parts: repaired.map((r) => ({ text: r, toned: r })), synthetic: repaired.length > 1 };
  }

  /**
   * Round 29: a word typed with diacritics whose ending no syllable of the language has, respelt by `suffix_rewrites`
   * ("bằg" → "bằng", "khôg" → "không": the "n" of a final "ng" dropped) when that gives a known syllable. Only typed with
   * diacritics: bare, "bag", "lag" or "dog" may be English, and the training data knows some of them. A spelling the
   * vocabulary holds as a word of its own (a correction target, seen twice in training) is read as that word.
   */
  private teencodeEnding(word: string): string | undefined {
    if (isSyllable(word) || this.corrector.isTarget(word)) return undefined;
    for (const [from, to] of this.suffixRewrites) {
      if (!word.endsWith(from) || word.endsWith(to)) continue;
      const respelt = word.slice(0, -from.length) + to;
      if (isSyllable(respelt) && this.corrector.has(respelt)) return respelt;
    }
    return undefined;
  }

  private expand(word: string): Expansion[] | undefined {
    return this.expansions.get(word) ?? this.expansions.get(collapseRepeats(word));
  }

  /** A known word glued to an abbreviation of at least three letters ("lamcccd", "cccdmat"): both halves, the abbreviation expanded. */
  private splitAbbreviation(word: string): string[] | undefined {
    for (let k = MIN_GLUED_ABBREVIATION; k <= word.length - 2; k++) {
      const [a, b] = [word.slice(0, word.length - k), word.slice(word.length - k)];
      const tail = this.expansions.get(b);
      if (tail && this.corrector.has(a)) return [a, ...tail.map((e) => e.text)];
      const [c, d] = [word.slice(0, k), word.slice(k)];
      const head = this.expansions.get(c);
      if (head && this.corrector.has(d)) return [...head.map((e) => e.text), d];
    }
    return undefined;
  }

  private repair(word: string): string[] {
    let repaired = this.repairs.get(word);
    if (repaired === undefined) {
      repaired = this.repairUncached(word);
      if (this.repairs.size < REPAIR_CACHE_LIMIT) this.repairs.set(word, repaired);
    }
    return repaired;
  }

  private repairUncached(word: string): string[] {
    // Nothing real is that long; repairing it would cost time quadratic in its length.
    if (NUMBER.test(word) || this.corrector.has(word) || word.length > MAX_REPAIR_LENGTH) return [word];
    const candidates = [collapseRepeats(word), collapseDoubles(word)];
    for (const [from, to] of this.prefixRewrites) if (word.startsWith(from)) candidates.push(to + word.slice(from.length));
    for (const c of candidates) {
      if (this.corrector.has(c)) return [c];
      const e = this.expand(c);
      if (e) return e.map((x) => x.text);
    }
    const base = candidates[0];
    // Issue 10: a correction never replaces a word that is a syllable of the language ("càng" is no "chang", "nuôi" no
    // "người", "khuya" no "khu ya"): unknown to the training data is not misspelt.
    if (isSyllable(base)) return [word];
    const split = base.length >= 5 ? this.corrector.split(base) : undefined;
    if (split) return split;
    // Tried on the word as typed too: collapsing stretched letters would turn "cccd" into "cd".
    const glued = base.length >= 5 ? (this.splitAbbreviation(word) ?? this.splitAbbreviation(base)) : undefined;
    if (glued) return glued;
    const corrected = this.corrector.correct(base);
    return [corrected ?? base];
  }
}

function toExpansion(value: string): Expansion[] {
  return normaliseText(value.toLowerCase())
    .split(/\s+/)
    .filter(Boolean)
    .map((toned) => ({ text: foldForMatch(toned), toned }));
}
