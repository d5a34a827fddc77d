import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 35, second wave (false26, issue 10): harmless messages that got the card or the line with the numbers, grouped
// by cause in the situations lexicon: a figure of praise, love or spice; what a teacher taught; a device to repair; a
// crime reported after a span gone. Sentences of our own; those marked "(main: …)" failed on main 4572502.
describe('understanding/round 35: false alarms (false26)', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('praise, love and laughter told as death, theft or fainting are figures: none', () => {
    expect('con bé nhà tôi múa đẹp chết đi được', ['none']);
    expect('nghe chuyện tiếu lâm mà cả nhà cười ngất', ['none']); // (main: sure)
    expect('cậu ấy cướp mất trái tim tôi rồi ad ạ', ['none']); // (main: sure)
    expect('người yêu bảo sắp chết vì nhớ tôi, sến ghê', ['none']);
  });

  it('what a teacher or a school taught is a lesson, no fire now', () => {
    expect('thằng út được cô dạy thấy cháy thì bò thấp rồi gọi 114, về nhà nói mãi', ['none']); // (main: sure)
    expect('hôm qua trường dạy các cháu hô cháy rồi chạy ra sân, về kể vui lắm', ['none']);
  });

  it('a device to repair, or a scam reported after a season gone, is no emergency', () => {
    expect('laptop cháy ổ cứng rồi, chỗ nào cứu dữ liệu được không', ['none']);
    expect('hè vừa rồi em bị lừa nạp tiền làm nhiệm vụ mất 10 triệu, nhóm đó giải tán rồi, giờ báo ở đâu', ['none']);
  });

  it('a fire, or a teacher telling a danger now, keeps its grade', () => {
    expect('nhà tôi đang bốc hỏa, cho xe cứu hỏa tới gấp', ['sure'], ['fire']);
    expect('cô giáo bảo có người lạ tự xưng là bác đến đón con tôi, nhà tôi không nhờ ai đón', ['possible', 'sure'], ['police']);
  });
});
