import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { facetReader, named, productionParser } from './support';

// Issue 10, round 31 (the causes behind the misses of styles-dev-22). Every message below was written for this file: it
// is in no training file and no evaluation set.
describe('understanding/styles 22', () => {
  let parser: Parser;
  let facets: (text: string) => string[];
  before(() => {
    parser = productionParser();
    facets = facetReader();
  });

  describe('the part asked', () => {
    it('the visit said not needed is the online way, not where to go', () => {
      assert.deepEqual(facets('nghe bảo giờ đổi bằng lái không cần lên trụ sở nữa, thật không ạ'), ['f:online']);
      assert.deepEqual(facets('nghe nói làm lý lịch tư pháp không phải lên công an, đúng không'), ['f:online']);
      assert.equal(parser.parse('thấy bảo gia hạn tạm trú giờ không cần đến trụ sở công an nữa, có đúng không').intent.name, 'procedure_online');
    });
    it('"gì đâu" closes a denial: the clause asks nothing, and the ask after it is the request', () => {
      assert.equal(named(parser.parse('em chưa bị phạt gì đâu, hỏi trước thôi, phục hồi điểm bằng lái thì làm thế nào')), 'gplx-phuc-hoi-diem');
      const r = parser.parse('chưa làm căn cước gì đâu, hỏi thử hộ chiếu phổ thông mất bao lâu');
      assert.equal(r.intent.name, 'procedure_duration');
      assert.equal(named(r), 'ho-chieu');
    });
  });

  describe('procedures told in other words', () => {
    it('a paper applied for ("xin …") is the request, not a document beside a purpose that names another procedure', () => {
      assert.equal(named(parser.parse('cho em hỏi xin phiếu lý lịch tư pháp để đi xuất khẩu lao động bên Nhật thì nộp ở đâu')), 'ly-lich-tu-phap');
      // The purpose alone still names its procedure.
      assert.equal(named(parser.parse('mình sắp đi xuất khẩu lao động, có phải khai báo gì với công an xã không')), 'tam-vang');
    });
    it('"xác nhận nhân khẩu", the old word, is the residence confirmation', () => {
      assert.equal(named(parser.parse('sổ hộ khẩu bỏ rồi thì xin xác nhận nhân khẩu cho con ở đâu')), 'xac-nhan-cu-tru');
    });
  });

  describe('complaints', () => {
    it('a short message that asks nothing and judges a service is feedback', () => {
      assert.equal(parser.parse('app vneid cứ văng ra mãi, khai tạm trú không được, bực mình ghê').intent.name, 'feedback');
    });
    it('...but not when it asks', () => {
      assert.notEqual(parser.parse('app vneid cứ văng ra, khai tạm trú không được thì làm sao').intent.name, 'feedback');
    });
  });
});
