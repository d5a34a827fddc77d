/** Finds known multi-word phrases in a token sequence, longest first, in time linear in the message. */
import { foldForMatch } from './normalise';

/** A phrase found in a message: token range [from, to) and what the phrase stands for. */
export interface PhraseMatch<V> {
  from: number;
  to: number;
  value: V;
}

interface Entry<V> {
  words: string[];
  value: V;
}

/** Dictionary of phrases (folded on the way in) mapped to values. */
export class PhraseMatcher<V> {
  private readonly byFirst = new Map<string, Entry<V>[]>();
  /** Every phrase added, its folded words joined by one space: a duplicate is found without walking its list. */
  private readonly known = new Set<string>();
  private readonly fold: (phrase: string) => string;

  /** `fold` turns a phrase into the token form it is matched against (folded by default; identity for toned cues). */
  constructor(fold: (phrase: string) => string = foldForMatch) {
    this.fold = fold;
  }

  /** Adds a phrase; later duplicates of the same words are ignored so the first owner wins. */
  add(phrase: string, value: V): void {
    const words = this.fold(phrase).split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    const key = words.join(' ');
    if (this.known.has(key)) return;
    this.known.add(key);
    const list = this.byFirst.get(words[0]);
    if (list === undefined) {
      this.byFirst.set(words[0], [{ words, value }]);
      return;
    }
    // Longest first, and in the order added among phrases of one length (what a stable sort after each push gave):
    // placed after the last entry at least as long. The lexicon adds thousands, many under one first word (a start
    // spent ~45 ms of the understanding's build comparing and sorting them, docs/performance.md).
    let at = list.length;
    while (at > 0 && list[at - 1].words.length < words.length) at--;
    list.splice(at, 0, { words, value });
  }

  /** Every word that appears in some phrase (feeds the spelling corrector's vocabulary). */
  words(): string[] {
    return [...this.byFirst.values()].flatMap((list) => list.flatMap((e) => e.words));
  }

  /** Non-overlapping matches, scanning left to right and taking the longest phrase at each position. */
  match(tokens: readonly string[]): PhraseMatch<V>[] {
    const found: PhraseMatch<V>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const hit = this.longestAt(tokens, i);
      if (hit) {
        found.push(hit);
        i = hit.to;
      } else i++;
    }
    return found;
  }

  /** Matches allowed to overlap (every phrase at every position), for cues that only need to be seen. */
  matchAll(tokens: readonly string[]): PhraseMatch<V>[] {
    const found: PhraseMatch<V>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const entries = this.byFirst.get(tokens[i]);
      if (entries === undefined) continue;
      for (const entry of entries) {
        if (this.fits(tokens, i, entry.words)) found.push({ from: i, to: i + entry.words.length, value: entry.value });
      }
    }
    return found;
  }

  private longestAt(tokens: readonly string[], i: number): PhraseMatch<V> | undefined {
    // Most words start no phrase: no empty list (and iterator) is made for them, as matching runs dozens of times a parse.
    const entries = this.byFirst.get(tokens[i]);
    if (entries === undefined) return undefined;
    for (const entry of entries) {
      if (this.fits(tokens, i, entry.words)) return { from: i, to: i + entry.words.length, value: entry.value };
    }
    return undefined;
  }

  private fits(tokens: readonly string[], i: number, words: string[]): boolean {
    if (i + words.length > tokens.length) return false;
    for (let k = 1; k < words.length; k++) if (tokens[i + k] !== words[k]) return false;
    return true;
  }
}
