import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { named, productionParser } from './support';

// Issue 10, round 36, second wave: the procedure a message asks about where another is told louder (tuned on the
// published blind round 27). Every message below was written for this file: it is in no training file and no evaluation set.
describe('understanding/residence 27', () => {
  let parser: Parser;
  before(() => {
    parser = productionParser();
  });
  const procedure = (text: string) => named(parser.parse(text));

  describe('the residence confirmation asked in new words', () => {
    it('the English verb in a Vietnamese message', () => {
      assert.equal(procedure('mình cần confirm cư trú cho bên ngân hàng, làm ở đâu vậy'), 'xac-nhan-cu-tru');
    });
    it('a paper that says how many live in the house, or the book taken back', () => {
      assert.equal(procedure('hộ khẩu giấy không còn dùng, muốn có giấy ghi nhà có bao nhiêu nhân khẩu thì làm sao'), 'xac-nhan-cu-tru');
      assert.equal(procedure('công an thu sổ hộ khẩu rồi, trường của con đòi giấy tờ về hộ khẩu thì lấy ở đâu'), 'xac-nhan-cu-tru');
    });
    it('but registering a permanent residence stays so', () => {
      assert.equal(procedure('chuyển về ở với vợ thì đăng ký thường trú cần giấy tờ gì'), 'thuong-tru');
    });
  });

  describe("a dead owner's vehicle passed to an heir is the transfer", () => {
    it('the death parted from the paper by a comma is no lost paper', () => {
      assert.equal(procedure('Mẹ tôi đã mất, giấy đăng ký xe máy vẫn đứng tên mẹ, giờ sang tên cho em trai tôi thế nào?'), 'sang-ten-xe');
    });
    it('an inherited vehicle', () => {
      assert.equal(procedure('chiếc ô tô được thừa kế từ bố, đăng ký xe lại thế nào'), 'sang-ten-xe');
    });
    it('a paper lost is still the registration reissued', () => {
      assert.equal(procedure('tôi đánh mất giấy đăng ký xe máy, cấp lại ở đâu'), 'dang-ky-xe');
    });
  });

  describe('the old nine-digit number confirmed, the new card told beside it', () => {
    it('is the confirmation, not the card', () => {
      assert.equal(
        procedure('Sổ bảo hiểm của tôi vẫn ghi số cũ, nay tôi dùng căn cước 12 số nên cơ quan bảo hiểm đòi giấy xác nhận số cũ. Xin hỏi xin ở đâu?'),
        'xac-nhan-so-cmnd',
      );
    });
  });
});
