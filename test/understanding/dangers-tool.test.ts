import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadDangerSets, scoreDangers, totalOf, type DangerFigures, type DangerSet } from '../../src/understanding/evaluation/dangers';
import { changes, drawPositions } from '../../src/understanding/evaluation/drift';
import type { EmergencyGrade, EmergencyJudgement, Parser } from '../../src/understanding/types';

// `npm run nlu:dangers` against a parser whose grades are given, so each count is checked on its own.
describe('understanding/evaluation: the danger counts of nlu:dangers', () => {
  const grades: Record<string, Partial<EmergencyJudgement> | undefined> = {
    'fire caught': { grade: 'sure', service: 'fire' },
    'fire as a line, police first': { grade: 'possible', service: 'police' },
    'sign missed': { grade: 'none' },
    'crash, also 113': { grade: 'sure', service: 'police' },
    'film': { grade: 'sure', service: 'fire' },
    'recipe': { grade: 'possible', service: 'fire' },
    'numbers asked': { grade: 'none', asksNumbers: true },
    'payload': undefined,
  };
  const parser: Parser = {
    parse: (text) => {
      assert.ok(text in grades, text);
      const e = grades[text];
      return { text, intent: { name: 'x', confidence: 1 }, intent_ranking: [], entities: [], emergency: e && { grade: 'none', service: 'police', asksNumbers: false, ...e } };
    },
  };
  const set: DangerSet = {
    name: 'set',
    blind: false,
    items: [
      { text: 'fire caught', emergency: 'sure', number: '114' },
      { text: 'fire as a line, police first', emergency: 'sure', number: '114' },
      { text: 'sign missed', emergency: 'possible', number: '115' },
      { text: 'crash, also 113', emergency: 'sure', number: '115', also_ok: ['113'] },
      { text: 'film', emergency: 'none' },
      { text: 'recipe', emergency: 'none' },
      { text: 'numbers asked', emergency: 'none' },
      // No grade: a danger by its intent; a payload has no judgement at all, so it is missed.
      { text: 'payload', intent: 'emergency' },
    ],
  };

  it('counts misses, false cards, false lines and wrong first numbers', () => {
    const f = scoreDangers(parser, set);
    assert.deepEqual([f.dangers, f.harmless], [5, 3]);
    assert.deepEqual(f.missed, ['[possible] sign missed', '[sure] payload']);
    assert.deepEqual(f.falseSure, ['film']);
    assert.deepEqual(f.falsePossible, ['recipe']);
    assert.deepEqual(f.wrongNumber, ['[113 ≠ 114] fire as a line, police first']);
    assert.deepEqual(f.verdicts.map((v) => `${v.grade}:${v.first ?? '-'}`), ['sure:114', 'possible:113', 'none:-', 'sure:113', 'sure:114', 'possible:114', 'none:-', 'none:-']);
    const total = totalOf('TOTAL', [f, f]);
    assert.deepEqual([total.dangers, total.harmless, total.missed.length, total.falseSure.length, total.wrongNumber.length], [10, 6, 4, 2, 2]);
  });

  it('reads every emergency dev set and blind round file, a question for the numbers as harmless', () => {
    const sets = loadDangerSets(join(__dirname, '..', '..'));
    const names = sets.map((s) => s.name);
    assert.equal(names[0], 'emergency-dev');
    assert.ok(names.indexOf('emergency-dev-2') < names.indexOf('emergency-dev-10'), names.join());
    assert.ok(names.includes('round-7/emergency') && names.indexOf('round-9/styles') < names.indexOf('round-10/citizens'), names.join());
    assert.ok(sets.filter((s) => !s.blind).every((s) => s.name.startsWith('emergency-dev')));
    const dev12 = sets.find((s) => s.name === 'emergency-dev-12');
    assert.equal(dev12?.items.find((i) => i.text === 'cho em xin số công an khẩn cấp')?.emergency, 'none');
    const dev13 = sets.find((s) => s.name === 'emergency-dev-13');
    assert.ok(dev13?.items.some((i) => i.also_ok?.length), 'a dev set item keeps the other numbers its writer accepts');
  });
});

describe('understanding/evaluation: the drift measure of nlu:drift', () => {
  const figures = (grades: string[]): DangerFigures[] => [{
    name: 's', blind: false, dangers: 0, harmless: 0, missed: [], falseSure: [], falsePossible: [], wrongNumber: [],
    verdicts: grades.map((g) => {
      const [grade, first] = g.split(':');
      return { danger: true, grade: grade as EmergencyGrade, first: first || undefined, missed: false, wrongNumber: false };
    }),
  }];

  it('counts items whose grade or first number changed, and grade changes apart', () => {
    const base = figures(['sure:113', 'possible:114', 'none:', 'sure:115']);
    assert.deepEqual(changes(base, figures(['sure:113', 'sure:114', 'none:', 'sure:113'])), { outcomes: 2, grades: 1 });
    assert.deepEqual(changes(base, base), { outcomes: 0, grades: 0 });
  });

  it('leaves out distinct lines, the same for a seed and others for another', () => {
    const a = drawPositions(2909, 8, 1);
    assert.equal(new Set(a).size, 8);
    assert.ok(a.every((i) => i >= 0 && i < 2909));
    assert.deepEqual(drawPositions(2909, 8, 1), a);
    assert.notDeepEqual(drawPositions(2909, 8, 2), a);
  });
});
