import assert from 'node:assert/strict';
import { Analyser } from '../../src/understanding/analyser';
import { loadResources } from '../../src/understanding/resources';
import type { Parser } from '../../src/understanding/types';
import { decodeTelex } from '../../src/understanding/telex-decoder';
import { INTENTS_DIR, lexiconNamer, named, productionParser } from './support';

// Issue 10, round 27 (the causes behind the misses of styles-dev-18). Every message below was written for this file: it
// is in no training file and no evaluation set.
describe('understanding/styles 18', () => {
  let parser: Parser;
  let analyser: Analyser;
  let lexicon: (text: string) => string;
  before(() => {
    parser = productionParser();
    analyser = new Analyser(loadResources(INTENTS_DIR), { targets: [], known: [] });
    lexicon = lexiconNamer();
  });

  describe('the part asked, in words the cue lists lacked', () => {
    it('how many sets of the dossier, and whether the papers one has are enough, ask for the papers', () => {
      assert.ok(analyser.analyse('hồ sơ thẩm duyệt nộp bao nhiêu bộ thì đủ').features.includes('f:documents'));
      assert.ok(analyser.analyse('tôi có hợp đồng với giấy hẹn, như vậy đủ chưa').features.includes('f:documents'));
      // An age is no paper: a bare "đủ chưa" asks nothing of the kind.
      assert.ok(!analyser.analyse('con tôi 13 tuổi rưỡi đủ chưa').features.includes('f:documents'));
      assert.equal(parser.parse('gia hạn tạm trú cho khách thuê phòng phải nộp mấy bộ').intent.name, 'procedure_documents');
    });
  });

  describe('a loss, or an intensifier', () => {
    it('"mất" closing a feeling is no lost passport', () => {
      assert.equal(lexicon('làm hộ chiếu cho cả nhà mà chờ lâu thế này thì điên mất'), 'ho-chieu');
      assert.equal(lexicon('hộ chiếu hẹn mai có mà giờ chưa gọi, sốt ruột chết mất'), 'ho-chieu');
    });
    it('a passport lost is still reported', () => {
      assert.equal(lexicon('đi du lịch về thì hộ chiếu bị mất ở sân bay'), 'trinh-bao-mat-ho-chieu');
    });
  });

  it('the plate pressed is the registration\'s own step: the vehicle family resolves to it', () => {
    assert.equal(lexicon('xe mới bấm biển số hôm qua, bao giờ lấy được giấy đăng ký xe'), 'dang-ky-xe');
    // A seller's plate handed back stays the cancellation.
    assert.equal(lexicon('bán xe rồi, đăng ký xe cũ nộp lại biển ở đâu'), 'thu-hoi-dang-ky-xe');
  });

  describe('English', () => {
    it('family coming to stay a while is the short-stay declaration, not temporary residence', () => {
      assert.equal(lexicon('my parents are coming to visit for two weeks, my landlord says I must declare them, how?'), 'luu-tru');
    });
    it('speaking with someone is the talk cue, as speaking to them is', () => {
      assert.ok(analyser.analyse('could I speak with an officer please').topics.includes('talk'));
      assert.ok(analyser.analyse('can I talk with someone real').topics.includes('talk'));
    });
  });

  it('telex with the horn or breve key struck after the final consonant shapes the vowel', () => {
    assert.equal(decodeTelex('truongwf')?.text, 'trường');
    assert.equal(decodeTelex('mangw')?.text, 'măng');
    assert.equal(named(parser.parse('cho em hoir ddawng kys thuongwf truus cho con')), 'thuong-tru');
    // English words keep their letters.
    assert.equal(decodeTelex('saw'), undefined);
  });
});
