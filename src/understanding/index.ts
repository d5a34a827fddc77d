/** Language understanding: the only door is `createParser(options).parse(text, locale)`. */
import { createLanguageDetector, type LanguageDetector } from './language-detector';
import { ModelCache } from './model-cache';
import { buildParser } from './parser';
import { loadResources } from './resources';
import { loadTrainingData } from './training-data';
import type { Parser, ParserOptions } from './types';

export type { IntentScore, LocationEntry, Locale, ParsedEntity, ParseResult, Parser, ParserOptions } from './types';
export { CLARIFY_BELOW } from './parser';
export type { LanguageDetector } from './language-detector';
export { foldForMatch, foldDiacritics, normaliseText, saysNothing } from './normalise';
export { INTENT_NAMES, PROCEDURE_IDS } from './taxonomy-names';

/**
 * Loads intents/ and trains the intent model synchronously (well under a second), or restores the same model from
 * `options.cacheDirs`; throws naming the bad file.
 */
export function createParser(options: ParserOptions): Parser {
  return parserFor(options, loadTrainingData(options.intentsDir));
}

/** What the bot understands with: the parser and the language detector, learned from one reading of intents/. */
export interface Understanding {
  parser: Parser;
  detectLanguage: LanguageDetector;
  /**
   * What the assistant says to itself before it listens (src/ops/warm-up.ts): the first Vietnamese training example of
   * each intent, then the first English one. Each intent's answer costs most the first time; in English, after them,
   * only the first message does (the English texts), ~1 ms of CPU each after it.
   */
  samples: readonly string[];
}

/** `createParser`, plus the language detector from the same examples (intents/ is read once for both). */
export function createUnderstanding(options: ParserOptions): Understanding {
  const examples = loadTrainingData(options.intentsDir);
  const samples = new Map<string, string>();
  for (const e of examples) {
    const key = e.locale === 'vi' ? e.intent : e.locale;
    if (!samples.has(key)) samples.set(key, e.text);
  }
  return { parser: parserFor(options, examples), detectLanguage: createLanguageDetector(examples), samples: [...samples.values()] };
}

function parserFor(options: ParserOptions, examples: ReturnType<typeof loadTrainingData>): Parser {
  const cache = options.cacheDirs?.length ? new ModelCache(options.cacheDirs) : undefined;
  return buildParser(loadResources(options.intentsDir), examples, options, {}, cache);
}

/** The procedure families (căn cước, xe…) and their members, for the bot's "which one?" buttons; same file the parser reads. */
export function procedureGroups(intentsDir: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(loadResources(intentsDir).procedures.groups).map(([group, g]) => [group, g.members]));
}
