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
});
