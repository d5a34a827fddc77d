/** Everything a parse needs before the intent model: normalised words, entities, facets, the emergency rule. */
import { findDossierCodes } from './dossier-code';
import { EmergencyDetector } from './emergency-detector';
import { featuresOf } from './features';
import { LocationRecogniser } from './location-recogniser';
import { PhraseMatcher } from './phrase-matcher';
import { ProcedureRecogniser } from './procedure-recogniser';
import type { Resources } from './resources';
import { TokenNormaliser, type Word } from './token-normaliser';
import { tokenise } from './tokenise';
import type { LocationEntry, ParsedEntity } from './types';

/** Messages are read up to this many characters: enough for any real question, and a 10,000-character paste stays fast. */
export const MAX_CHARS = 2000;
/** ...and up to this many words: a real question is far shorter, and every later step is linear in it. */
export const MAX_TOKENS = 200;

/** The result of analysing one message. */
export interface Analysis {
  words: Word[];
  entities: ParsedEntity[];
  /** Language asked for by a change-language message (en / vi), if any. */
  language?: ParsedEntity;
  emergency: boolean;
  features: string[];
}

/** Builds the deterministic parts of understanding from the data files; `vocabulary` adds the training words. */
export class Analyser {
  private readonly normaliser: TokenNormaliser;
  private readonly procedures: ProcedureRecogniser;
  private readonly locations: LocationRecogniser;
  private readonly emergency: EmergencyDetector;
  private readonly facets = new PhraseMatcher<string>();
  private readonly topics = new PhraseMatcher<string>();
  private readonly languages = new PhraseMatcher<string>();

  constructor(resources: Resources, vocabulary: { targets: Iterable<string>; known: Iterable<string> }, options: { procedureAliases?: Record<string, string[]>; locations?: LocationEntry[] } = {}) {
    this.normaliser = new TokenNormaliser(resources.abbreviations);
    this.procedures = new ProcedureRecogniser(resources.procedures, options.procedureAliases);
    this.locations = new LocationRecogniser(options.locations, resources.cues.places);
    this.emergency = new EmergencyDetector(resources.cues.emergency);
    for (const [facet, phrases] of Object.entries(resources.cues.facets)) for (const p of phrases) this.facets.add(p, facet);
    for (const [topic, phrases] of Object.entries(resources.cues.topics)) for (const p of phrases) this.topics.add(p, topic);
    for (const [lang, phrases] of Object.entries(resources.cues.languages)) for (const p of phrases) this.languages.add(p, lang);
    const corrector = this.normaliser.corrector;
    corrector.addWords(vocabulary.targets);
    corrector.addKnown(vocabulary.known);
    for (const m of [this.procedures, this.locations, this.emergency, this.facets, this.topics, this.languages]) corrector.addWords(m.words());
    corrector.addWords(this.normaliser.expansionWords());
    corrector.index();
  }

  /** Analyses the first MAX_CHARS characters of `text`. */
  analyse(text: string): Analysis {
    const tokens = tokenise(text, MAX_CHARS, MAX_TOKENS);
    // Dossier codes are searched only in the part that was tokenised, so no regex ever runs over a whole paste.
    const head = text.slice(0, tokens.length > 0 ? tokens[tokens.length - 1].end : 0);
    const words = this.normaliser.normalise(tokens);
    const folded = words.map((w) => w.text);
    const entities: ParsedEntity[] = [];
    const placeholders: (string | undefined)[] = new Array(words.length).fill(undefined);
    const mark = (from: number, to: number, placeholder: string) => {
      for (let i = from; i < to; i++) placeholders[i] = i === from ? placeholder : '';
    };
    const span = (from: number, to: number) => ({ start: words[from].start, end: words[to - 1].end });

    for (const code of findDossierCodes(head)) {
      entities.push({ entity: 'dossier_code', value: code.value, start: code.start, end: code.end });
      const inside = words.flatMap((w, i) => (w.start >= code.start && w.end <= code.end ? [i] : []));
      if (inside.length > 0) mark(inside[0], inside[inside.length - 1] + 1, '§code');
    }
    const mention = this.procedures.recognise(folded);
    if (mention) {
      const value = mention.procedure ?? mention.group ?? '';
      entities.push({ entity: mention.procedure ? 'procedure' : 'procedure_group', value, ...span(mention.from, mention.to) });
      mark(mention.from, mention.to, mention.procedure ? '§proc' : '§grp');
    }
    for (const loc of this.locations.recognise(folded, words.map((w) => w.toned))) {
      if (placeholders.slice(loc.from, loc.to).some((p) => p !== undefined)) continue;
      entities.push({ entity: 'location', value: loc.id, ...span(loc.from, loc.to) });
      mark(loc.from, loc.to, '§loc');
    }
    const delexed: string[] = [];
    folded.forEach((w, i) => {
      const p = placeholders[i];
      if (p === undefined) delexed.push(/^\p{N}+$/u.test(w) ? '§num' : w);
      else if (p) delexed.push(p);
    });
    // Longest cue wins, so "giá trị" (validity) does not also count as "giá" (price).
    const facets = [...new Set(this.facets.match(delexed).map((m) => m.value))];
    const topics = [...new Set(this.topics.matchAll(delexed).map((m) => m.value))];
    // Whether a procedure is named at all: "how do I get a birth certificate" looks like a procedure question but names none of ours.
    topics.push(mention ? 'named_procedure' : 'no_procedure');
    const lang = this.languages.match(folded)[0];
    const emergency = this.emergency.detect(words) !== undefined;
    return {
      words,
      entities: entities.sort((a, b) => a.start - b.start),
      language: lang ? { entity: 'language', value: lang.value, ...span(lang.from, lang.to) } : undefined,
      emergency,
      features: featuresOf({ words: delexed, facets, topics }),
    };
  }
}
