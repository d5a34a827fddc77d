/** Turns raw tokens into the words the models know: abbreviation/teencode expansion, emoji, repairs of unknown words. */
import { collapseDoubles, collapseRepeats, foldForMatch, normaliseText } from './normalise';
import type { Abbreviations } from './resources';
import { SpellingCorrector } from './spelling';
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
// Two-letter abbreviations ("hs", "dc", "vs") hide inside too many ordinary glued words to be split off.
const MIN_GLUED_ABBREVIATION = 3;

/** Expands and repairs tokens using the data files (abbreviations.yaml) and the vocabulary of lexicons and training data. */
export class TokenNormaliser {
  private readonly expansions = new Map<string, Expansion[]>();
  private readonly emoji = new Map<string, Expansion[]>();
  private readonly units = new Map<string, Expansion[]>();
  private readonly prefixRewrites: [string, string][];
  readonly corrector = new SpellingCorrector();
  private readonly repairs = new Map<string, string[]>();

  constructor(abbreviations: Abbreviations) {
    for (const [key, value] of Object.entries(abbreviations.abbreviations)) this.expansions.set(foldForMatch(key), toExpansion(value));
    for (const [key, value] of Object.entries(abbreviations.emoji)) this.emoji.set(key, toExpansion(value));
    for (const [key, value] of Object.entries(abbreviations.units)) this.units.set(foldForMatch(key), toExpansion(value));
    this.prefixRewrites = Object.entries(abbreviations.prefix_rewrites);
  }

  /** The words expansions produce, so the vocabulary knows them. */
  expansionWords(): string[] {
    return [...this.expansions.values(), ...this.emoji.values(), ...this.units.values()].flatMap((list) => list.map((e) => e.text));
  }

  /** Normalises a token sequence; unknown words that cannot be repaired are kept as they are. */
  normalise(tokens: readonly Token[]): Word[] {
    const out: Word[] = [];
    for (const token of tokens) {
      const emoji = this.emoji.get(token.text);
      if (emoji) {
        for (const e of emoji) out.push({ ...token, ...e, synthetic: true });
        continue;
      }
      if (!/[\p{L}\p{N}]/u.test(token.text)) continue; // other emoji carry no meaning here
      const expanded = this.expand(token.text);
      if (expanded) {
        for (const e of expanded) out.push({ ...token, ...e, synthetic: expanded.length > 1 });
        continue;
      }
      if (MIXED.test(token.text)) {
        // "7h30", "50k", "25t": numbers stay, glued units are spelled out.
        for (const part of token.text.match(RUNS) ?? []) {
          const unit = this.units.get(part);
          if (unit) for (const e of unit) out.push({ ...token, ...e, synthetic: true });
          else out.push({ ...token, text: part, toned: part, synthetic: true });
        }
        continue;
      }
      const repaired = this.repair(token.text);
      if (repaired.length === 1 && repaired[0] === token.text) out.push({ ...token, synthetic: false });
      else for (const text of repaired) out.push({ ...token, text, toned: text, synthetic: repaired.length > 1 });
    }
    return out;
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
