/**
 * Slot entities a message gives besides the procedure (issue 10): the kind of vehicle (`vehicle_type`: motorbike | car,
 * which picks a fee variant), the age of the person concerned (`age`), and every question facet asked (`facet`:
 * documents | fee | duration | online | info | fine), so the bot can answer the main ask and offer the others as buttons.
 */
import { PhraseMatcher, type PhraseMatch } from './phrase-matcher';
import type { Word } from './token-normaliser';
import { TypedPhraseMatcher } from './typed-phrase-matcher';

/** A slot found at word range [from, to). */
export interface Slot {
  entity: 'vehicle_type' | 'age' | 'facet';
  value: string;
  from: number;
  to: number;
}

// The facet entity's values; cue groups map onto them ("how" questions are answered by the procedure's info card).
// A fine's amount (`fine`) is no fee: the bot answers it with what the procedure's fine depends on, where the content has one.
const FACET_VALUES: Record<string, string> = { documents: 'documents', fee: 'fee', duration: 'duration', online: 'online', how: 'info', validity: 'info', fine: 'fine' };
const MAX_AGE = 120;

/** Finds vehicle type, age and facets; built once from the cue file. */
export class SlotFinder {
  // Typed as written: "ở tổ" is no "ô tô".
  private readonly vehicles = new TypedPhraseMatcher<string>();
  private readonly ageUnits = new PhraseMatcher<true>();

  constructor(vehicleTypes: Record<string, readonly string[]>, ageUnits: readonly string[]) {
    for (const [value, phrases] of Object.entries(vehicleTypes)) {
      for (const p of phrases) this.vehicles.add(p, value);
    }
    for (const u of ageUnits) this.ageUnits.add(u, true);
  }

  /** Words of every cue (vocabulary for the spelling corrector). */
  words(): string[] {
    return this.vehicles.words();
  }

  /**
   * Slots of a message. `request` is the word range that asks (facets outside it are the story's, and a vehicle named
   * there wins); `facetHits` are the facet cue matches on the message's words; `taken` marks words inside other entities.
   */
  find(words: readonly Word[], facetHits: readonly PhraseMatch<string>[], request: { from: number; to: number }, taken: (i: number) => boolean): Slot[] {
    const slots: Slot[] = [];
    const folded = words.map((w) => w.text);
    const vehicles = this.vehicles.match(folded, words.map((w) => w.toned));
    const vehicle = vehicles.find((m) => m.from >= request.from && m.to <= request.to) ?? vehicles[0];
    if (vehicle) slots.push({ entity: 'vehicle_type', value: vehicle.value, from: vehicle.from, to: vehicle.to });
    const age = this.age(folded);
    if (age) slots.push(age);
    const seen = new Set<string>();
    for (const h of facetHits) {
      const value = FACET_VALUES[h.value];
      if (!value || seen.has(value) || h.from < request.from || h.to > request.to) continue;
      let inside = false;
      for (let i = h.from; i < h.to; i++) inside ||= taken(i);
      if (inside) continue;
      seen.add(value);
      slots.push({ entity: 'facet', value, from: h.from, to: h.to });
    }
    return slots;
  }

  /** "14 tuổi", "17t", "15 years old": the first number followed by an age unit, as typed or glued ("17t"). */
  age(folded: readonly string[]): Slot | undefined {
    for (let i = 0; i < folded.length; i++) {
      const glued = /^(\d{1,3})([a-z]+)$/.exec(folded[i]);
      if (glued && this.ageUnits.match([glued[2]]).length === 1 && Number(glued[1]) <= MAX_AGE) return { entity: 'age', value: String(Number(glued[1])), from: i, to: i + 1 };
      if (!/^\d{1,3}$/.test(folded[i]) || Number(folded[i]) > MAX_AGE) continue;
      const unit = this.ageUnits.match(folded.slice(i + 1, i + 4))[0];
      if (unit && unit.from === 0) return { entity: 'age', value: String(Number(folded[i])), from: i, to: i + 1 + unit.to };
    }
    return undefined;
  }
}
