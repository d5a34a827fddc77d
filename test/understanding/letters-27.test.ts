import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { productionParser } from './support';

// Issue 10, round 36 (the causes behind the misses of letters-dev-27 and the other letter sets). Every letter below was
// written for this file: it is in no training file and no evaluation set.
describe('understanding/letters 27', () => {
  let parser: Parser;
  before(function () {
    // Training every model once takes a while on a loaded machine.
    this.timeout(900_000);
    parser = productionParser();
  });
  const procedureOf = (text: string) => parser.parse(text).entities.find((e) => e.entity === 'procedure' || e.entity === 'procedure_group')?.value;
  const intentOf = (text: string) => parser.parse(text).intent.name;

  describe('a residence feared lost is what the writer fears, not what they ask', () => {
    it('"kẻo bị xóa hộ khẩu" after a long absence: tạm vắng', () => {
      const text = 'Tôi là bà Nông Thị Mến, 70 tuổi, thường trú xã Định Hóa. Con trai tôi làm ở Đồng Nai gọi tôi vào ở với nó chừng '
        + 'tám tháng. Hàng xóm bảo đi xa lâu phải báo công an xã kẻo bị xóa hộ khẩu. Xin hỏi tôi phải khai báo thế nào?';
      assert.equal(procedureOf(text), 'tam-vang');
    });
    it('"không khai tạm vắng thì bị xóa thường trú": tạm vắng, not thường trú', () => {
      const text = 'Tôi 39 tuổi, ở xã Phú Lương, tháng sau đi làm thợ hồ ở Bình Dương cả năm. Người quen bảo đi lâu không khai tạm '
        + 'vắng thì bị xóa thường trú, mất luôn đất ở quê. Tôi không biết có đúng không.';
      assert.equal(procedureOf(text), 'tam-vang');
    });
  });

  describe('a seller whose sold vehicle brought a fine', () => {
    it('"để khỏi bị phạt oan … thu hồi đăng ký": the cancellation, not the fine', () => {
      const text = 'Tôi là Hùng, 52 tuổi, ở phường Tích Lương. Năm ngoái tôi bán chiếc xe bán tải cho một người ở Bắc Giang, chưa '
        + 'làm thu hồi đăng ký. Tuần này tôi nhận được thông báo phạt nguội xe đó chạy quá tốc độ. Tôi phải làm gì để khỏi bị phạt '
        + 'oan, giờ thu hồi đăng ký còn kịp không?';
      assert.equal(procedureOf(text), 'thu-hoi-dang-ky-xe');
    });
  });

  describe('a paper brought or all that is left', () => {
    it('"chỉ còn cái sổ hộ khẩu cũ" beside a lost card: the card\'s replacement', () => {
      const text = 'tôi là Triệu Văn Sinh, 58 tuổi, tôi đánh rơi mất thẻ căn cước lúc đi rừng hôm kia, giờ tôi muốn làm lại thì cần '
        + 'những giấy gì, nhà tôi chỉ còn cái sổ hộ khẩu cũ thôi';
      assert.equal(procedureOf(text), 'can-cuoc-cap-lai');
    });
    it('"có cần mang sổ hộ khẩu không" in the sentence that asks: still the card', () => {
      assert.equal(procedureOf('em bị mất thẻ căn cước rồi, làm lại thì có cần mang sổ hộ khẩu theo không ạ'), 'can-cuoc-cap-lai');
    });
    it('the household book asked for itself stays thường trú', () => {
      assert.equal(procedureOf('cho hỏi đăng ký thường trú cho con thì cần giấy tờ gì'), 'thuong-tru');
    });
  });

  describe('the household book\'s end', () => {
    it('"từ khi bỏ sổ hộ khẩu … chứng minh mình ở đâu": xác nhận cư trú', () => {
      const text = 'Tôi 51 tuổi, ở xã Yên Trạch. Từ khi bỏ sổ hộ khẩu, đi làm hồ sơ cho con vào trường nghề người ta cứ hỏi giấy tờ '
        + 'chứng minh chỗ ở, tôi không biết lấy đâu ra.';
      assert.equal(procedureOf(text), 'xac-nhan-cu-tru');
    });
  });

  describe('a list of a wide family', () => {
    it('"bằng lái, đăng ký xe, phạt nguội … các thủ tục về giao thông": the traffic family', () => {
      const text = 'chao ad, minh 22t o Pho Yen. minh nghe bang lai, dang ky xe, nop phat bay gio deu lam o cong an. ad liet ke giup '
        + 'minh cac thu tuc ve giao thong cong an dang lam voi, minh sap mua xe nen muon biet truoc';
      assert.equal(intentOf(text), 'procedure_list');
      assert.equal(procedureOf(text), 'giao-thong');
    });
  });
});
