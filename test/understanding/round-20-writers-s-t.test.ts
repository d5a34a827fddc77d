import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 20 (issue 10): writers S and T, fewer rules. Sentences of our own, not from any dev or blind set.
describe('understanding/round 20: signs, names, times and a danger beside a question for the numbers', () => {
  let parser: Parser;
  let expect: GradeCheck;
  before(() => {
    parser = productionParser();
    expect = gradeCheck(parser);
  });

  it('a danger told beside a question for the number is a danger, not only the numbers', () => {
    expect('số nào gọi cấp cứu vậy, ông tôi vừa ngất không tỉnh', ['sure'], ['medical']);
    assert.equal(parser.parse('số cấp cứu là số mấy').emergency?.asksNumbers, true);
    expect('số cấp cứu là số mấy', ['none']);
  });

  it('a shop named after its kind ("tiệm gội Bão Lửa") names no hazard', () => {
    expect('tiệm gội Bão Lửa ở phố Lương Ngọc Quyến mấy giờ mở cửa', ['none']);
    expect('tiệm nail Lửa Đỏ ở Sông Công có mở chủ nhật không', ['none']);
  });

  it('"từ sáng hôm qua" lasts until now, like "từ sáng qua"', () => {
    expect('em gái tôi đi làm từ sáng hôm qua, không nhắn gì, gọi không được', ['possible', 'sure']);
  });

  it('a hazard told as a sign gets at least the line; a few words that name none get nothing', () => {
    expect('nghe tiếng nổ lụp bụp sau nhà kho, không biết là gì', ['possible', 'sure']);
    expect('nhanh không', ['none']);
  });
});
