import assert from 'node:assert/strict';
import { Analyser } from '../../src/understanding/analyser';
import { loadResources } from '../../src/understanding/resources';
import { isSyllable } from '../../src/understanding/spelling';
import { TokenNormaliser } from '../../src/understanding/token-normaliser';
import { tokenise } from '../../src/understanding/tokenise';
import type { Parser } from '../../src/understanding';
import { INTENTS_DIR, named, productionParser } from './support';

// Issue 10, short styles after blind round 12: a spelling corrector that replaced right words, a correction read as the
// request, "onl". Every message here was written for this file and is in no evaluation set.
describe('understanding/short styles: real words left alone, corrections, chat shortenings', () => {
  describe('a word that is a Vietnamese syllable is never "corrected" into another', () => {
    const resources = loadResources(INTENTS_DIR);
    const normaliser = new TokenNormaliser(resources.abbreviations);
    // The near neighbours the corrector used to pick: training words one edit away from the words typed.
    normaliser.corrector.addWords(['chang', 'hoang', 'nguoi', 'nguoi', 'khu', 'ya', 'thoat', 'cuoc', 'cuoc', 'giay', 'giay']);
    normaliser.corrector.index();
    const read = (text: string) => normaliser.normalise(tokenise(text, 2000)).map((w) => w.text).join(' ');

    it('recognises syllables by their onset and rhyme', () => {
      for (const w of ['cang', 'choang', 'nuoi', 'khuya', 'thoa', 'nghieng', 'quyen', 'gieng', 'uong']) assert.ok(isSyllable(w), w);
      for (const w of ['cuocc', 'giayy', 'chug', 'matt', 'bnag', 'dzay', 'truus']) assert.ok(!isSyllable(w), w);
    });
    it('keeps real words, typed with or without diacritics', () => {
      assert.equal(read('càng ngày càng choáng'), 'cang ngay cang choang');
      assert.equal(read('nhà nuôi chó, về khuya'), 'nha nuoi cho ve khuya');
      assert.equal(read('nuoi con nho'), 'nuoi con nho');
    });
    it('still repairs what is no syllable of the language', () => {
      assert.equal(read('căn cướcc'), 'can cuoc');
      assert.equal(read('giâyy tờ'), 'giay to');
    });
  });

  describe('a clause that says what is not asked is context, not the request', () => {
    const analyser = new Analyser(loadResources(INTENTS_DIR), { targets: [], known: [] });
    it('asks the part named after the correction', () => {
      assert.deepEqual(analyser.analyse('không phải gia hạn đâu, em đăng ký lần đầu thì lệ phí bao nhiêu').askedFacets, ['fee']);
      assert.deepEqual(analyser.analyse('tôi không hỏi hộ chiếu, tôi hỏi làm tạm vắng mang giấy gì').askedFacets, ['documents']);
    });
    it('a denial alone, or one with nothing after it, is still read', () => {
      assert.deepEqual(analyser.analyse('không phải hộ chiếu mất bao lâu').askedFacets, ['duration']);
      // "không biết" is no denial: the where question is the request.
      assert.ok(analyser.analyse('không biết, nộp hồ sơ tạm trú ở đâu').askedFacets.includes('where'));
    });
  });

  describe('parsed as in production', () => {
    let parser: Parser;
    before(() => {
      parser = productionParser();
    });
    for (const [text, intent, procedure] of [
      // The correction is context: the fee of the licence test, not the exchange denied.
      ['không phải đổi bằng lái đâu, em đi thi bằng A1 lần đầu thì lệ phí bao nhiêu', 'procedure_fee', 'gplx-sat-hach-cap-moi'],
      // "onl" is online.
      ['xin giấy xác nhận cư trú làm onl được ko', 'procedure_online', 'xac-nhan-cu-tru'],
      // "<procedure> cần gì" asks for the papers.
      ['đăng ký tạm trú cho bạn ở ghép cần gì', 'procedure_documents', 'tam-tru'],
    ] as const) {
      it(`${text} → ${intent}, ${procedure}`, () => {
        const r = parser.parse(text);
        assert.equal(r.intent.name, intent, text);
        assert.equal(named(r), procedure, text);
      });
    }
  });
});
