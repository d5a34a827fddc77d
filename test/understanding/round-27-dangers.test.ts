import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 27 (emergency dev set 11 and writer X): the causes behind its misses, tested with sentences of our own (not from
// any dev or blind set); each assertion marked "(main: …)" failed on main before this change.
describe('understanding/round 27: a question broken off, and hazards read by their own words', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a writer who breaks off a question to tell what happens now is judged on what follows the break', () => {
    // A fine's question sets the message apart (a rule), so the accident told after it went unanswered.
    expect('Cho hỏi nộp phạt vi phạm giao thông qua VNeID thế nào... à khoan, ngoài cổng trường có cô giáo vừa bị ô tô quệt, giờ nằm im không trả lời', ['sure']); // (main: none)
    // A sign told after a paperwork question is at least the line.
    expect('Cho hỏi đăng ký xe máy điện cần giấy tờ gì, có phải đăng ký biển không? Mà tiện hỏi luôn, cái ổ cắm ở hành lang cứ bốc mùi khét mấy hôm nay, có sao không', ['possible', 'sure'], ['fire']); // (main: none)
    // What follows a break is read as a message of its own, so a harmless one stays harmless.
    expect('cho hỏi làm căn cước mất bao lâu, à mà làm ở phường nào cũng được không', ['none']);
    expect('Hỏi thủ tục mua bảo hiểm cháy nổ. À mà năm ngoái kho nhà tôi bị cháy, giờ mua bảo hiểm có được không', ['none']);
  });

  it('lightning is no beating: who comes is read from what it struck', () => {
    expect('Sét đánh trúng bà cụ đang hái chè trên đồi, bà nằm đó không động đậy gì', ['sure'], ['medical']); // (main: fire)
    expect('nghe tin trượt đại học mà như sét đánh ngang tai, buồn quá', ['none']);
  });

  it('a landslide burying a home is the rescue, and digging by hand is no knife', () => {
    expect('Xóm tôi sạt đất, đất lấp nhà ông Páo, trong đó có 2 người, cả bản đang đào bằng tay', ['sure'], ['fire']); // (main: police)
  });

  it('someone out on a ledge above a drop is the rescue', () => {
    expect('thằng nhỏ 4 tuổi trèo qua lan can tầng 7 rồi, đang bám vào thanh sắt', ['sure'], ['fire']); // (main: police)
    expect('bà cụ bị lẫn trèo ra ngoài cửa sổ tầng 3, ngồi vắt vẻo trên mái che', ['sure'], ['fire']); // (main: police)
  });

  it('someone held by the police after an arrest is custody, not a captive; a captive still is', () => {
    expect('Em trai tôi bị bắt vì đánh bạc tối qua, giờ nó bị giữ ở đâu, mang đồ vào thăm được không', ['none']); // (main: possible)
    expect('có người đang bị giữ trong nhà nghỉ, không cho về, đang kêu cứu', ['sure'], ['police']);
  });

  it('a device burnt out is a repair; a vehicle on fire is still a fire', () => {
    expect('cháy máy rồi, điện thoại tắt ngúm giữa lúc đang nộp hồ sơ, giờ phải khai lại à', ['none']); // (main: sure)
    expect('xe tải đang chạy thì bốc cháy ngùn ngụt, tài xế còn kẹt trong cabin', ['sure'], ['fire']);
  });

  it('a former owner not reached is no one lost; a child not reached is still a sign', () => {
    expect('xe máy mua lại của người quen, giờ không liên lạc được với chủ cũ, sang tên được không', ['none']); // (main: possible)
    expect('con gái tôi 14 tuổi đi học từ sáng đến giờ tối rồi chưa về, gọi không liên lạc được', ['possible', 'sure']);
  });
});
