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
    it('names that member when nothing qualifies it and no list is asked', () => {
      assert.equal(named(parser.parse('lệ phí đăng ký xe máy ở xã mình khoảng bao nhiêu')), 'dang-ky-xe');
      assert.equal(named(parser.parse('sáng chủ nhật công an phường có nhận làm căn cước không')), 'can-cuoc-cap-moi');
      assert.equal(named(parser.parse('phòng xuất nhập cảnh mở cửa mấy giờ')), 'ho-chieu');
      assert.equal(named(parser.parse('nghe đồn bằng lái giờ do công an cấp, đúng không')), 'gplx-doi-cap-lai');
    });
    it('a qualifier still decides, and qualifiers that disagree leave the family', () => {
      assert.equal(named(parser.parse('căn cước của mẹ tôi sắp hết hạn, đổi ở đâu')), 'can-cuoc-cap-doi');
      assert.equal(named(parser.parse('thẻ căn cước của bố bị gãy thì làm sao')), 'group:can-cuoc');
    });
    it('a list question is still the family, and the papers of a vehicle are not its registration', () => {
      assert.equal(named(parser.parse('bên mình làm được những thủ tục nào về căn cước')), 'group:can-cuoc');
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
