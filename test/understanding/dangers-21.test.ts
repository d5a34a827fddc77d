import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 30 (emergency dev set 14 and the false alarms blind round 20 left open): the causes behind them, tested with
// sentences of our own (not from any dev or blind set); each assertion marked "(main: …)" failed on main before this change.
describe('understanding/round 30: a state of life, keeping a hazard away, an alarm ringing on, hearsay, a plea over paperwork, what a good is', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('"đang" before a way of life, a wish or a paperwork step tells a state, not an event going on', () => {
    expect('Chào anh chị, tôi là chủ cửa hàng gas ở xã Đại Từ, đang muốn mở thêm kho chứa bình gas. Người ta bảo phải có giấy chứng nhận an toàn cháy nổ. Xin hỏi hồ sơ gồm những gì?', ['none']); // (main: sure)
    // The card goes; "chưa về" is still a sign someone is not back, so the line stays (see docs/understanding.md).
    expect('Tôi là thợ điện, đang làm việc ở công trình bên Bắc Giang chưa về được, muốn hỏi gia hạn tạm trú online được không?', ['none', 'possible']); // (main: sure)
    // Where someone is when a danger comes ("đang ở") is no state of life.
    expect('tôi đang ở nhà thì thấy nhà bên đang cháy to, khói đen mù mịt', ['sure'], ['fire']);
  });

  it('keeping a hazard from happening is asked before any danger, and a poison kept away is no harm to oneself', () => {
    expect('thuốc diệt chuột với thuốc sâu nên để chỗ nào cho an toàn với trẻ con', ['none']); // (main: possible)
    expect('ao nhà bác tôi sâu lắm, muốn làm rào chắn cho lũ trẻ khỏi đuối nước thì nhờ ai', ['none']); // (main: possible)
    expect('bé nhà tôi vừa uống nhầm dầu hỏa, giờ đang nôn', ['sure'], ['medical']);
  });

  it('an alarm ringing on and on is a sign of fire', () => {
    expect('ủa sao máy báo khói ở nhà trẻ bên cạnh cứ kêu mãi vậy ta', ['possible', 'sure'], ['fire']); // (main: none)
  });

  it('a message that opens on hearsay is at most the line, unless a danger now is stated', () => {
    expect('nghe bảo có kẻ lạ hay bắt cóc trẻ con ở cổng trường bên huyện, thật không mọi người', ['possible'], ['police']); // (main: sure)
    expect('nghe nói nhà bên đang cháy to lắm, khói đen mù mịt', ['sure'], ['fire']);
    expect('Sạt lở vùi một nhà ở xóm trên, nghe nói còn người bên trong', ['sure']);
  });

  it('a plea over paperwork, with no other danger word, gets the line, never nothing', () => {
    expect('cứu với, ảnh chân dung tải lên VNeID cứ bị từ chối', ['possible', 'none']); // (main: sure)
    expect('cứu tôi với, tài khoản định danh bị khóa không đăng nhập được', ['possible']); // (main: sure)
    expect('help me please, the man locked me in his house and took my passport', ['possible', 'sure']);
    expect('cứu với, có người đang phá cửa nhà tôi', ['sure'], ['police']);
  });

  it('what a good is (flammable, explosive) names no fire or blast', () => {
    expect('kho nhà tôi chứa nhiều hàng dễ cháy, muốn hỏi có cần thẩm duyệt pccc không', ['none']); // (main: possible)
    expect('kho chứa sơn dễ cháy bên cạnh đang bốc khói đen nghi ngút', ['sure'], ['fire']);
  });
});

// Round 31 (the false cards blind round 21 left open, read as causes): a worry told resolved (someone back in touch and
// on the way home, someone found with who or where between the words, then thanks), and a child crying over a screen or a
// toy. Our own sentences; each "(main: …)" failed on main 9a20e0b.
describe('understanding/round 31: a worry resolved, and a child sulking', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('someone late now on the way home, or found and thanked for, leaves nothing to answer', () => {
    expect('chồng tôi đi nhậu về trễ, vừa nhắn là đang trên đường về rồi', ['none']); // (main: sure)
    expect('bà tôi đi chợ chưa về, hàng xóm vừa tìm thấy bà ở chùa rồi, cảm ơn mọi người', ['none']); // (main: possible)
    expect('my son went missing this afternoon, he was found at a friend\'s house, thank you', ['none']); // (main: sure)
    // A danger told after the resolution, or the resolution denied, is still a danger.
    expect('con tôi đang trên đường về thì bị một nhóm thanh niên chặn đánh', ['sure'], ['police']);
    expect('cả nhà tìm thấy bé rồi nhưng bé đang bất tỉnh', ['sure'], ['medical']);
    expect('bé nhà tôi đi lạc, vẫn chưa tìm thấy cháu, mọi người giúp với', ['sure'], ['police']);
  });

  it('a child crying or sulking for an everyday reason, with no hazard named, is no one at risk', () => {
    expect('thằng bé nhà bên gào khóc suốt buổi tối vì bị bố giấu điện thoại', ['none']); // (main: possible)
    expect('bé nhà bên cứ khóc mãi, hình như giận dỗi mẹ vì không được chơi điện thoại', ['none']); // (main: possible)
    // The card goes; the model is very sure here (p ≥ 0.8), so the line stays, as for an animal alone.
    expect('đứa nhỏ nhà bên khóc suốt từ chiều vì đòi mua đồ chơi mà bố mẹ không cho', ['none', 'possible']); // (main: sure)
    // A hazard or a cry for help beside it is still read.
    expect('nghe tiếng trẻ con khóc thét nhà bên, mẹ nó quát không cho ra ngoài, có tiếng đánh', ['sure'], ['police']);
  });
});
