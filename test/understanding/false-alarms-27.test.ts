import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 36 (false27, issue 10): harmless messages that got the card or the line with the numbers, decided by the
// situation they tell: a story told, a name, a writer who says there is no emergency, a "what if" asked, a habit
// complained of, a report asked after the fact, a paper chewed, a figure or a game. Sentences of our own; those marked
// "(main: …)" fail on main 82acef1, the rest guard.
describe('understanding/round 36: false alarms (false27)', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a story told is set apart like a film', () => {
    expect('ông tôi hay kể chuyện hồi đi bộ đội bị bắn bị thương ở chân, nghe mà thương', ['none']); // (main: possible)
    expect('kể chuyện ma đi bot, chuyện con ma chết đuối dưới giếng ấy', ['none']);
  });

  it('a writer who says there is no emergency asks something else', () => {
    expect('không phải chuyện khẩn cấp đâu, cho hỏi mai công an xã có làm việc không', ['none']);
    expect('chẳng có cháy gì cả, em hỏi xin giấy phép pccc cho quán karaoke', ['none']);
  });

  it('a "what if" asked by the opening question is imagined', () => {
    expect('What should I do if someone steals my bag on the bus? Just wondering.', ['none']); // (main: possible)
  });

  it('a paper chewed by a dog is no one bitten', () => {
    expect('căn cước bị con chó cắn nát góc, có phải làm lại không', ['none']); // (main: possible)
  });

  it('figures and games: bad luck, a dice game', () => {
    expect('máu chó ghê, nộp hồ sơ hai lần vẫn bị trả về', ['none']);
    expect('bạn em chơi tài xỉu online thua hết tiền học, giờ muốn tố cáo trang đó', ['none', 'possible']);
  });

  it('a scam done and the scammer gone is a report', () => {
    expect('tôi bị lừa cọc 5 triệu mua điện thoại trên mạng, giờ nó chặn liên lạc rồi', ['none']); // (main: possible)
  });

  it('a habit complained of gets the line at most', () => {
    expect('đêm nào cũng có đám thanh niên cầm gậy rú ga qua xóm, đề nghị công an tuần tra', ['none', 'possible']);
  });

  it('dangers told beside the same words keep their grade', () => {
    expect('không phải đùa đâu, nhà bên cạnh đang cháy to lắm, khói đen mù mịt', ['sure'], ['fire']);
    expect('con chó nhà hàng xóm vừa cắn vào chân con tôi, chảy máu nhiều', ['possible', 'sure']);
    expect('nó chặn xe tôi giữa đường, cầm dao đòi tiền, cứu', ['sure'], ['police']);
    expect('đêm nào cũng có người gõ cửa, tối nay nó đang đứng ngoài cổng cầm dao', ['sure']);
    expect('em chạy xe ôm, tối nào cũng qua ngõ này. Mấy hôm nay ngửi thấy mùi gas nồng nặc ở nhà số 5, nhà đóng cửa im lìm, có nên báo không', ['sure'], ['fire']);
  });
});
