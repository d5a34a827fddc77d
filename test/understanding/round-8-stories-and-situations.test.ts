import assert from 'node:assert/strict';
import path from 'node:path';
import { loadKnowledge } from '../../src/knowledge';
import { createParser, type Parser } from '../../src/understanding';
import { INTENTS_DIR, named, PRODUCTION_MODELS } from './support';

// Issue 10, round 8. Every message below was written for this file and is in no evaluation set.
describe('understanding/round 8: stories, pleas and situations', () => {
  let parser: Parser;
  before(() => {
    // As production builds it: the content's procedure names are aliases too (lý lịch tư pháp lives there).
    const knowledge = loadKnowledge(path.join(__dirname, '..', '..', 'content'));
    parser = createParser({ intentsDir: INTENTS_DIR, procedureAliases: knowledge.procedureAliases(), locations: knowledge.locationEntries(), cacheDirs: PRODUCTION_MODELS });
  });
  const grade = (text: string) => parser.parse(text).emergency?.grade;

  describe('emergencies', () => {
    it('a bare plea over one of our procedures is left to the model; over a fire it is still the card', () => {
      for (const text of ['cứu với, nộp hồ sơ hộ chiếu ba lần vẫn bị trả về', 'cứu em với, đăng ký tạm trú trên mạng cứ báo sai mã']) {
        assert.notEqual(grade(text), 'sure', text);
        assert.notEqual(parser.parse(text).intent.name, 'emergency', text);
      }
      assert.equal(grade('cứu với, nhà tôi cháy rồi'), 'sure');
      assert.equal(grade('cứu tôi với, có người đang đánh tôi'), 'sure');
    });

    it('a frame word typed with diacritics must carry the frame\'s own: running is no fire, a bare "chay" still is', () => {
      assert.notEqual(grade('chiều nào tôi cũng chạy quanh sân vận động tỉnh'), 'sure');
      assert.equal(grade('chay nha roi, lua to lam'), 'sure');
    });

    it('a danger the model is sure of needs no hazard word', () => {
      assert.equal(grade('chị tôi nuốt cả lọ thuốc ngủ, giờ gọi không dậy'), 'sure');
    });

    it('a question for the emergency numbers is read as where to call, and answered with the numbers', () => {
      const r = parser.parse('đường dây nóng gọi xe cấp cứu là số mấy');
      assert.equal(r.intent.name, 'office_location');
      assert.equal(r.emergency?.asksNumbers, true);
      assert.notEqual(r.emergency?.grade, 'sure');
    });
  });

  describe('the procedure of a long story is the one the request asks about', () => {
    it('other families in the story neither cancel nor replace the one named in the request', () => {
      const text = 'Tôi đã làm căn cước, có tài khoản định danh mức 2 và đã đăng ký tạm trú ở phường. Xin hỏi làm hộ chiếu lần đầu cần mang gì?';
      assert.equal(named(parser.parse(text)), 'ho-chieu');
    });

    it('a paper named in the story is what a request naming nothing refers back to', () => {
      const text = 'Em đang tạm trú ở Thái Nguyên để đi làm. Công ty yêu cầu nộp phiếu lý lịch tư pháp. Xin phiếu đó mất mấy ngày ạ?';
      assert.equal(named(parser.parse(text)), 'ly-lich-tu-phap');
      // Beside a procedure the request names, the paper is still only a document.
      assert.equal(named(parser.parse('Làm giấy chứng nhận đủ điều kiện an ninh trật tự cho nhà nghỉ có phải nộp lý lịch tư pháp không?')), 'antt-kinh-doanh-co-dieu-kien');
    });

    it("another party's step is the story: the seller asks about de-registration", () => {
      assert.equal(named(parser.parse('xe máy tôi đã bán, người mua sẽ tự đi sang tên, còn tôi là người bán thì cần làm gì')), 'thu-hoi-dang-ky-xe');
      assert.equal(named(parser.parse('mua lại xe máy cũ của hàng xóm, giờ sang tên hết bao nhiêu')), 'sang-ten-xe');
    });
  });

  describe('the 2025 procedures told the way citizens tell them', () => {
    for (const [text, want] of [
      ['trên dữ liệu dân cư năm sinh của tôi bị ghi sai, sửa thế nào', 'dieu-chinh-thong-tin-dan-cu'],
      ['ngân hàng cần giấy xác nhận số chứng minh cũ của tôi thì xin ở đâu', 'xac-nhan-so-cmnd'],
      ['I lost my passport on the bus, where do I report it?', 'trinh-bao-mat-ho-chieu'],
      ['khách nước ngoài thuê nhà tôi, khai báo tạm trú cho người nước ngoài thế nào', 'luu-tru'],
      ['con tôi đã có mã định danh từ lúc làm khai sinh, giờ làm căn cước cho cháu 14 tuổi cần gì', 'can-cuoc-cap-moi'],
    ]) {
      it(`${text} → ${want}`, () => assert.equal(named(parser.parse(text)), want));
    }
  });
});
