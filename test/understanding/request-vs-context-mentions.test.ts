import assert from 'node:assert/strict';
import { createParser, type Parser } from '../../src/understanding';
import { SoftmaxClassifier } from '../../src/understanding/softmax-classifier';
import { INTENTS_DIR, named, lexiconNamer, PLAIN_MODELS } from './support';

// Round 6: which mention is the request. Every message below was written for this file and is in no evaluation set.
describe('understanding/round 6: mentions that are context, lists, look-alike cues', () => {
  let parser: Parser;
  const lexicon = lexiconNamer();
  before(() => {
    parser = createParser({ intentsDir: INTENTS_DIR, cacheDirs: PLAIN_MODELS });
  });

  describe('a document to bring is context when another procedure is asked about', () => {
    for (const [text, want] of [
      ['ông em đi đổi thẻ vì thẻ hết hạn, có cần cầm theo sổ hộ khẩu không', 'can-cuoc-cap-doi'],
      ['làm hộ chiếu lần đầu có phải nộp hộ khẩu bản sao không', 'ho-chieu'],
      // Alone, the household book is still thường trú.
      ['sổ hộ khẩu bị mất thì làm sao', 'thuong-tru'],
      // In a list it still counts as a member.
      ['hộ khẩu, tạm vắng có những loại thủ tục nào', 'group:cu-tru'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(lexicon(text), want));
    }
  });

  it('an imported vehicle ("xe nhập khẩu") is no household registration', () => {
    assert.equal(lexicon('ô tô nhập khẩu nguyên chiếc thì đăng ký biển số cần giấy gì'), 'dang-ky-xe');
    assert.equal(lexicon('nhập khẩu về nhà chồng cần gì'), 'thuong-tru');
  });

  describe('negation', () => {
    it('"không X được" (could not do X) leaves the other procedure as the request', () => {
      assert.equal(lexicon('con em ở ký túc xá công ty nên không đăng ký tạm trú được, ở nhà phải khai báo tạm vắng không'), 'tam-vang');
    });
    it('a plain "không" before the only mention is a condition, not a negation', () => {
      assert.equal(lexicon('không đăng ký tạm trú thì có bị phạt không'), 'tam-tru');
    });
    it('"không phải X mà là ..." alone gives the family (the bot asks which one)', () => {
      assert.equal(lexicon('không phải làm lại căn cước mà là sửa thông tin sai'), 'group:can-cuoc');
    });
  });

  describe('a purpose only suggests a procedure: one named outright wins', () => {
    it('"kinh doanh nhà nghỉ ... báo lưu trú" is lưu trú', () => {
      assert.equal(lexicon('chị mở kinh doanh nhà nghỉ, muốn hỏi báo lưu trú qua app thế nào'), 'luu-tru');
    });
  });

  describe('a family joined to its own member by a comma or "và" is the family', () => {
    it('with a comma', () => assert.equal(named(parser.parse('cho hỏi thủ tục an ninh trật tự, con dấu gồm những gì')), 'group:antt'));
    it('with "và"', () => assert.equal(lexicon('các thủ tục về đăng ký xe và sang tên xe là những thủ tục nào'), 'group:xe'));
    it('joined by anything else it is still the member', () => assert.equal(lexicon('cái cà vẹt với biển số nộp lại khi bỏ xe thế nào'), 'thu-hoi-dang-ky-xe'));
  });

  describe('emergencies are read from the situation, with the words as typed', () => {
    it('"phòng cháy xuống kiểm tra" is not "cháy xưởng"', () => assert.equal(parser.parse('đoàn phòng cháy xuống kiểm tra cơ sở').emergency?.grade, 'none'));
    it('"cháy xưởng" typed with or without diacritics is still a fire', () => {
      for (const text of ['cháy xưởng gỗ rồi', 'chay xuong go roi']) assert.deepEqual([parser.parse(text).emergency?.grade, parser.parse(text).emergency?.service], ['sure', 'fire'], text);
    });
    it('paperwork about fire hazards is not a fire', () => {
      assert.notEqual(parser.parse('how to get a licence for trucks carrying fire and explosion hazardous cargo').intent.name, 'emergency');
    });
  });

  it('a message that is only a dossier code asks about that dossier', () => {
    assert.equal(parser.parse('000.00.21.H55-250312-0042').intent.name, 'dossier_status');
  });

  it('training gives the same model whether the loops run class-major or feature-major (reproducible)', () => {
    const docs = [
      { features: ['a', 'b'], label: 'x' },
      { features: ['b', 'c'], label: 'y' },
      { features: ['a', 'c'], label: 'x' },
    ];
    const [m1, m2] = [new SoftmaxClassifier(['x', 'y']), new SoftmaxClassifier(['x', 'y'])];
    m1.train(docs, { epochs: 5 });
    m2.train(docs, { epochs: 5 });
    assert.deepEqual(m1.predict(['a']), m2.predict(['a']));
    assert.equal(m1.predict(['a', 'b'])[0].label, 'x');
  });
});
