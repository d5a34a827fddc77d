import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { loadKnowledge } from '../../src/knowledge';
import { createParser, type Parser } from '../../src/understanding';
import { trainNgramSvm } from '../../src/understanding/evaluation/ngram-baseline';
import { foldForMatch } from '../../src/understanding/normalise';
import { loadTrainingData } from '../../src/understanding/training-data';
import { INTENTS_DIR, entityValue, named, PRODUCTION_MODELS } from './support';

// Issue 10: long questions as citizens write them. Every message here was written for this file and is in no
// evaluation set. The parser is built as production builds it: with the content's aliases and places.
describe('understanding/citizen questions: the request in the story, 2025 procedures, slots', () => {
  let parser: Parser;
  before(() => {
    const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
    parser = createParser({ intentsDir: INTENTS_DIR, procedureAliases: knowledge.procedureAliases(), locations: knowledge.locationEntries(), cacheDirs: PRODUCTION_MODELS });
  });
  const entities = (text: string, name: string) => parser.parse(text).entities.filter((e) => e.entity === name).map((e) => e.value);

  describe('the procedure asked about, not the one the story names', () => {
    for (const [text, want] of [
      // The story's procedure is named first and as long as the request's: the request wins.
      ['Tôi ở trọ ở Sông Công đã bốn năm, có đăng ký tạm trú đầy đủ. Nay tôi đã mua được nhà, muốn đăng ký thường trú luôn thì làm thế nào?', 'thuong-tru'],
      ['Năm ngoái tôi đã đăng ký tạm trú cho cả nhà ở phường mới, vậy thì bây giờ đăng ký thường trú có cần giấy xác nhận của chủ nhà không', 'thuong-tru'],
      ['căn cước em làm rồi, giờ hỏi hộ chiếu thì mất bao lâu', 'ho-chieu'],
      // Negation: what is not asked about is context.
      ['em không hỏi về đăng ký xe, em hỏi nộp phạt nguội thì nộp ở đâu', 'nop-phat-giao-thong'],
      // A document for another procedure ("có cần lý lịch tư pháp không") is context; alone it is the procedure.
      ['Mở tiệm cầm đồ cần giấy chứng nhận đủ điều kiện an ninh trật tự, hồ sơ có cần lý lịch tư pháp không?', 'antt-kinh-doanh-co-dieu-kien'],
      ['con tôi cần phiếu lý lịch tư pháp để đi du học thì làm ở đâu', 'ly-lich-tu-phap'],
      // "nơi thường trú" is where someone lives, not the procedure.
      ['em xin giấy xác nhận cư trú ở công an nơi thường trú hay nơi đang ở cũng được ạ', 'xac-nhan-cu-tru'],
    ] as const) {
      it(`${text.slice(0, 70)}… → ${want}`, () => assert.equal(named(parser.parse(text)), want));
    }
    it('the intent of the request, not of the story', () => {
      assert.equal(parser.parse('căn cước em làm rồi, giờ hỏi hộ chiếu thì mất bao lâu').intent.name, 'procedure_duration');
    });
  });

  describe('driving licences and criminal records are police services (since 1 March 2025)', () => {
    for (const [text, want] of [
      // The licence named alone is its exchange or reissue, the police's own licence service (rounds 32 and 35).
      ['bằng lái xe thủ tục thế nào ạ', 'gplx-doi-cap-lai'],
      ['bằng lái ô tô của tôi hết hạn rồi thì đổi thế nào', 'gplx-doi-cap-lai'],
      ['muốn đi thi bằng lái xe máy thì đăng ký ở đâu', 'gplx-sat-hach-cap-moi'],
      ['làm bằng lái quốc tế để sang Hàn tự lái', 'gplx-quoc-te'],
      ['bằng lái bị trừ hết điểm thì làm sao', 'gplx-phuc-hoi-diem'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(named(parser.parse(text)), want));
    }
    it('are not out of scope', () => {
      for (const text of ['thi bằng lái xe máy hết bao nhiêu tiền', 'xin phiếu lý lịch tư pháp ở đâu']) assert.notEqual(parser.parse(text).intent.name, 'out_of_scope', text);
    });
    it('no out_of_scope training example teaches the old division of work', () => {
      const old = /bang lai|giay phep lai xe|gplx|ly lich tu phap|driving licen|criminal record/;
      const offenders = loadTrainingData(INTENTS_DIR).filter((e) => e.intent === 'out_of_scope' && old.test(foldForMatch(e.text)));
      assert.deepEqual(offenders.map((e) => e.text), []);
    });
  });

  describe('slots: vehicle type, age and every facet asked', () => {
    it('a vehicle named in the message', () => {
      assert.deepEqual(entities('đăng ký xe máy mới mua hết bao nhiêu tiền', 'vehicle_type'), ['motorbike']);
      assert.deepEqual(entities('sang tên ô tô cũ mất mấy ngày', 'vehicle_type'), ['car']);
      assert.deepEqual(entities('I bought a used motorbike, how do I transfer it', 'vehicle_type'), ['motorbike']);
    });
    it('a look-alike typed with other diacritics is no vehicle ("ở tổ dân phố" is not "ô tô")', () => {
      assert.deepEqual(entities('ở tổ dân phố em đăng ký tạm trú thế nào', 'vehicle_type'), []);
      assert.deepEqual(entities('dang ky o to het bao nhieu', 'vehicle_type'), ['car']);
    });
    it('the vehicle of the request wins over the story\'s', () => {
      assert.deepEqual(entities('Nhà em có xe máy rồi. Giờ mua thêm ô tô thì đăng ký hết bao nhiêu?', 'vehicle_type'), ['car']);
    });
    it('an age, typed or glued', () => {
      assert.deepEqual(entities('con em 14 tuổi làm căn cước ở đâu', 'age'), ['14']);
      assert.deepEqual(entities('e 17t muốn thi bằng lái xe máy', 'age'), ['17']);
      assert.deepEqual(entities('my son is 15 years old, does he need an ID card', 'age'), ['15']);
      assert.deepEqual(entities('làm căn cước mất 7 ngày à', 'age'), []);
    });
    it('every facet a multi-part question asks, in order, the story\'s left out', () => {
      assert.deepEqual(entities('14 tuổi làm căn cước cần mang gì, hết bao nhiêu tiền và mất bao lâu?', 'facet'), ['documents', 'fee', 'duration']);
      assert.deepEqual(entities('Tôi làm hộ chiếu hết 200 nghìn rồi. Giờ đăng ký tạm trú online được không?', 'facet'), ['online']);
    });
  });

  describe('the character n-gram baseline of nlu:eval', () => {
    it('learns from labelled texts and labels unseen spellings of them', () => {
      const model = trainNgramSvm([
        { text: 'làm căn cước hết bao nhiêu tiền', label: 'fee' },
        { text: 'lệ phí hộ chiếu là bao nhiêu', label: 'fee' },
        { text: 'làm căn cước mất bao lâu', label: 'duration' },
        { text: 'hộ chiếu bao lâu thì có', label: 'duration' },
        { text: 'xin chào ad', label: 'greeting' },
        { text: 'chào buổi sáng', label: 'greeting' },
      ]);
      assert.equal(model.predict('tam tru het bao nhieu tien'), 'fee');
      assert.equal(model.predict('dang ky xe mat bao lau'), 'duration');
      assert.equal(model.predict('chao ad a'), 'greeting');
    });
  });
  it('names the procedure family by value (sanity of the support helper)', () => {
    assert.equal(entityValue(parser.parse('các thủ tục về bằng lái xe'), 'procedure_group'), 'gplx');
  });
});
