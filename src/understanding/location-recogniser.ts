/** Finds communes, wards and units from the office directory (old names too) in a message. */
import { boundedDistance } from './edit-distance';
import { foldForMatch, normaliseText } from './normalise';
import { PhraseMatcher } from './phrase-matcher';
import type { LocationEntry } from './types';

/** A location mention: token range and the office-directory id. */
export interface LocationMention {
  from: number;
  to: number;
  id: string;
}

interface FuzzyName {
  /** Folded name words joined by one space. */
  text: string;
  words: number;
  id: string;
}

// A place word ("xã", "phường", "tt"...) makes the next words very likely a name, which allows more:
// one-word names and names with a typo. Without it both would collide with everyday words.
const MAX_NAME_WORDS = 4;
// Typos allowed in a name after a place word: none in short names (too many neighbours), then one, then two.
const fuzzyBudget = (length: number) => (length < 6 ? 0 : length < 12 ? 1 : 2);
// Only the first few place words of a message are tried, so a pasted list of places stays cheap.
const MAX_FUZZY_SITES = 3;

/**
 * Matches location names on folded words. Names of two or more words match anywhere; one-word names, and names
 * with a typo, only right after a place word.
 */
export class LocationRecogniser {
  private readonly names = new PhraseMatcher<string>();
  private readonly shortNames = new PhraseMatcher<string>();
  private readonly placeWords = new PhraseMatcher<true>();
  private readonly fuzzy: FuzzyName[] = [];
  /** Folded name → its spellings with diacritics, to refuse "đóng tiền" for Đồng Tiến when the citizen typed the marks. */
  private readonly spellings = new Map<string, string[]>();

  constructor(locations: readonly LocationEntry[] = [], placeWords: readonly string[] = []) {
    for (const p of placeWords) this.placeWords.add(p, true);
    const seen = new Set<string>();
    for (const loc of locations) {
      for (const name of [loc.id.replace(/-/g, ' '), ...loc.names]) {
        const toned = normaliseText(name.toLowerCase()).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
        for (const form of [foldForMatch(name), this.withoutPlaceWord(foldForMatch(name))]) {
          const words = form.split(' ').filter(Boolean);
          if (words.length > 0 && words.length <= toned.length) {
            const list = this.spellings.get(form) ?? [];
            list.push(toned.slice(toned.length - words.length).join(' '));
            this.spellings.set(form, list);
          }
          if (words.length === 0 || words.length > MAX_NAME_WORDS) {
            if (words.length > 0) this.names.add(form, loc.id);
            continue;
          }
          (words.length >= 2 ? this.names : this.shortNames).add(form, loc.id);
          const key = `${form}\u0000${loc.id}`;
          if (!seen.has(key)) {
            seen.add(key);
            this.fuzzy.push({ text: form, words: words.length, id: loc.id });
          }
        }
      }
    }
  }

  /** Words of every name (vocabulary for the spelling corrector). One-word names stay out: they would "correct" everyday words. */
  words(): string[] {
    return [...this.names.words(), ...this.placeWords.words()];
  }

  /**
   * Every location mentioned, left to right, without overlaps. `toned` (the words with their diacritics) lets a name
   * typed with diacritics that contradict it ("đóng tiền", "đường Quang") be refused; one wrong mark is forgiven.
   */
  recognise(words: readonly string[], toned?: readonly string[]): LocationMention[] {
    const found: LocationMention[] = this.names
      .match(words)
      .filter((m) => !toned || this.spelledAlike(words.slice(m.from, m.to).join(' '), toned.slice(m.from, m.to).join(' ')))
      .map((m) => ({ from: m.from, to: m.to, id: m.value }));
    const sites = [...new Set(this.placeWords.matchAll(words).map((m) => m.to))].filter((i) => i < words.length);
    const taken = (from: number, to: number) => found.some((f) => from < f.to && f.from < to);
    for (const [k, at] of sites.entries()) {
      if (taken(at, at + 1)) continue;
      const exact = this.shortNames.match(words.slice(at, at + 1))[0];
      if (exact) {
        found.push({ from: at, to: at + 1, id: exact.value });
        continue;
      }
      if (k >= MAX_FUZZY_SITES) continue;
      const near = this.closest(words, at);
      if (near && !taken(near.from, near.to)) found.push(near);
    }
    return found.sort((a, b) => a.from - b.from);
  }

  /** The name closest to the words starting at `at`, within its typo budget; a tie between two places gives nothing. */
  private closest(words: readonly string[], at: number): LocationMention | undefined {
    let best: { distance: number; length: number; mention: LocationMention } | undefined;
    let tied = false;
    const typed = Array.from({ length: MAX_NAME_WORDS + 1 }, (_, n) => (at + n <= words.length ? words.slice(at, at + n).join(' ') : undefined));
    for (const name of this.fuzzy) {
      const text = typed[name.words];
      if (text === undefined) continue;
      const budget = fuzzyBudget(name.text.length);
      if (budget === 0) continue;
      const distance = boundedDistance(text, name.text, budget);
      if (distance > budget) continue;
      const better = !best || distance < best.distance || (distance === best.distance && name.words > best.length);
      if (better) {
        best = { distance, length: name.words, mention: { from: at, to: at + name.words, id: name.id } };
        tied = false;
      } else if (best && distance === best.distance && name.words === best.length && name.id !== best.mention.id) tied = true;
    }
    return best && !tied ? best.mention : undefined;
  }

  private spelledAlike(folded: string, typed: string): boolean {
    if (!/[^\x00-\x7f]/.test(typed)) return true; // typed without diacritics: nothing to contradict
    return (this.spellings.get(folded) ?? []).some((s) => boundedDistance(typed, s, 1) <= 1);
  }

  private withoutPlaceWord(folded: string): string {
    const words = folded.split(' ');
    const lead = this.placeWords.match(words)[0];
    return lead && lead.from === 0 ? words.slice(lead.to).join(' ') : folded;
  }
}
