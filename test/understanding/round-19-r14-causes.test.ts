import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { gradeCheck, productionParser, type GradeCheck } from './support';

// Issue 10, round 19 (blind round 14, published and now a development set): the causes of three of its misses. "nổ
// tung" is an explosion unless its figurative sense is told around it ("đầu muốn nổ tung", "giảm giá nổ tung"), and its
// "tung" is no "từng" (a time over); which line to call, asked about a hazard told in no time, asks for the numbers;
// "SOS" alone is a plea. Every message below was written for this file: it is in no training file and no evaluation set.
describe('understanding/round 19: causes of blind round 14', () => {
  let parser: Parser;
  let expect: GradeCheck;
  before(() => {
    parser = productionParser();
    expect = gradeCheck(parser);
  });

  it('"nổ tung" told of a thing is an explosion; told of a head or a sale it is a figure of speech', () => {
    expect('cái xe đạp điện cắm sạc ngoài hiên nổ tung, lửa bén sang cả phòng ngủ', ['sure'], ['fire']);
    expect('bình gas nhà bên vừa nổ tung', ['sure'], ['fire']);
    expect('sếp giao một đống việc, đầu em muốn nổ tung', ['none']);
    expect('giảm giá nổ tung, áo khoác chỉ còn 99k', ['none']);
  });

  it('which line to call, asked about a hazard told in no time, asks for the numbers', () => {
    for (const text of ['đuối nước gọi 115 hay 114 vậy ad', 'tai nạn giao thông gọi 113 hay 115 hả mọi người']) {
      const e = parser.parse(text).emergency;
      assert.equal(e?.grade, 'none', text);
      assert.equal(e?.asksNumbers, true, text);
    }
    // A hazard told now keeps the card.
    expect('nhà tôi đang cháy, gọi 114 hay 113', ['sure'], ['fire']);
  });

  it('"SOS" alone is a plea: at least the line, the police first', () => {
    expect('SOS', ['possible', 'sure'], ['police']);
    expect('sos!!', ['possible', 'sure'], ['police']);
  });
});
