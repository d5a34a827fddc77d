import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { loadKnowledge } from '../../src/knowledge';
import { createParser, type Parser } from '../../src/understanding';
import { INTENTS_DIR, entityValue, lexiconNamer, named } from './support';

// Issue 10, short messages in styles nobody prepared for: causes found in the misses of blind rounds 7-10, fixed as
// causes. Every message here was written for this file and is in no evaluation set.
describe('understanding/short styles: procedures told without their name, validity, first asks, numbers', () => {
  const lexicon = lexiconNamer();
  let parser: Parser;
  before(() => {
    const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
    parser = createParser({ intentsDir: INTENTS_DIR, procedureAliases: knowledge.procedureAliases(), locations: knowledge.locationEntries() });
  });

  describe('procedures told by two parts (a data field and its error, an old number and who refuses it)', () => {
    for (const [text, want] of [
      ['năm sinh của bố trên app bị ghi nhầm thì làm sao', 'dieu-chinh-thong-tin-dan-cu'],
      ['giới tính trong hệ thống không đúng với giấy khai sinh', 'dieu-chinh-thong-tin-dan-cu'],
      ['sổ tiết kiệm còn ghi số chứng minh thư cũ, quầy giao dịch bảo phải có giấy', 'xac-nhan-so-cmnd'],
      // A card named with the error is still the card's exchange (its own qualifier, and longer).
      ['thẻ căn cước bị in sai tên đệm, đổi thẻ thế nào', 'can-cuoc-cap-doi'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(lexicon(text), want));
    }
    it('neither part alone names it', () => {
      assert.equal(lexicon('ngày sinh của con là hôm nay'), 'none');
      assert.equal(lexicon('điền sai mẫu đơn rồi'), 'none');
    });
  });

  describe('a passport told lost is reporting the loss', () => {
    for (const [text, want] of [
      ['cuốn hộ chiếu của mẹ em bị lấy cắp ở bến xe', 'trinh-bao-mat-ho-chieu'],
      ['ho chieu bi mat o san bay thi lam gi', 'trinh-bao-mat-ho-chieu'],
      // Time or money, not a loss; negated; a loss that belongs to the card named before it.
      ['làm hộ chiếu mất mấy tuần', 'ho-chieu'],
      ['hộ chiếu làm mất hết bao nhiêu tiền', 'ho-chieu'],
      ['hộ chiếu không bị mất, chỉ rách bìa thôi', 'ho-chieu'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(lexicon(text), want));
    }
  });

  describe('finished, contrasted and sold', () => {
    for (const [text, want] of [
      // A procedure told as finished is the story; the one after it is asked.
      ['đăng ký tạm trú xong rồi, giờ đổi bằng lái ở đâu', 'gplx-doi-cap-lai'],
      // Said not to be meant, it is no item of a list with the one asked about.
      ['không hỏi đổi bằng lái, chỉ hỏi thi bằng lái hạng B', 'gplx-sat-hach-cap-moi'],
      // The seller's own step.
      ['đã bán xe cho anh họ ở Hà Nội, tôi cần làm gì', 'thu-hoi-dang-ky-xe'],
      // A family pair does not take a word inside another alias.
      ['học xong muốn thi bằng lái xe máy thì đăng ký ở đâu', 'gplx-sat-hach-cap-moi'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(lexicon(text), want));
    }
  });

  describe('intents', () => {
    for (const [text, want] of [
      // Validity and deadlines are the procedure's rule, not its processing time.
      ['giấy chứng nhận an ninh trật tự cho quán karaoke có giá trị mấy năm', 'procedure_info'],
      ['con dấu công ty dùng được bao lâu thì phải đăng ký lại', 'procedure_info'],
      // A short message asking two things is read by its first ask.
      ['làm hộ chiếu cho bé cần giấy gì, hết bao nhiêu tiền', 'procedure_documents'],
      // The emergency numbers as information, the nearest office, one's position.
      ['số 114 là số của ai vậy', 'office_location'],
      ['đồn công an gần nhất chỗ tôi', 'office_location'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(parser.parse(text).intent.name, want, JSON.stringify(parser.parse(text).intent_ranking.slice(0, 3))));
    }
    it('a short message asking several things still has every facet as a slot', () => {
      const facets = parser.parse('làm hộ chiếu cho bé cần giấy gì, hết bao nhiêu tiền').entities.filter((e) => e.entity === 'facet').map((e) => e.value);
      assert.deepEqual(facets, ['documents', 'fee']);
    });
    it('typed with other diacritics, "mặt" is no "mất"', () => {
      assert.equal(named(parser.parse('ảnh hộ chiếu có cần lộ mặt không')), 'ho-chieu');
    });
    it('a validity question keeps the procedure', () => {
      assert.equal(named(parser.parse('giấy xác nhận cư trú dùng được bao lâu')), 'xac-nhan-cu-tru');
      assert.equal(entityValue(parser.parse('giấy xác nhận cư trú dùng được bao lâu'), 'facet'), 'info');
    });
  });

  // Issue 10, after blind round 11: causes behind its short misses, each tested in words of our own.
  describe('after blind round 11: how long a rule lasts, southern "nhiêu", procedures told by what happens', () => {
    for (const [text, want] of [
      // A validity word takes the "how long" right after it; a waiting period the law sets is the rule too.
      ['giấy xác nhận cư trú có hiệu lực mấy tháng vậy', 'procedure_info'],
      ['trượt sa hình thì bao lâu được thi lại ạ', 'procedure_info'],
      // Southern speech drops the "bao" of "bao nhiêu".
      ['làm hộ chiếu phí nhiêu vậy anh', 'procedure_fee'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(parser.parse(text).intent.name, want, JSON.stringify(parser.parse(text).intent_ranking.slice(0, 3))));
    }
    for (const [text, want] of [
      // Driving abroad, and the folded "hạn" that is no "Hàn".
      ['tháng sau qua Nhật Bản thuê xe tự lái đi chơi', 'gplx-quoc-te'],
      ['bằng lái xe hết hạn tự lái có bị phạt không', 'gplx-doi-cap-lai'],
      // Points lost and the test that brings them back.
      ['bị trừ điểm thì bao giờ được khôi phục', 'gplx-phuc-hoi-diem'],
      ['đăng ký thi kiến thức pháp luật ở đâu', 'gplx-phuc-hoi-diem'],
      // The test's outcome names it; a registration given again is the registration.
      ['thi đỗ bằng lái xe máy rồi mấy hôm thì có thẻ', 'gplx-sat-hach-cap-moi'],
      ['làm lại giấy đăng ký xe máy bị ướt nát', 'dang-ky-xe'],
      ['what services do you have for identity cards', 'group:can-cuoc'],
      // A loss told as reported already: the new passport is asked, by a refining word or by the report's own alias.
      ['hộ chiếu bị đánh rơi ở sân bay, đã trình báo rồi, giờ xin cấp cuốn mới', 'ho-chieu'],
      ['làm mất hộ chiếu, đã báo công an rồi, làm cuốn khác cần gì', 'ho-chieu'],
      ['làm mất hộ chiếu rồi, phải báo ở đâu', 'trinh-bao-mat-ho-chieu'],
      // A loss denied, by the report's own alias; a report not made is still the report.
      ['em không làm mất hộ chiếu, chỉ rách bìa, làm cuốn mới cần gì', 'ho-chieu'],
      // The alternative the citizen fears is not asked, nor does its word resolve the family.
      ['bằng lái ô tô quá hạn, vẫn đổi được chứ hay phải sát hạch lại', 'gplx-doi-cap-lai'],
      ['thẻ căn cước ảnh xấu quá muốn chụp lại', 'can-cuoc-cap-doi'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(lexicon(text), want));
    }
    it('the VNeID app named with an error in one\'s data is correcting the data, as the lexicon says of a channel', () => {
      assert.equal(named(parser.parse('vneid ghi sai năm sinh của mẹ, sửa sao')), 'dieu-chinh-thong-tin-dan-cu');
      assert.equal(named(parser.parse('vneid bị khóa rồi mở lại sao')), 'dinh-danh-dien-tu');
    });
    it('a report not made is still the report (the content names it "báo mất hộ chiếu")', () => {
      assert.equal(named(parser.parse('không báo mất hộ chiếu thì có bị phạt không')), 'trinh-bao-mat-ho-chieu');
    });
    it('a licence class typed glued ("B2") stays one word, so "bằng B2" is still the licence', () => {
      assert.equal(named(parser.parse('Bằng B2 hết hạn 3 tháng rồi thì đổi ở đâu')), 'gplx-doi-cap-lai');
      assert.equal(entityValue(parser.parse('Bằng B2 hết hạn 3 tháng rồi thì đổi ở đâu'), 'vehicle_type'), 'car');
    });
    it('inside the question, the part said to matter is the request', () => {
      assert.equal(named(parser.parse('hỏi về hộ chiếu với căn cước, mà chủ yếu là hộ chiếu, làm ở đâu')), 'ho-chieu');
    });
  });
});
