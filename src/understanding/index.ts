/** Language understanding: the only door is `createParser(options).parse(text, locale)`. */
import { join } from 'node:path';
import { filesIn, filesKey } from '../util/code-fingerprint';
import { cacheInUse, remember } from '../util/yaml-cache';
import { createLanguageDetector, type LanguageDetector } from './language-detector';
import { ModelCache } from './model-cache';
import { buildParser } from './parser';
import type { Resources } from './resources';
import type { Example } from './training-data';
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
  const { resources, examples } = readIntents(options.intentsDir);
  return parserFor(options, resources, examples);
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
  /** The procedure families (căn cước, xe…) and their members, for the bot's "which one?" buttons; from the lexicon the parser reads. */
  groups: Record<string, string[]>;
}

/** `createParser`, plus the language detector from the same examples (intents/ is read once for both). */
export function createUnderstanding(options: ParserOptions): Understanding {
  const { resources, examples } = readIntents(options.intentsDir);
  const samples = new Map<string, string>();
  for (const e of examples) {
    const key = e.locale === 'vi' ? e.intent : e.locale;
    if (!samples.has(key)) samples.set(key, e.text);
  }
  const groups = Object.fromEntries(Object.entries(resources.procedures.groups).map(([group, g]) => [group, g.members]));
  return { parser: parserFor(options, resources, examples), detectLanguage: createLanguageDetector(examples), samples: [...samples.values()], groups };
}

function parserFor(options: ParserOptions, resources: Resources, examples: readonly Example[]): Parser {
  const cache = options.cacheDirs?.length ? new ModelCache(options.cacheDirs) : undefined;
  return buildParser(resources, examples, options, {}, cache);
}

/**
 * intents/ read and checked (~250 files, ~0.15 s of a start's CPU, most of it zod's), kept with the parsed YAML
 * (src/util/yaml-cache.ts) when a cache folder is set, under a key of every file read, this folder's code and the
 * parsing libraries' versions: a start with the same files restores it.
 */
export function readIntents(intentsDir: string): { resources: Resources; examples: Example[] } {
  // Loaded only when the files are read: their schemas load zod (~12 MB resident in a thread), which a start that
  // restores the cache never needs (the understanding's worker, src/understanding/parse-thread.ts).
  const read = () => {
    const { loadResources } = require('./resources') as typeof import('./resources');
    const { loadTrainingData } = require('./training-data') as typeof import('./training-data');
    return { resources: loadResources(intentsDir), examples: loadTrainingData(intentsDir) };
  };
  if (!cacheInUse()) return read();
  const files = [
    'abbreviations.yaml',
    ...['lexicon', 'situations', 'vi', 'en'].flatMap((sub) => filesIn(join(intentsDir, sub), '.yaml').map((f) => join(sub, f))),
  ];
  return remember(filesKey('intents', __dirname, ['yaml', 'zod'], intentsDir, files), read);
}
