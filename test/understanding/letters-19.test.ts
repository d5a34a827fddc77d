import assert from 'node:assert/strict';
import { Analyser } from '../../src/understanding/analyser';
import { loadResources } from '../../src/understanding/resources';
import type { Parser } from '../../src/understanding/types';
import { INTENTS_DIR, named, productionParser } from './support';

// Issue 10, round 28 (the causes behind the misses of letters-dev-19 and styles-dev-19). Every letter below was written
// for this file: it is in no training file and no evaluation set.
describe('understanding/letters 19', () => {
  let parser: Parser;
  let analyser: Analyser;
  before(() => {
    parser = productionParser();
    analyser = new Analyser(loadResources(INTENTS_DIR), { targets: [], known: [] });
  });

  describe('a letter that asks how to tell the police, naming no procedure, is a report', () => {
    it('evidence to hand over, asked where', () => {
      const text = 'Tôi bán tạp hóa ở chợ Túc Duyên, năm nay 52 tuổi. Chiều qua hai thanh niên ghé mua thuốc lá rồi trả bằng tờ 500 nghìn, tối kiểm tiền '
        + 'mới biết là tiền giả. Camera của quầy quay rõ mặt cả hai. Tôi muốn gửi đoạn camera đó cho công an thì gửi ở đâu?';
      assert.equal(analyser.analyse(text).letterAsks().toReport, true);
      assert.equal(parser.parse(text).intent.name, 'crime_report');
    });
    it('a family the story names ("bến xe") is no procedure asked', () => {
      const text = 'Sáng thứ bảy tuần trước em đi xe khách từ Lạng Sơn xuống, lúc tới bến xe thì thấy một người đàn ông giật điện thoại của bà cụ ngồi cạnh rồi chạy mất, '
        + 'em không đuổi kịp. Bà cụ ở quê lên, hôm đó không biết gọi cho ai. Em có nên báo công an giúp bà không, báo thế nào ạ?';
      assert.equal(analyser.analyse(text).letterAsks().toReport, true);
      const result = parser.parse(text);
      assert.equal(result.intent.name, 'crime_report');
      assert.equal(named(result), 'none');
    });
    it('the cue is read in the whole sentence that asks, after a first "làm sao"', () => {
      const text = 'Cháu học lớp 10 ở Đại Từ. Có một người lạ trên mạng làm quen rồi đòi cháu gửi tiền, không gửi thì sẽ đăng tin nhắn riêng của '
        + 'cháu cho cả lớp xem. Cháu chưa dám nói với mẹ. Cháu phải làm sao, có cần lên công an không ạ?';
      assert.equal(analyser.analyse(text).letterAsks().toReport, true);
      assert.equal(parser.parse(text).intent.name, 'crime_report');
    });
    it('a letter that names its procedure ("trình báo mất hộ chiếu") asks that procedure', () => {
      const text = 'Tuần trước tôi đi Đà Nẵng, làm rơi mất hộ chiếu ở khách sạn, tìm mãi không thấy. Tháng sau tôi phải sang Hàn Quốc công tác '
        + 'nên rất lo. Xin hỏi trình báo mất hộ chiếu thì làm ở đâu ạ?';
      const result = parser.parse(text);
      assert.notEqual(result.intent.name, 'crime_report');
      assert.equal(named(result), 'trinh-bao-mat-ho-chieu');
    });
    it('a procedure question without a report cue is no report', () => {
      const text = 'Tôi 38 tuổi, ở phường Tân Lập. Năm ngoái tôi bị mất ví ngoài chợ, trong ví có thẻ căn cước. Tôi đã khóa thẻ ngân hàng rồi. '
        + 'Xin hỏi làm lại căn cước cần mang giấy tờ gì?';
      assert.equal(analyser.analyse(text).letterAsks().toReport, false);
      assert.notEqual(parser.parse(text).intent.name, 'crime_report');
    });
  });

  describe('a letter that asks where to complain is feedback', () => {
    it('whatever procedure its story names', () => {
      const text = 'Tôi nộp hồ sơ đăng ký thường trú cho con dâu ở công an xã từ đầu tháng 10, cán bộ hẹn một tuần. Đã ba lần tôi lên hỏi, lần nào '
        + 'cũng bảo người phụ trách đi vắng, chờ tiếp. Nhà tôi cách xã 12 cây số. Tôi muốn gửi đơn khiếu nại thì gửi về đâu?';
      const a = analyser.analyse(text);
      assert.equal(a.letterAsks().toComplain, true);
      assert.equal(parser.parse(text).intent.name, 'feedback');
    });
    it('a procedure question about a complaint word in the story is still a question', () => {
      const text = 'Năm ngoái tôi có phản ánh việc chậm trả căn cước cho mẹ tôi, sau đó công an phường đã xin lỗi và trả thẻ. Nay tôi muốn làm '
        + 'hộ chiếu cho mẹ để đi thăm em gái ở Úc. Xin hỏi làm hộ chiếu cho người 70 tuổi cần giấy tờ gì?';
      assert.equal(analyser.analyse(text).letterAsks().toComplain, false);
      assert.notEqual(parser.parse(text).intent.name, 'feedback');
    });
  });
  describe('where to go, then whether one must go at all, asks the online way', () => {
    it('a letter asking where, then whether it can be done on VNeID', () => {
      const text = 'Em 25 tuổi, quê Hà Giang, đang làm công nhân ở khu công nghiệp Yên Bình. Phòng nhân sự mới yêu cầu nộp giấy xác nhận cư trú '
        + 'để bổ sung hồ sơ. Em đi ca cả ngày. Xin hỏi giấy này xin ở đâu, có làm trên VNeID được không ạ?';
      assert.equal(analyser.analyse(text).letterAsks().online, true);
      assert.equal(parser.parse(text).intent.name, 'procedure_online');
    });
    it('where, then a fee, is no online ask', () => {
      const text = 'Tôi 45 tuổi, ở xã Phú Đô. Đợt lũ vừa rồi nước cuốn mất cặp giấy tờ của cả nhà, trong đó có thẻ căn cước của tôi. '
        + 'Xin hỏi làm lại căn cước ở đâu, có mất tiền không?';
      assert.equal(analyser.analyse(text).letterAsks().online, false);
      assert.notEqual(parser.parse(text).intent.name, 'procedure_online');
    });
  });
});
