import assert from 'node:assert/strict';
import { createParser, type Parser } from '../../src/understanding';
import { decideProcedure, PROCEDURE_THRESHOLDS, type ProcedureEvidence } from '../../src/understanding/procedure-decision';
import { procedureClass } from '../../src/understanding/procedure-model';
import { featuresOf, MIN_GRAM_DOCS, withoutRareGrams } from '../../src/understanding/features';
import { buildParser, type InspectableParser } from '../../src/understanding/parser';
import { loadResources } from '../../src/understanding/resources';
import { loadTrainingData } from '../../src/understanding/training-data';
import { INTENTS_DIR, findEntity as entity, PLAIN_MODELS } from './support';

const members = new Map([['can-cuoc', new Set(['can-cuoc-cap-moi', 'can-cuoc-cap-doi', 'can-cuoc-cap-lai'])]]);
const evidence = (over: Partial<ProcedureEvidence>): ProcedureEvidence => ({ intent: 'procedure_info', emergency: false, lexicon: 'none', ranking: [], ...over });

// Every message below was written for this file and is not in intents/ or in any evaluation set.
describe('understanding/learned procedure model', () => {
  let parser: Parser;
  before(() => {
    parser = createParser({ intentsDir: INTENTS_DIR, cacheDirs: PLAIN_MODELS });
  });

  it('labels training examples with their procedure, family or none', () => {
    assert.equal(procedureClass({ procedure: 'tam-tru' }), 'tam-tru');
    assert.equal(procedureClass({ group: 'xe' }), 'group:xe');
    assert.equal(procedureClass({}), 'none');
  });

  describe('decision rules', () => {
    const confident = [{ label: 'luu-tru', p: 0.9 }, { label: 'none', p: 0.1 }];
    it('uses a confident guess when the lexicon found nothing, on a procedure intent', () => {
      assert.deepEqual(decideProcedure(evidence({ ranking: confident }), members), { procedure: 'luu-tru', p: 0.9 });
    });
    it('gives nothing for a guess below the threshold', () => {
      const low = [{ label: 'luu-tru', p: PROCEDURE_THRESHOLDS.unnamed - 0.01 }, { label: 'none', p: 0.3 }];
      assert.equal(decideProcedure(evidence({ ranking: low }), members), undefined);
    });
    it('never adds a procedure to greetings, dossier status, out of scope or an emergency', () => {
      for (const intent of ['greeting', 'thanks', 'dossier_status', 'out_of_scope', 'crime_report', 'emergency']) {
        assert.equal(decideProcedure(evidence({ intent, ranking: confident }), members), undefined, intent);
      }
      assert.equal(decideProcedure(evidence({ emergency: true, ranking: confident }), members), undefined);
    });
    it('leaves a procedure named by the lexicon alone, and a deliberate "nothing" too', () => {
      assert.equal(decideProcedure(evidence({ lexicon: 'mention', ranking: confident }), members), undefined);
      assert.equal(decideProcedure(evidence({ lexicon: 'abstain', ranking: confident }), members), undefined);
    });
    it('resolves a family only to one of its members, and only when very confident', () => {
      const sure = [{ label: 'can-cuoc-cap-lai', p: 0.97 }];
      assert.deepEqual(decideProcedure(evidence({ lexicon: 'mention', group: 'can-cuoc', ranking: sure }), members), { procedure: 'can-cuoc-cap-lai', p: 0.97 });
      const unsure = [{ label: 'can-cuoc-cap-lai', p: 0.8 }];
      assert.equal(decideProcedure(evidence({ lexicon: 'mention', group: 'can-cuoc', ranking: unsure }), members), undefined);
      const outside = [{ label: 'ho-chieu', p: 0.99 }];
      assert.equal(decideProcedure(evidence({ lexicon: 'mention', group: 'can-cuoc', ranking: outside }), members), undefined);
    });
  });

  describe('in the parser', () => {
    it('resolves situations that name no procedure', () => {
      const guests = parser.parse('họ hàng dưới quê lên nhà em chơi mấy hôm thì có phải báo gì với công an xã không');
      assert.equal(entity(guests, 'procedure')?.value, 'luu-tru');
      assert.equal(entity(guests, 'procedure')?.extractor, 'procedure_model');
      assert.ok((entity(guests, 'procedure')?.confidence ?? 0) >= PROCEDURE_THRESHOLDS.unnamed);
      const student = parser.parse('con em sắp lên Thái Nguyên học, thuê phòng ở gần trường thì phải khai gì với công an');
      assert.equal(entity(student, 'procedure')?.value, 'tam-tru');
    });
    it('does not invent a procedure for out-of-scope messages, greetings or thanks', () => {
      for (const text of ['chào buổi sáng ad', 'cảm ơn anh chị nhiều', 'giá vàng hôm nay bao nhiêu', 'quán bún nào ngon gần chợ Thái']) {
        const r = parser.parse(text);
        assert.equal(entity(r, 'procedure'), undefined, text);
        assert.equal(entity(r, 'procedure_group'), undefined, text);
      }
    });
    it("keeps the lexicon's family when the model is not sure (làm căn cước hết bao nhiêu)", () => {
      assert.equal(entity(parser.parse('làm căn cước hết bao nhiêu'), 'procedure_group')?.value, 'can-cuoc');
    });
    it('gives no procedure when the model is not confident enough', () => {
      // A situation the model is not sure about (below the threshold): the bot asks instead of guessing. (Issue 10: the
      // former example, a husband working abroad for three years, is tạm vắng by our own labels, as in fresh.yaml.)
      const r = parser.parse('bố em sắp về hưu, ở nhà có phải làm giấy tờ gì với công an không');
      assert.equal(entity(r, 'procedure'), undefined);
    });
    it('gives no procedure to a vague follow-up', () => {
      const r = parser.parse('thế mất bao lâu hả ad');
      assert.equal(entity(r, 'procedure'), undefined);
      assert.equal(entity(r, 'procedure_group'), undefined);
    });
  });

  // Issue 10, round 10: the procedure model also reads the character n-grams the plain TF-IDF baseline reads.
  describe('character n-grams', () => {
    const input = { words: ['tam', 'tru', '§loc'], facets: ['documents'], topics: [], context: ['em', 'o', 'tro', 'tam', 'tru'] };
    it('are read from the request (g:) and from the whole message (xg:) only when asked for', () => {
      const plain = featuresOf(input);
      const withGrams = featuresOf(input, { charGrams: true });
      assert.equal(plain.some((f) => f.startsWith('g:') || f.startsWith('xg:')), false);
      // 4- and 5-letter grams across the word boundary, with a space at each end.
      for (const g of ['g: tam', 'g:m tr', 'g:am tr', 'g:tru ', 'xg:o tro', 'xg: em ']) assert.ok(withGrams.includes(g), g);
      assert.deepEqual(withGrams.filter((f) => !f.startsWith('g:') && !f.startsWith('xg:')), plain);
    });
    it('are kept only when enough training messages have them, every other feature always', () => {
      const common = Array.from({ length: MIN_GRAM_DOCS }, () => ['w:tam', 'g:tam ', 'xg:tru ']);
      const kept = withoutRareGrams([...common, ['w:hiem', 'g:hiem', 'xg:tam', 'f:fee']]);
      assert.deepEqual(kept[0], ['w:tam', 'g:tam ', 'xg:tru ']);
      assert.deepEqual(kept[MIN_GRAM_DOCS], ['w:hiem', 'f:fee']);
    });
    describe('in the procedure model', function () {
      this.timeout(60_000);
      let inspectable: InspectableParser;
      before(() => {
        inspectable = buildParser(loadResources(INTENTS_DIR), loadTrainingData(INTENTS_DIR));
      });
      it('tells a situation whose words the lexicon does not know (points restored on a licence)', () => {
        // Word features alone put can-cuoc-cap-lai first ("làm lại"); the grams of "tru het diem", "bang" carry the licence.
        const ranking = inspectable.procedureEvidence('bị trừ hết điểm bằng rồi giờ muốn được cộng lại thì làm gì')?.ranking ?? [];
        assert.equal(ranking[0]?.label, 'gplx-phuc-hoi-diem');
      });
    });
  });
});
