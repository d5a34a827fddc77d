import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { named, productionParser } from './support';

// Issue 10, round 34 (the causes behind the misses of styles-dev-25 and blind round 24). Every message below was written
// for this file: it is in no training file and no evaluation set.
describe('understanding/styles 25', () => {
  let parser: Parser;
  before(() => {
    parser = productionParser();
  });
  const intent = (text: string) => parser.parse(text).intent.name;
  const procedure = (text: string) => named(parser.parse(text));

  describe('a clause that says "not", then one that opens with "only"', () => {
    it('asks what the "only" clause asks', () => {
      assert.equal(intent('em không muốn hủy đâu, chỉ muốn nhận thêm tin cảnh báo lừa đảo'), 'subscribe');
      assert.equal(intent('tôi không tố cáo ai cả, chỉ muốn góp ý là cán bộ một cửa trả lời cộc lốc quá'), 'feedback');
      assert.equal(intent('tôi không khiếu nại gì đâu, chỉ hỏi làm hộ chiếu mất bao lâu'), 'procedure_duration');
    });
    it('but a "chỉ" that shows is asked to show', () => {
      assert.equal(intent('tôi ko biết dùng cái này, chỉ tôi với'), 'help');
    });
  });

  describe('a procedure told as done, its clause closed by "rồi"', () => {
    it('is the story: the procedure named after it is asked', () => {
      assert.equal(procedure('Mình khai báo tạm vắng ở quê rồi, lên đây đăng ký tạm trú cần giấy tờ gì'), 'tam-tru');
      assert.equal(procedure('Bên mua đã sang tên xe rồi, bên bán có cần thu hồi đăng ký xe nữa không'), 'thu-hoi-dang-ky-xe');
    });
    it('a paper held or lost is a state, not a procedure done', () => {
      assert.equal(procedure('Năm ngoái tôi có giấy chứng nhận an ninh trật tự rồi, năm nay có phải xin lại không'), 'antt-kinh-doanh-co-dieu-kien');
    });
  });

  describe('a short message that gives a dossier code', () => {
    it('asks after that dossier, whatever else it asks', () => {
      assert.equal(intent('Thế còn cái hồ sơ G22.TN-261129-0031 thì sao?'), 'dossier_status');
      assert.equal(intent('cho hỏi hồ sơ G22.TN-261129-0031 cần nộp thêm gì'), 'dossier_status');
    });
  });

  describe('safety know-how and drills', () => {
    it('are out of scope when they name no procedure and no police', () => {
      assert.equal(intent('cách cầm vòi xịt của bình chữa cháy cho trúng gốc lửa'), 'out_of_scope');
      assert.equal(intent('chiều nay trường con diễn tập báo cháy, nghe còi thì mọi người đừng lo nhé'), 'out_of_scope');
    });
    it('a piece of equipment names no fire procedure', () => {
      assert.equal(procedure('cách cầm vòi xịt của bình chữa cháy cho trúng gốc lửa'), 'none');
    });
    it('keep a procedure named, or a question put to the police', () => {
      assert.equal(intent('huấn luyện PCCC cho nhân viên bảo vệ mất bao lâu'), 'procedure_duration');
      assert.notEqual(intent('trường tôi muốn tổ chức diễn tập chữa cháy có phải báo công an phê duyệt không'), 'out_of_scope');
    });
  });
});
