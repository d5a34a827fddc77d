/** Language understanding: the only door is `createParser(options).parse(text, locale)`. */
import { buildParser } from './parser';
import { loadResources } from './resources';
import { loadTrainingData } from './training-data';
import type { Parser, ParserOptions } from './types';

export type { IntentScore, LocationEntry, Locale, ParsedEntity, ParseResult, Parser, ParserOptions } from './types';
export { CLARIFY_BELOW } from './parser';
export { foldForMatch, foldDiacritics, normaliseText } from './normalise';
export { INTENT_NAMES, PROCEDURE_IDS } from './taxonomy-names';

/** Loads intents/ and trains the intent model synchronously (well under a second); throws naming the bad file. */
export function createParser(options: ParserOptions): Parser {
  return buildParser(loadResources(options.intentsDir), loadTrainingData(options.intentsDir), options);
}

/** The procedure families (căn cước, xe…) and their members, for the bot's "which one?" buttons; same file the parser reads. */
export function procedureGroups(intentsDir: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(loadResources(intentsDir).procedures.groups).map(([group, g]) => [group, g.members]));
}
