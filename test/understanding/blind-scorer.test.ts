import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreBlindFile } from '../../src/understanding/evaluation/blind';
import type { EmergencyJudgement, ParseResult, Parser } from '../../src/understanding/types';

// The blind rounds' scorer (npm run nlu:blind) against a parser whose answers are given, so each rule of the READMEs is
// checked on its own: also_intent, "where either way", procedures, recall by either grade, the first number, false alarms.
describe('understanding/evaluation: the blind rounds\' scorer', () => {
  const answer = (intent: string, procedure?: string, emergency?: Partial<EmergencyJudgement>): ParseResult => ({
    text: '',
    intent: { name: intent, confidence: 0.9 },
    intent_ranking: [],
    entities: procedure ? [{ entity: 'procedure', value: procedure, start: 0, end: 1 }] : [],
    emergency: { grade: 'none', service: 'police', asksNumbers: false, ...emergency },
  });
  const answers: Record<string, ParseResult> = {
    'a': answer('procedure_fee', 'ho-chieu'),
    'b': answer('procedure_info', 'tam-tru'),
    'c': answer('procedure_info', 'tam-tru'),
    'd': answer('procedure_info', 'ho-chieu'),
    'e': answer('emergency', undefined, { grade: 'sure', service: 'fire' }),
    'f': answer('crime_report', undefined, { grade: 'possible', service: 'police' }),
    'g': answer('out_of_scope'),
    'h': answer('out_of_scope', undefined, { grade: 'possible', service: 'medical' }),
    'i': answer('help', undefined, { asksNumbers: true }),
    'j': answer('help'),
    'k': answer('emergency', undefined, { grade: 'sure', service: 'medical' }),
  };
  const parser: Parser = { parse: (text) => answers[text] ?? assert.fail(text) };
  const constant = (label: string) => ({ predict: () => label });

  it('reads a question for the numbers as no danger, and a card as its answer', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blind-')), 'set.yaml');
    writeFileSync(file, [
      'items:',
      '- {text: "j", intent: help, also_intent: [emergency], asks_numbers: true}',
      '- {text: "k", intent: emergency, emergency: sure, number: "115", asks_numbers: true}',
    ].join('\n'));
    const f = scoreBlindFile(file, parser, { intents: constant('help'), procedures: constant('ho-chieu') });
    // j: harmless, asked, not answered (no grade, no numbers); k: a danger caught whose card answers the question.
    assert.deepEqual([f.dangers, f.caught, f.harmless, f.numbersAsked, f.numbersAnswered], [1, 1, 1, 2, 1]);
    assert.ok(f.errors.some((e) => e.startsWith('[numbers not answered] j')), f.errors.join('\n'));
  });

  it('counts each figure by the rules the rounds publish', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blind-')), 'set.yaml');
    writeFileSync(file, [
      'items:',
      '- {text: "a", intent: procedure_info, procedure: ho-chieu, also_intent: [procedure_fee], emergency: none}',
      '- {text: "b", intent: office_location, procedure: tam-tru, emergency: none}',
      '- {text: "c", intent: office_location, emergency: none}',
      '- {text: "d", intent: procedure_documents, procedure: can-cuoc-cap-moi, emergency: none}',
      '- {text: "e", intent: emergency, emergency: sure, number: "113", also_ok: ["114"]}',
      '- {text: "f", intent: emergency, emergency: possible, number: "115"}',
      '- {text: "g", intent: emergency}',
      '- {text: "h", intent: out_of_scope, emergency: none}',
      '- {text: "i", intent: office_location, also_intent: [help], emergency: none, asks_numbers: true}',
    ].join('\n'));
    const f = scoreBlindFile(file, parser, { intents: constant('procedure_info'), procedures: constant('ho-chieu') });
    // a: also_intent; b: office_location read as procedure_info with the procedure named; c: no procedure named; e: sure; i.
    assert.deepEqual([f.count, f.intent, f.whereEither], [9, 4, 5]);
    assert.deepEqual([f.procedureCount, f.procedure, f.ngramIntent, f.ngramProcedure], [3, 2, 1, 1]);
    // e caught sure with an also_ok number; f caught possible with the wrong number; g (no grade, intent emergency) missed.
    assert.deepEqual([f.dangers, f.caught, f.sureLabelled, f.sureOfSure, f.rightNumber], [3, 2, 2, 1, 1]);
    assert.deepEqual([f.harmless, f.falseSure, f.falsePossible, f.numbersAsked, f.numbersAnswered], [6, 0, 1, 1, 1]);
    assert.ok(f.errors.some((e) => e.startsWith('[danger sure missed] g')), f.errors.join('\n'));
    assert.ok(f.errors.some((e) => e.startsWith('[number 113 ≠ 115] f')), f.errors.join('\n'));
  });
});
