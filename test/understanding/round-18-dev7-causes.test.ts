import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { gradeCheck, productionParser, type GradeCheck } from './support';

// Issue 10, round 18 (emergency dev set 7, an independent writer's): the causes of its misses and false alarms. A
// resolution denied is none; "minutes ago" is not over, "từ đó" lasts until now; bites, swallowed objects and English
// wishes not to live are hazards; first aid asked for now is no lesson; a burglar feared back tonight gets the line; a
// folded word inside an everyday phrase ("da non", "tung ảnh") names no hazard; a question that opens on "what if"
// imagines; a threat received by message is a sign; songs, matches, garlic and school lessons that "burn" or "drown"
// are harmless. Every message below was written for this file: it is in no training file and no evaluation set.
describe('understanding/round 18: causes of emergency dev set 7', () => {
  let parser: Parser;
  let expect: GradeCheck;
  before(() => {
    parser = productionParser();
    expect = gradeCheck(parser);
  });

  it('a resolution denied is none: the scam call goes on', () => {
    expect('bà tôi đang nghe người xưng công an bắt chuyển tiền, cả nhà can mà bà nhất quyết không cúp máy', ['sure'], ['police']);
  });

  it('"minutes ago" is not over', () => {
    expect('my 5 year old daughter went missing in the mall about ten minutes ago, we cannot find her', ['sure'], ['police']);
  });

  it('English wishes not to live and bites are dangers', () => {
    expect("I don't want to live anymore, I'm holding the whole box of sleeping pills", ['sure'], ['medical']);
    expect('my uncle was bitten by a snake in the rice field and his hand is swelling fast', ['sure'], ['medical']);
  });

  it('first aid asked for someone now is no lesson; a swallowed battery is a danger', () => {
    expect('ai biết sơ cứu không, ông tôi bị hóc xương cá, thở không được', ['sure'], ['medical']);
    expect('bé nhà tôi vừa nuốt viên pin nhỏ của đồ chơi, giờ khóc không ngừng', ['sure', 'possible'], ['medical']);
  });

  it('a threat "since then" and a burglar feared back tonight get at least the line', () => {
    expect('tuần trước tôi bị giật túi, từ đó có số lạ cứ nhắn bảo biết nhà tôi ở đâu', ['possible', 'sure'], ['police']);
    expect('đêm qua nhà bị trộm cạy cửa lấy tivi, tôi sợ tối nay bọn chúng lại đến', ['possible', 'sure'], ['police']);
  });

  it('a threat received by message with no time told after it is a sign: the line, not the card', () => {
    expect('có kẻ lạ nhắn tin dọa sẽ đăng ảnh riêng của em lên mạng nếu em không chuyển 5 triệu', ['possible']);
    expect('thằng đó nhắn tin dọa đánh em, nó bảo biết nhà em rồi, tối nay nó sẽ tới', ['sure'], ['police']);
  });

  it('songs, matches, garlic and school lessons with danger words are harmless', () => {
    expect('chị ấy hát live cháy phố thật sự', ['none']);
    expect('trận tối qua tiền vệ sút cháy lưới từ ngoài vòng cấm', ['none']);
    expect('phi tỏi bị cháy, làm sao khử mùi khét trong nhà', ['none']);
    expect('con đang học bài phòng chống đuối nước, cô dặn tìm tranh minh họa', ['none']);
  });

  it('a folded word inside an everyday phrase names no hazard', () => {
    expect('vết bỏng hôm trước giờ lên da non rồi, bôi gì cho nhanh lành', ['none']);
  });

  it('a question that opens on "what if" imagines a danger, it tells none', () => {
    expect('Nếu đang ngồi cáp treo mà bị kẹt giữa chừng thì nên làm gì', ['none']);
  });

  it('a request for the emergency numbers in any person answers with them', () => {
    assert.equal(parser.parse('cho em xin các số khẩn cấp để in ra cho bà').emergency?.asksNumbers, true);
  });
});
