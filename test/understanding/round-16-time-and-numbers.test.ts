import { strict as assert } from 'node:assert';
import type { Parser } from '../../src/understanding/types';
import { gradeCheck, productionParser, type GradeCheck } from './support';

// Issue 10, round 16: a hazard told in a time over is over, though the message ends in the present with an ask; a question
// about an emergency line itself (which number, what a call costs, whether it still works) gets the numbers as an answer;
// medical dangers told plainly, structural signs, someone hiding, children writing. Every message below was written for
// this file: it is in no training file and no evaluation set (used as probes while tuning, so not blind).
describe('understanding/round 16: a hazard over, the numbers asked, plain dangers', () => {
  let parser: Parser;
  let expect: GradeCheck;
  before(() => {
    parser = productionParser();
    expect = gradeCheck(parser);
  });

  it('a hazard told in a time over, then an ask now, is no danger now', () => {
    expect('hồi tháng 3 xe tôi bị cháy ở bãi, giờ muốn hỏi làm lại cà vẹt ở đâu', ['none']);
    expect('năm kia chú tôi bị đột quỵ, giờ đi lại bình thường, muốn làm lại bằng lái', ['none']);
    expect('my uncle was robbed last winter, now he wants a new passport', ['none']);
  });

  it('a threat told over and come back now stays a danger', () => {
    expect('tuần trước thằng đó dọa giết cả nhà tôi, giờ nó đang cầm dao đứng trước cổng', ['sure'], ['police']);
    expect('hôm qua con bị chó cắn, giờ sốt cao co giật liên tục', ['sure'], ['medical']);
  });

  it('a question about an emergency line asks for the numbers, with no alarm', () => {
    for (const text of ['gọi 114 có tốn tiền không', 'số khẩn cấp bên mình là gì', 'gọi cứu thương số mấy nhỉ', 'gọi cấp cứu thì bấm số nào', 'tổng đài 113 có hoạt động ban đêm không', 'cho mình xin đường dây nóng của công an']) {
      const e = parser.parse(text).emergency;
      assert.equal(e?.grade, 'none', text);
      assert.equal(e?.asksNumbers, true, text);
    }
  });

  it('a danger told with the number is a danger, and a local office is no emergency line', () => {
    assert.equal(parser.parse('nhà tôi đang cháy, gọi 114 mãi không được').emergency?.grade, 'sure');
    assert.equal(parser.parse('xin số điện thoại công an phường Tân Lập').emergency?.asksNumbers, false);
  });

  it('medical dangers told plainly, without alarm words, get at least the line', () => {
    expect('ông tôi bị ong đốt ở gáy, giờ thở khò khè', ['sure', 'possible'], ['medical']);
    expect('mẹ tôi tự nhiên một bên tay không nhấc lên được, miệng hơi lệch', ['sure', 'possible'], ['medical']);
    expect('bà em ngã trong phòng ngủ, không tự ngồi dậy được', ['sure', 'possible'], ['medical']);
    expect('vợ tôi kêu tức ngực khó thở từ tối', ['sure', 'possible'], ['medical']);
  });

  it('someone hiding and a child writing get the card', () => {
    expect('em đang nấp trong phòng tắm, có người phá cửa vào nhà', ['sure'], ['police']);
    expect('chú ơi bố cháu say đang đánh mẹ cháu', ['sure'], ['police']);
  });
});
