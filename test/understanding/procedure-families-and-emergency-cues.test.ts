import assert from 'node:assert/strict';
import { createParser, type Parser } from '../../src/understanding';
import { INTENTS_DIR, named, PLAIN_MODELS } from './support';

// Round 4 (three writers): general causes of procedure and emergency errors. Every message below was written for this
// file and is not in intents/ or in any evaluation set.
describe('understanding/round 4: procedures named in many ways, emergencies', () => {
  let parser: Parser;
  before(() => {
    parser = createParser({ intentsDir: INTENTS_DIR, cacheDirs: PLAIN_MODELS });
  });
  const expect = (table: [string, string][]) => {
    for (const [text, want] of table) it(`${text} → ${want}`, () => assert.equal(named(parser.parse(text)), want));
  };

  describe('a family listed with its members is the family', () => {
    expect([
      ['thường trú, tạm trú thì có mấy loại thủ tục', 'group:cu-tru'],
      ['cac thu tuc ve bien so xe va nop phat', 'group:giao-thong'],
      ['con dấu và giấy an ninh trật tự gồm những thủ tục nào', 'group:antt'],
      // Far apart, the first mention is context: the usual rule applies.
      ['hộ khẩu của em ở Đại Từ, giờ em cần xin xác nhận cư trú thì làm sao', 'xac-nhan-cu-tru'],
    ]);
    it('names nothing when three unrelated families are asked about at once', () => {
      assert.equal(named(parser.parse('mở quán karaoke cần những thủ tục gì: an ninh trật tự, phòng cháy, lưu trú')), 'none');
    });
  });

  describe('words that only look like an alias', () => {
    expect([
      ['sang tên sổ đỏ cho con thì làm ở đâu', 'none'],
      ['con dâu tôi muốn nhập khẩu về đây thì làm gì', 'thuong-tru'],
      ['con dau bac moi cuoi, nhap khau cho no the nao', 'thuong-tru'],
      ['mất thẻ ngân hàng thì làm sao', 'none'],
      ['thủ tục này làm trên vneid được không', 'none'],
    ]);
  });

  describe('a family word far from its qualifier, a hint, an abbreviation', () => {
    expect([
      ['mua ô tô mới ở đại lý về thì đi đăng ký ở đâu', 'dang-ky-xe'],
      ['the cua bac het han roi, di doi the can gi', 'can-cuoc-cap-doi'],
      ['đổi cc cho mẹ mất bao lâu', 'can-cuoc-cap-doi'],
      ['làm lại cc bị mất thì cần giấy gì', 'can-cuoc-cap-lai'],
      ['đổi từ chứng minh thư sang căn cước có phải mang sổ hộ khẩu không', 'can-cuoc-cap-doi'],
    ]);
  });

  describe('a procedure named by its purpose or in English', () => {
    expect([
      ['em sắp mở nhà nghỉ thì cần giấy gì bên công an', 'antt-kinh-doanh-co-dieu-kien'],
      ['công ty em chở hóa chất dễ cháy thì xin giấy ở đâu', 'pccc-van-chuyen-hang-nguy-hiem'],
      ['how do i cancel the registration of a scrapped car', 'thu-hoi-dang-ky-xe'],
      ['how long to get a plate number for my new bike', 'dang-ky-xe'],
      ['can the landlord declare guests online', 'luu-tru'],
    ]);
  });

  describe('emergencies', () => {
    for (const text of [
      'cây đổ đè lên một người đi xe máy, người đó không ra được',
      'nha ben canh dang boc khoi den, khong thay ai',
      'có người ngất ở chợ, khó thở lắm',
      'some guys are beating a man outside my shop',
      'a thief is breaking into the house next door',
      'xe khách bị lật ở dốc, nhiều người kẹt bên trong',
    ]) it(`→ emergency: ${text}`, () => assert.equal(parser.parse(text).intent.name, 'emergency'));

    it('"đăng ký" is not "đang": a past theft with a question about registration is not urgent', () => {
      const r = parser.parse('hôm qua bị cướp mất xe, giờ đăng ký lại biển số thế nào');
      assert.notEqual(r.intent.name, 'emergency');
      assert.notEqual(parser.parse('hom qua bi cuop xe, gio dang ky lai bien so the nao').intent.name, 'emergency');
    });
    it('an incident told before a question about one of our procedures is left to the model', () => {
      assert.notEqual(parser.parse('xe em bị tai nạn nát rồi, muốn thu hồi đăng ký biển số thì nộp gì').intent.name, 'emergency');
    });
    it('fire-safety paperwork is not a fire', () => {
      for (const text of ['after the fire fighting training, when do we get the certificate', 'xin giấy phép chở hàng dễ cháy nổ mất mấy ngày', 'hệ thống báo cháy lắp xong thì nghiệm thu thế nào']) {
        assert.notEqual(parser.parse(text).intent.name, 'emergency', text);
      }
    });
  });
});
