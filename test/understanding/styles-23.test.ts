import assert from 'node:assert/strict';
import { decodeTelex, decodeVni } from '../../src/understanding/telex-decoder';
import type { Parser } from '../../src/understanding/types';
import { named, productionParser } from './support';

// Issue 10, round 32 (the causes behind the misses of styles-dev-23 and blind round 22). Every message below was written
// for this file: it is in no training file and no evaluation set.
describe('understanding/styles 23', () => {
  let parser: Parser;
  before(() => {
    parser = productionParser();
  });

  describe('a family named by the name of its usual member', () => {
    it('names that member where the member would not change the answer', () => {
      assert.equal(named(parser.parse('chủ nhật công an phường có nhận hồ sơ đăng ký xe không')), 'dang-ky-xe');
      assert.equal(named(parser.parse('bằng lái xe máy thì lên công an nào làm')), 'gplx-doi-cap-lai');
      assert.equal(named(parser.parse('góp ý: chỗ đăng ký xe máy ở phường đông quá, nên thêm bàn')), 'dang-ky-xe');
    });
    it('keeps the family where the member changes the answer, or in a list, or for a family writers split on', () => {
      // Round 35: no longer for the steps, papers, fee or time of "đăng ký xe": the usual member stands for every question
      // but a list (procs-26.test.ts).
      assert.equal(named(parser.parse('bên mình làm được những thủ tục nào về đăng ký xe')), 'group:xe');
      assert.equal(named(parser.parse('sáng chủ nhật công an phường có nhận làm căn cước không')), 'group:can-cuoc');
    });
    it('a qualifier still decides, and the papers of a vehicle are not its registration', () => {
      assert.equal(named(parser.parse('vừa mua xe máy mới, đăng ký xe ở đâu')), 'dang-ky-xe');
      assert.equal(named(parser.parse('bán xe rồi, thu hồi đăng ký xe làm ở đâu')), 'thu-hoi-dang-ky-xe');
      assert.equal(named(parser.parse('cà vẹt xe với giấy tờ xe thì hỏi chỗ nào')), 'group:xe');
    });
  });

  describe('a member denied', () => {
    it('leaves its family, unless the family\'s qualifiers name one other member', () => {
      assert.equal(named(parser.parse('không phải tạm trú đâu, nhà mình cho khách du lịch ngủ lại một tối thì báo thế nào')), 'luu-tru');
      assert.equal(named(parser.parse('không phải làm lại căn cước, cái thẻ của mẹ hết hạn rồi')), 'can-cuoc-cap-doi');
      assert.equal(named(parser.parse('không phải tạm trú, vậy thì là thủ tục gì')), 'group:cu-tru');
    });
  });

  describe('telex and VNI leftovers', () => {
    it('a nine-keystroke telex syllable is decoded', () => {
      assert.equal(decodeTelex('truwowngf')?.text, 'trường');
      assert.equal(decodeTelex('nghieengs')?.text, 'nghiếng');
    });
    it('a VNI 9 with no d to cross is the breve beside it', () => {
      assert.equal(decodeVni('ca9n')?.text, 'căn');
      assert.equal(decodeVni('d9a6u')?.text, 'đâu');
      assert.equal(decodeVni('ho9i'), undefined);
    });
    it('messages typed so are read for their procedure', () => {
      assert.equal(named(parser.parse('nhaapj hooj khaaur thuwowngf truss cho con owr ddaau')), 'thuong-tru');
      assert.equal(named(parser.parse('ca9n cu7o71c he61t ha5n d9o63i o73 d9a6u')), 'can-cuoc-cap-doi');
    });
  });
});
