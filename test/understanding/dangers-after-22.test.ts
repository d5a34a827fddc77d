import { gradeCheck, productionParser, type GradeCheck } from './support';

// After blind round 22 (published; tuned on it, so not blind): the causes behind its misses, wrong first numbers and
// false alarms, tested with sentences of our own (not from any dev or blind set); each assertion marked "(main: …)"
// failed on main 6f835e6.
describe('understanding/after blind round 22: a stranger met in a game, gunfire popping typed plain, a crash already handled, the rescue\'s first, money run out, a scare turned out harmless', () => {
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

  it('a crash the police or the ambulance have already come to, the injured taken away, is over: no card', () => {
    expect('Trưa nay ở cầu Gia Bẩy có hai xe máy đâm nhau. Lúc đó công an đến rồi, người bị thương đã được đưa đi viện. Tôi có chụp được ảnh biển số, tôi gửi cho ai được?', ['none', 'possible']); // (main: sure)
    expect('Chiều nay tôi thấy một xe tải va chạm với xe đạp ở dốc Đán. Cảnh sát đến rồi, cậu bé bị thương đã được đưa đi cấp cứu. Tôi có camera hành trình ghi lại, có cần nộp không, nộp ở đâu?', ['none']); // (main: possible)
    // Help come while the danger goes on keeps the card.
    expect('bà tôi ngất, xe cứu thương đến rồi mà bà vẫn chưa tỉnh', ['sure'], ['medical']);
  });

  it('someone not come up out of the water, or caught in a roller door, is the rescue\'s first', () => {
    expect('thằng bạn nhảy xuống đập tắm mà mãi chưa thấy ngoi lên khỏi mặt nước, mọi người đang mò tìm', ['sure'], ['fire']); // (main: police)
    expect('bé nhà bên chui qua cửa cuốn đúng lúc nó hạ xuống, bị cửa cuốn kẹp ở lưng, đang khóc ré lên', ['sure'], ['fire']); // (main: police)
  });

  it('money run out ("cháy hết tiền", typed plain too) is a figure of speech, and a scare told as "thực ra là" something else turned out harmless', () => {
    expect('moi mung 10 ma chay het tien roi, thang nay khong dam di dau', ['none']); // (main: possible)
    expect('nghe bà hét cháy nhà làm cả nhà chạy ra, thực ra là cái đèn ngủ nháy chập chờn', ['none', 'possible']); // (main: sure)
    // A fire told going on keeps its card, whatever follows.
    expect('bếp đang cháy to lắm, thực ra là tôi không dập được', ['sure'], ['fire']);
  });
});
