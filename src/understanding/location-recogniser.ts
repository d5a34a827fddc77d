/** Finds communes, wards and units from the office directory (old names too) in a message. */
import { PhraseMatcher } from './phrase-matcher';
import type { LocationEntry } from './types';

/** A location mention: token range and the office-directory id. */
export interface LocationMention {
  from: number;
  to: number;
  id: string;
}

/** Matches location names on folded words; one-word names are skipped because they collide with everyday words. */
export class LocationRecogniser {
  private readonly names = new PhraseMatcher<string>();

  constructor(locations: readonly LocationEntry[] = []) {
    for (const loc of locations) {
      for (const name of [loc.id.replace(/-/g, ' '), ...loc.names]) {
        if (name.trim().split(/\s+/).length >= 2) this.names.add(name, loc.id);
      }
    }
  }

  /** Words of every name (vocabulary for the spelling corrector). */
  words(): string[] {
    return this.names.words();
  }

  /** Every location mentioned, left to right. */
  recognise(words: readonly string[]): LocationMention[] {
    return this.names.match(words).map((m) => ({ from: m.from, to: m.to, id: m.value }));
  }
}
