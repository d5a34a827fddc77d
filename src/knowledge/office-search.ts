/** Place-name search over the directory: current, former and old-district names, with or without diacritics. */
import { foldForMatch } from '../util/fold-text';
import type { LocationEntry, MatchKind, Office, OfficeMatch } from './types';

interface Variant {
  folded: string;
  /** ` folded `, as searched for in every message: built once, not once per variant per message. */
  padded: string;
  name: string;
  kind: MatchKind;
  office: Office;
}

// Longer names win ("huyện Đại Từ" beats "Đại Từ"); on equal length a current name beats an alias,
// an alias beats a former unit, a former unit beats an old district.
const KIND_BONUS: Record<MatchKind, number> = { name: 3, alias: 2, former: 1, district: 0 };
// Bare names shorter than this ("Đu") are only matched with their type word ("thị trấn Đu"): too many false hits.
const MIN_BARE_LENGTH = 4;

/** A name found in the text, with where it was found (in the folded text). */
interface Hit {
  v: Variant;
  from: number;
  to: number;
}

/**
 * "xã Dương Quang, thành phố Bắc Kạn": an old district said beside a commune qualifies it, so the commune (or units)
 * inside that district win over the district's whole list. Undefined when the text does not have both.
 */
function qualifiedByDistrict(hits: Hit[]): Hit[] | undefined {
  const districts = new Set(hits.filter((h) => h.v.kind === 'district').map((h) => h.v.office.id));
  const places = hits.filter((h) => h.v.kind !== 'district');
  if (districts.size === 0 || places.length === 0) return undefined;
  const inside = places.filter((h) => districts.has(h.v.office.id));
  return inside.length > 0 ? inside : undefined;
}

/** A prebuilt index for findOffices and locationEntries. */
export interface PlaceIndex {
  find(placeText: string): OfficeMatch[];
  entries(): LocationEntry[];
}

/** Removes a leading place-type word ("xã", "thị trấn", "huyện"…) given in content/fields.yaml. */
export function stripPlaceType(name: string, placeTypes: readonly string[]): string {
  const folded = foldForMatch(name);
  const types = placeTypes.map(foldForMatch).sort((a, b) => b.length - a.length);
  for (const t of types) if (folded.startsWith(`${t} `)) return folded.slice(t.length + 1);
  return folded;
}

/** Builds the place index from the directory, the place-type words and the words of an old district's level. */
export function buildPlaceIndex(offices: readonly Office[], placeTypes: readonly string[], districtTypes: readonly string[] = []): PlaceIndex {
  const variants: Variant[] = [];
  // Every word of an old district's level is read as the first ("thị xã", "thành phố", "district" → "huyện"): one
  // variant per district and side, however the level was said.
  const levels = districtTypes.map(foldForMatch).sort((a, b) => b.length - a.length);
  const level = foldForMatch(districtTypes[0] ?? '');
  const anyLevel = new RegExp(` (?:${levels.join('|')})(?= )`, 'g');
  const atLevel = (text: string) => (level ? text.replace(anyLevel, ` ${level}`) : text);
  const push = (folded: string, name: string, kind: MatchKind, office: Office) => variants.push({ folded, padded: ` ${folded} `, name, kind, office });
  const add = (office: Office, name: string, kind: MatchKind) => {
    const folded = foldForMatch(name);
    if (folded) push(folded, name, kind, office);
    const bare = stripPlaceType(name, placeTypes);
    if (bare !== folded && bare.length >= MIN_BARE_LENGTH) push(bare, name, kind, office);
  };
  for (const office of offices) {
    add(office, office.name, 'name');
    if (office.area) add(office, office.area, 'name');
    for (const n of office.aliases) add(office, n, 'alias');
    for (const n of office.formerUnits) add(office, n, 'former');
    for (const n of office.formerDistricts) add(office, n, 'district');
    // An old district under its level's word, before the name or after it (read as `level`, see find): longer than the
    // bare name, so the district wins over the commune of that name ("thị xã Phổ Yên" is not phường Phổ Yên alone).
    for (const n of level ? office.formerDistricts : []) {
      const bare = stripPlaceType(n, placeTypes);
      for (const folded of [`${level} ${bare}`, `${bare} ${level}`]) if (folded !== foldForMatch(n)) push(folded, n, 'district', office);
    }
  }

  // A name is in a text only where each of its words is one of the text's words (folded text is single-spaced). Each
  // name is filed under its rarest word ("vuong", not "phuong"), so a message looks at the few names filed under its
  // words instead of all ~1,500 (docs/performance.md).
  const wordsOf = variants.map((v) => [...new Set(v.folded.split(' '))]);
  const frequency = new Map<string, number>();
  for (const words of wordsOf) for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const byWord = new Map<string, number[]>();
  wordsOf.forEach((words, i) => {
    const rarest = words.reduce((a, b) => (frequency.get(b)! < frequency.get(a)! ? b : a));
    const list = byWord.get(rarest);
    if (list) list.push(i);
    else byWord.set(rarest, [i]);
  });

  return {
    find(placeText) {
      const text = atLevel(` ${foldForMatch(placeText)} `);
      if (text.trim() === '') return [];
      const candidates: number[] = [];
      for (const word of new Set(text.split(' '))) {
        const list = byWord.get(word);
        if (list) candidates.push(...list);
      }
      // In the directory's order, as when every name was tried: the first of equal names is the one kept.
      candidates.sort((a, b) => a - b);
      const hits: Hit[] = [];
      for (const i of candidates) {
        const v = variants[i];
        const at = text.indexOf(v.padded);
        if (at >= 0) hits.push({ v, from: at, to: at + v.folded.length + 1 });
      }
      // A name inside a longer name said ("Bắc Kạn" in "thành phố Bắc Kạn", "Đại Từ" in "huyện Đại Từ") is part of it.
      const whole = hits.filter((h) => !hits.some((g) => g.from <= h.from && h.to <= g.to && g.to - g.from > h.to - h.from));
      const best = new Map<string, OfficeMatch>();
      for (const { v } of qualifiedByDistrict(whole) ?? whole) {
        const score = v.folded.length * 4 + KIND_BONUS[v.kind];
        const prev = best.get(v.office.id);
        if (!prev || score > prev.score) best.set(v.office.id, { office: v.office, matchedName: v.name, matchedBy: v.kind, score });
      }
      const matches = [...best.values()];
      const top = Math.max(...matches.map((m) => m.score));
      // Only the best tier: "công an huyện Đại Từ" should give the units that took over the district, not xã Đại Từ alone.
      return matches.filter((m) => m.score === top).sort((a, b) => a.office.name.localeCompare(b.office.name, 'vi'));
    },
    entries() {
      return offices.map((o) => {
        const names = new Set<string>();
        for (const n of [o.name, o.area, ...o.aliases, ...o.formerUnits]) {
          if (!n) continue;
          names.add(n);
          const bare = stripPlaceType(n, placeTypes);
          if (bare.length >= MIN_BARE_LENGTH && bare !== foldForMatch(n)) names.add(stripOriginal(n, bare));
        }
        // An old district by its full name ("công an thành phố Thái Nguyên", no question word) names a place too; bare,
        // it would be the province's name in every message.
        for (const n of o.formerDistricts) names.add(n);
        return { id: o.id, names: [...names] };
      });
    },
  };
}

// Returns the original-spelling tail of `name` that folds to `bare` (keeps diacritics for the parser).
function stripOriginal(name: string, bare: string): string {
  const words = name.trim().split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    const tail = words.slice(i).join(' ');
    if (foldForMatch(tail) === bare) return tail;
  }
  return name;
}
