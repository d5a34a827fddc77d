/** The parser as production builds it (assistant.ts), for the evaluations: with content's procedure aliases and places. */
import { join } from 'node:path';
import { loadKnowledge } from '../../knowledge/load-knowledge';
import { buildParser } from '../parser';
import { loadResources, type Resources } from '../resources';
import { loadTrainingData, type Example } from '../training-data';
import type { Parser, ParserOptions } from '../types';

/** The options production builds its parser with, from a content folder. */
export function productionParserOptions(contentDir: string): Pick<ParserOptions, 'procedureAliases' | 'locations'> {
  const knowledge = loadKnowledge(contentDir);
  return { procedureAliases: knowledge.procedureAliases(), locations: knowledge.locationEntries() };
}

/** The production parser of the repository at `root`, from `resources` and `examples` (an evaluation may alter them). */
export function buildProductionParser(
  root: string,
  resources: Resources = loadResources(join(root, 'intents')),
  examples: readonly Example[] = loadTrainingData(join(root, 'intents')),
): Parser {
  return buildParser(resources, examples, productionParserOptions(join(root, 'content')));
}
