import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 21 (issue 10): figures of speech, "what if" questions, and who must come, read from the situation. Sentences of
// our own, not from any dev or blind set; each assertion marked "(main: …)" failed on main before this round.
describe('understanding/round 21: figures of speech, imagined situations and the service of the part that tells the danger', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('an emoji only echoes the words: beside a hot dish it names no fire, beside a fire told in words it still does', () => {
    expect('lẩu này cay cháy lưỡi, cứu 🔥🔥', ['none']); // (main: possible)
    expect('nhà hàng xóm cháy to 🔥🔥 cứu với', ['sure'], ['fire']);
  });

  it('a plea beside a figure of speech is part of the figure ("cay cháy lưỡi, cứu với")', () => {
    expect('ăn mì cay cháy lưỡi, cứu với', ['none']); // (main: sure)
    expect('cay cháy lưỡi luôn, cứu tui', ['none']); // (main: sure)
  });

  it('a setting denied ("không phải diễn tập đâu") leaves the danger real; a drill told as one stays none', () => {
    expect('khói đen đầy hành lang, chuông kêu liên tục, không phải diễn tập đâu', ['sure'], ['fire']); // (main: none)
    expect('sáng nay trường diễn tập chữa cháy, khói giả đầy hành lang, các cháu thích lắm', ['none']);
  });

  it('a hazard word inside a longer hazard of another kind is that one\'s: gunfire calls the police first', () => {
    expect('shots fired near the night market, people are running', ['sure'], ['police']); // (main: fire)
  });

  it('"nếu … thì" opening a message imagines the situation; a threat with its harm going on now keeps the card', () => {
    expect('nếu cháy thì chạy đâu, khu trọ tôi chỉ có một lối ra', ['none']); // (main: sure)
    expect('nếu bị cháy thì chạy đâu, nhà tôi có mỗi một cầu thang', ['none']); // (main: possible)
    expect('nếu không chuyển tiền thì nó giết con tôi, nó đang cầm dao kề cổ cháu', ['sure'], ['police']);
  });

  it('the closing part of a letter tells a danger now with someone at risk even without a hazard\'s word', () => {
    expect(
      'Chào anh chị, tháng trước em có hỏi về thủ tục đăng ký tạm trú cho phòng trọ nhưng chưa nộp hồ sơ. Tối nay em đi học về thấy khóa cửa bị cạy, giờ em đứng ở cầu thang nghe trong phòng có tiếng người lục lọi',
      ['sure'],
      ['police'],
    ); // (main: possible)
  });

  it('who must come is read in the part that tells the danger: guests lost in a forest after a paperwork question need the rescue', () => {
    expect(
      'Cho em hỏi thủ tục khai báo lưu trú cho nhà nghỉ của em cần những gì ạ. Còn chuyện này nữa, hai vị khách của em đi bộ vào rừng từ trưa, giờ trời tối hẳn rồi mà chưa thấy về, điện thoại không liên lạc được',
      ['sure'],
      ['fire'],
    ); // (main: police)
    expect('con tôi đi lạc ở chợ đêm, tìm mãi không thấy', ['sure'], ['police']);
  });

  it('a local police office is where the danger happens, not who must come: a collapse at its desk needs the ambulance', () => {
    expect('có người ngất xỉu ngay tại bàn tiếp dân của công an xã', ['sure'], ['medical']); // (main: possible, police)
  });

  it('a party game of killers ("ma sói") is a game', () => {
    expect('đang chơi ma sói với cả nhóm, tui bị giết ngay đêm đầu tiên 😭', ['none']); // (main: possible)
  });

  it('a hornets\' nest where children pass is a danger for the rescue; one in a garden tree, a honeycomb coal stove are none', () => {
    expect('có tổ ong bắp cày rất to trên cổng trường, học sinh đi qua bị đốt mấy đứa rồi', ['sure'], ['fire']); // (main: possible)
    expect('tổ ong vò vẽ trên cây nhãn vườn nhà, thuê ai gỡ', ['none']);
    expect('bếp than tổ ong đun nước ngoài sân có được không', ['none']);
  });
});

describe('understanding/round 21: signs read where they are told', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a hazard wondered about beside a question on something else gets the line, read in its own clause', () => {
    expect('cho hỏi phòng cấp căn cước công an phường mở cửa chủ nhật không ạ... mà sao phía bãi xe có khói đen bốc lên nhiều thế', ['possible', 'sure']);
  });

  it('a symptom told as lasting now, asked past, gets the line; one that is over does not', () => {
    expect('tôi bị đau ngực trái từ sáng, thỉnh thoảng nhói lên, giờ vẫn đi nộp hồ sơ hộ chiếu được không ạ', ['possible', 'sure']);
    expect('năm ngoái tôi bị đau ngực phải mổ, giờ khỏe rồi, muốn hỏi thủ tục làm hộ chiếu', ['none']);
  });
});
