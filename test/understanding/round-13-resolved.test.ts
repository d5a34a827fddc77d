import { gradeCheck, productionParser, type GradeCheck } from './support';

// Issue 10, round 13: a danger resolved now, or one that befalls only an animal, leaves no one at risk: never the card,
// at most the line. Every message below was written for this file: it is in no training file and no evaluation set
// (they were also used as probes while tuning, so they are not blind). Each case names the grades it may get and, for a
// danger, the services that may come first.
describe('understanding/round 13: dangers resolved now, or befalling no one', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a scam call hung up or a number blocked is no danger now; one still being obeyed is', () => {
    expect('tối qua có đứa xưng bên viễn thông dọa khóa sim, tôi cúp máy luôn, có sao không', ['none']);
    expect('số lạ gọi dọa con tôi bị bắt giữ, em chặn số rồi, báo để các anh nắm', ['none']);
    expect('người xưng công an đang giữ máy bắt mẹ tôi chuyển hết tiền tiết kiệm vào tài khoản an toàn', ['sure'], ['police']);
  });

  it('a hazard dealt with and told after it is no danger now; the same hazard going on is', () => {
    expect('nồi cơm điện bốc khói khét, tôi rút điện và ngắt cầu dao rồi, giờ hết mùi rồi', ['none', 'possible']);
    expect('ông tôi vừa xỉu lúc tắm, đỡ ra giường một lúc thì tỉnh lại rồi, giờ ổn, có cần đi viện không', ['none', 'possible']);
    expect('mùi gas nồng nặc khắp tầng 3, bà cụ phòng bên nằm im không trả lời', ['sure'], ['fire', 'medical']);
  });

  it('a danger told after the resolution is present again', () => {
    expect('tôi cúp máy rồi nhưng bọn đòi nợ đang đứng trước cửa cầm gậy đập cổng', ['sure'], ['police']);
  });

  it('an animal in trouble with no person at risk gets no card; a person hurt beside it does', () => {
    expect('con chó nhà tôi rơi xuống hố ga sâu, không tự lên được, làm sao bây giờ', ['none', 'possible']);
    expect('con chó lạ lao vào cắn cháu tôi chảy máu đầm đìa ở bắp tay', ['sure'], ['medical']);
  });

  it('a small injury told as small while cooking is no danger', () => {
    expect('I scalded my hand a little on the kettle while cooking dinner, any advice?', ['none', 'possible']);
  });

  it('someone gone since last night is told in the present, not over', () => {
    expect('em trai tôi 16 tuổi bỏ nhà đi từ tối qua, nhắn một tin xin lỗi rồi tắt máy', ['sure', 'possible']);
  });
});
