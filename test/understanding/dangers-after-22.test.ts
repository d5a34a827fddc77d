import { gradeCheck, productionParser, type GradeCheck } from './support';

// After blind round 22 (published; tuned on it, so not blind): the causes behind its misses, wrong first numbers and
// false alarms, tested with sentences of our own (not from any dev or blind set); each assertion marked "(main: …)"
// failed on main 6f835e6.
describe('understanding/after blind round 22: a stranger met in a game, gunfire popping typed plain', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a stranger met in a game who sets a meeting with a child is a harm still to come: at least the line', () => {
    expect('con bé nhà tôi chơi game trên điện thoại, có người lạ trong đó hẹn con bé chiều nay ra công viên gặp riêng', ['possible', 'sure'], ['police']); // (main: none)
    expect('thằng cu nhà em chơi game online, quen một người lạ, người lạ rủ cháu tối nay ra bãi sông gặp mặt', ['possible', 'sure'], ['police']); // (main: none)
    // The writer's own game date with a stranger is still the game's.
    expect('tôi chơi game với người lạ, hẹn nhau tối nay đánh trận mới', ['none']);
  });

  it('gunfire popping ("súng nổ lốp bốp") is no tyre burst, typed plain too', () => {
    expect('nghe tieng sung no lop bop o nui sau nha, chua biet la ai ban hay gi', ['possible', 'sure'], ['police']); // (main: none)
    expect('chieu nay nghe sung no lop bop tren doi, chua biet la ban chim hay gi', ['possible', 'sure'], ['police']); // (main: none)
    // A tyre burst is still a repair, and its bang no fire.
    expect('xe nhà em bị nổ lốp giữa đường, gọi thợ nào', ['none']);
    expect('nghe tiếng nổ lốp xe ngoài đường to quá', ['none']);
  });
});
