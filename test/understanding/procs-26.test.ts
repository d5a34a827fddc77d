import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { named, productionParser } from './support';

// Issue 10, round 35: the procedure of short messages (styles-dev-26, every styles-dev set and the published blind rounds).
// Every message below was written for this file: it is in no training file and no evaluation set.
describe('understanding/procedures 26', () => {
  let parser: Parser;
  before(() => {
    parser = productionParser();
  });

  describe('a family named by its usual member alone', () => {
    it('is that member for any question but a list', () => {
      assert.equal(named(parser.parse('đăng ký xe máy mới thì nộp những giấy tờ gì')), 'dang-ky-xe');
      assert.equal(named(parser.parse('phí đăng ký ô tô ở tỉnh mình hết bao nhiêu')), 'dang-ky-xe');
      assert.equal(named(parser.parse('có đăng ký xe trên cổng dịch vụ công được không')), 'dang-ky-xe');
      assert.equal(named(parser.parse('bằng lái xe máy cũ loại giấy có phải đổi không')), 'gplx-doi-cap-lai');
    });
    it('stays the family in a list question, and for a licence the police hold', () => {
      assert.equal(named(parser.parse('về đăng ký xe có những thủ tục nào')), 'group:xe');
      assert.equal(named(parser.parse('bằng lái của tôi bị giữ từ tuần trước, giờ làm sao')), 'group:gplx');
    });
  });

  describe('who the card is for, and the paper asked beside a purpose', () => {
    it('reads a small child told in everyday words as a first card', () => {
      assert.equal(named(parser.parse('làm căn cước cho đứa nhỏ nhà tôi thì lên đâu')), 'can-cuoc-cap-moi');
      assert.equal(named(parser.parse('thằng cu nhà em muốn làm căn cước thì cần gì')), 'can-cuoc-cap-moi');
    });
    it('reads a criminal-record certificate needed for work abroad as that certificate, not as tạm vắng', () => {
      assert.equal(named(parser.parse('cháu tôi sắp đi xuất khẩu lao động Hàn Quốc, cần lý lịch tư pháp thì xin ở đâu')), 'ly-lich-tu-phap');
    });
  });

  describe('the household book gone', () => {
    it('reads a paper that proves where one lives as the residence confirmation', () => {
      assert.equal(named(parser.parse('không còn sổ hộ khẩu nữa thì lấy gì chứng minh nơi ở cho con nhập học')), 'xac-nhan-cu-tru');
      assert.equal(named(parser.parse('cần bản sao hộ khẩu để nộp hồ sơ thì xin ở đâu')), 'xac-nhan-cu-tru');
    });
    it('keeps moving one\'s household registration as it was', () => {
      assert.equal(named(parser.parse('chuyển hộ khẩu về nhà vợ thì cần những gì')), 'thuong-tru');
    });
  });

  describe('a lost passport and the points of a licence, said other ways', () => {
    it('reads a passport picked from a pocket as reporting its loss', () => {
      assert.equal(named(parser.parse('hộ chiếu của tôi bị móc ở bến xe, giờ làm giấy báo thế nào')), 'trinh-bao-mat-ho-chieu');
    });
    it('reads the twelve points counted out as the points procedure', () => {
      assert.equal(named(parser.parse('lỡ bị trừ 12 điểm rồi thì có phải thi lại không')), 'gplx-phuc-hoi-diem');
    });
  });

  describe('the passport family', () => {
    it('reads the immigration office named alone as the passport office', () => {
      assert.equal(named(parser.parse('phòng xuất nhập cảnh tỉnh mình nằm ở phố nào')), 'ho-chieu');
    });
    it('reads the one member left once the other is denied', () => {
      assert.equal(named(parser.parse('không phải bị mất đâu, hộ chiếu của em hết hạn thôi, làm lại ra sao')), 'ho-chieu');
    });
    it('still lists the family', () => {
      assert.equal(named(parser.parse('lĩnh vực xuất nhập cảnh có những thủ tục gì')), 'group:xuat-nhap-canh');
    });
  });
});
