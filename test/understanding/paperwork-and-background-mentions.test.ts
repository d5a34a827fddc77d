import assert from 'node:assert/strict';
import { createParser, type Parser } from '../../src/understanding';
import { INTENTS_DIR, named, lexiconNamer, PLAIN_MODELS } from './support';

// Round 7: paperwork that mentions fire or accidents, papers held by the police, procedures already done, qualifiers
// that belong to the procedure next to them. Every message below was written for this file and is in no evaluation set.
describe('understanding/round 7: paperwork is not an emergency; held, done and attached mentions', () => {
  let parser: Parser;
  const lexicon = lexiconNamer();
  before(() => {
    parser = createParser({ intentsDir: INTENTS_DIR, cacheDirs: PLAIN_MODELS });
  });

  describe('paperwork that mentions a fire or a scam is not an emergency', () => {
    for (const text of [
      // fire safety as the reason for a suspension
      'quán karaoke bị đình chỉ vì chưa bảo đảm an toàn cháy nổ, xin hoạt động trở lại thì nộp hồ sơ qua mạng được không',
      // a burnt-out vehicle's registration
      'chiếc xe máy nhà em bị cháy rụi trong kho rồi, giờ xóa đăng ký xe thì cần giấy gì',
      // "chạy quá tốc độ" without diacritics folds to "vụ cháy"
      'xe cong ty bi phat nguoi vu chay qua toc do tren cao toc, nop phat o dau',
      // "phòng cháy xuống" without diacritics next to a fire-plan question
      'doan phong chay xuong kiem tra bao quan cafe chua co phuong an chua chay, lam ho so the nao',
      // a scammer's claim of a hospital emergency
      'kẻ gian lập nick giả mạo chồng tôi nhắn họ hàng vay tiền, bảo là đang cấp cứu cần chuyển ngay, tôi muốn tố giác',
    ]) {
      it(text, () => assert.notEqual(parser.parse(text).intent.name, 'emergency'));
    }
  });

  describe('recall first: the same cues still fire when it is happening', () => {
    for (const text of [
      'xe tôi bị cháy ngoài đường, cứu với',
      'nhà bên cạnh cháy rụi rồi, lửa đang lan sang nhà tôi',
      'ô tô cháy rụi trên cao tốc',
      'chủ nợ đòi tiền vay, bảo là sẽ cầm dao đến chém cả nhà',
      'phong chay chua chay oi chay xuong go roi',
      'đang có vụ cháy ở chợ',
    ]) {
      it(text, () => assert.equal(parser.parse(text).intent.name, 'emergency'));
    }
    // Graded (issue 10): a paperwork question beside an injury may be over or not. Round 20: since writers S and T (whose
    // injuries told beside paperwork are over: "bị ngã xe tuần trước, đã khâu…, giờ hỏi thủ tục nhận bảo hiểm") it reads
    // as over (p 0.075) when the fire is over too; a fire still burning keeps the card.
    it('xe máy đang cháy giữa đường, người lái bị thương, thu hồi đăng ký thế nào', () => {
      assert.equal(parser.parse('xe máy đang cháy giữa đường, người lái bị thương, thu hồi đăng ký thế nào').emergency?.grade, 'sure');
    });
  });

  describe('a paper the police hold, or a fine given as a consequence, is context', () => {
    for (const [text, want] of [
      ['csgt tạm giữ giấy đăng ký xe của tôi, nộp phạt qua mạng xong bao lâu được trả lại', 'nop-phat-giao-thong'],
      ['cháu nhà tôi đi làm ăn xa nửa năm, phải khai báo tạm vắng không, không thì có bị phạt không', 'tam-vang'],
      // alone, the fine is still the request
      ['vượt đèn đỏ có bị phạt không, nộp ở đâu', 'nop-phat-giao-thong'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(named(parser.parse(text)), want));
    }
  });

  describe('a procedure already done is the story; a qualifier belongs to the procedure it follows', () => {
    for (const [text, want] of [
      ['xưởng đã được thẩm duyệt pccc, giờ lắp xong hệ thống chữa cháy, đưa vào sử dụng thì làm gì', 'pccc-nghiem-thu'],
      // alone, a done procedure still names itself
      ['thiết kế đã được thẩm duyệt rồi thì có cần làm gì nữa không', 'pccc-tham-duyet'],
      ['bố mẹ có thẻ căn cước cả rồi, giờ làm hộ chiếu cho bé thì sao', 'ho-chieu'],
      ['làm thẻ căn cước cho bé 3 tuổi', 'can-cuoc-cap-moi'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(lexicon(text), want));
    }
  });

  describe('new aliases and blocks', () => {
    for (const [text, want] of [
      ['huỷ đăng ký biển số xe cũ đem đi phá dỡ thế nào', 'thu-hoi-dang-ky-xe'],
      ['xóa đăng ký thường trú cho người đã mất', 'thuong-tru'],
      ['mua lại xe máy của bạn thì đổi chủ thế nào', 'sang-ten-xe'],
      ['How do I get a letter confirming my residence for a visa?', 'xac-nhan-cu-tru'],
      ['switching my old id card to a chip one', 'can-cuoc-cap-doi'],
      ['bố tôi đang tại ngoại, muốn đi khám bệnh ở tỉnh khác thì báo thế nào', 'tam-vang'],
      ['làm hc đi du lịch cần gì', 'ho-chieu'],
      // "hc" is also "học": blocked in its everyday phrases
      ['con đi hc về muộn', 'none'],
      // land, not a vehicle
      ['bố cho đất, làm sổ hồng sang tên con thì làm ở đâu', 'none'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(lexicon(text), want));
    }
  });
});
