import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge';
import { createParser, type Parser, type ParseResult } from '../../src/understanding';
import { Analyser, focusSentence } from '../../src/understanding/analyser';
import { foldForMatch } from '../../src/understanding/normalise';
import { ProcedureRecogniser } from '../../src/understanding/procedure-recogniser';
import { loadResources } from '../../src/understanding/resources';
import { tokenise } from '../../src/understanding/tokenise';
import type { EmergencyGrade, EmergencyService } from '../../src/understanding/types';
import { testModelCache } from '../support/model-cache';

/** The repository's training data and lexicons. */
export const INTENTS_DIR = join(__dirname, '..', '..', 'intents');

/** Where a parser of intents/ alone, and one built as in production, keep their models for the next test file. */
export const PLAIN_MODELS = [testModelCache('plain parser')];
export const PRODUCTION_MODELS = [testModelCache('production parser')];

/** The first entity of that name in a parse. */
export const findEntity = (r: ParseResult, name: string) => r.entities.find((e) => e.entity === name);

/** The value of the first entity of that name in a parse. */
export const entityValue = (r: ParseResult, name: string) => findEntity(r, name)?.value;

/** What a parse names: a procedure id, `group:<family>`, or `none`. */
export const named = (r: ParseResult) =>
  entityValue(r, 'procedure') ?? (entityValue(r, 'procedure_group') ? `group:${entityValue(r, 'procedure_group')}` : 'none');

/** What the lexicon alone names for a text (procedure id, `group:<family>` or `none`), without the learned model. */
export function lexiconNamer(): (text: string) => string {
  const { procedures, cues } = loadResources(INTENTS_DIR);
  const recogniser = new ProcedureRecogniser(procedures, cues.places);
  return (text) => {
    const m = recogniser.recognise(foldForMatch(text).split(/\s+/).filter(Boolean));
    return m?.procedure ?? (m?.group ? `group:${m.group}` : 'none');
  };
}

/** The part-of-procedure facets (`f:…`) the analyser reads in a text, with the repository's lexicons and no model. */
export function facetReader(): (text: string) => string[] {
  const analyser = new Analyser(loadResources(INTENTS_DIR), { targets: [], known: [] });
  return (text) => analyser.analyse(text).features.filter((f) => f.startsWith('f:'));
}

/** The folded words of the sentence a message is read as asking (focusSentence, without the cue lists). */
export function focusText(text: string): string {
  const words = tokenise(text, 2000);
  const [from, to] = focusSentence(text, words);
  return words.slice(from, to).map((w) => w.text).join(' ');
}

/** A parser built as in production: the content's procedure aliases and office places. */
export function productionParser(): Parser {
  const knowledge = loadKnowledge(join(__dirname, '..', '..', 'content'));
  return createParser({ intentsDir: INTENTS_DIR, procedureAliases: knowledge.procedureAliases(), locations: knowledge.locationEntries(), cacheDirs: PRODUCTION_MODELS });
}

/** Checks a message's emergency grade is one of `grades` and, when given, that one of `services` comes first. */
export type GradeCheck = (text: string, grades: EmergencyGrade[], services?: EmergencyService[]) => void;

export function gradeCheck(parser: Parser): GradeCheck {
  return (text, grades, services) => {
    const e = parser.parse(text).emergency;
    assert.ok(e, text);
    assert.ok(grades.includes(e.grade), `${text}: graded ${e.grade}, expected ${grades.join(' or ')}`);
    if (services) assert.ok(services.includes(e.service), `${text}: ${e.service} first, expected ${services.join(' or ')}`);
  };
}
