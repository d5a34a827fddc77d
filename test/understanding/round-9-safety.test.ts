import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding';
import { gradeCheck, productionParser, type GradeCheck } from './support';

// Issue 10, round 9 (safety). Every message below was written for this file: it is in no training file and no
// evaluation set. Each case names the grades it may get and, for a danger, the services that may come first.
describe('understanding/round 9: dangers without danger words, and their look-alikes', () => {
  let parser: Parser;
  let expect: GradeCheck;
  before(() => {
    parser = productionParser();
    expect = gradeCheck(parser);
  });

  it('harm to oneself, of oneself or a friend, with the means ready or a goodbye, is a danger for the ambulance', () => {
    expect('mình đã nghĩ kỹ rồi, sáng mai mọi người sẽ không phải lo cho mình nữa, lọ thuốc để sẵn trên bàn', ['sure'], ['medical']);
    expect('em đã mua đủ thuốc ngủ rồi, tối nay em sẽ ngủ luôn không dậy nữa', ['sure'], ['medical']);
    expect('bạn em nhắn là nó không muốn sống nữa, giờ gọi không nghe', ['sure'], ['medical']);
    // Round 20: locked in ("khóa trái") reads police first since writers S and T (whose bridge jumpers and people locked in
    // are 113) by 0.55 against 0.44; the card lists both lines.
    expect('cháu nó khóa trái cửa phòng, trong phòng có tiếng khóc, nó vừa nhắn đã rạch tay', ['sure'], ['medical', 'police']);
    expect('bạn thân em cứ nhắn là muốn biến mất khỏi thế giới này', ['sure', 'possible']);
  });

  it('a scam going on now is a danger for the police; one that is over, or a question about an OTP, is not', () => {
    expect('em đang chuyển tiền cho người tự xưng là nhân viên ngân hàng để mở khóa tài khoản, họ vẫn đang gọi', ['sure'], ['police']);
    expect('bà ngoại đang nghe máy một người bảo là công an tỉnh, bắt bà đi rút tiết kiệm ngay', ['sure'], ['police']);
    expect('vừa nhập mã otp xong, tài khoản đang bị trừ tiền liên tục', ['sure'], ['police']);
    expect('tuần trước tôi bị lừa chuyển khoản 20 triệu, giờ muốn trình báo thì làm thế nào', ['none']);
    expect('có tin nhắn giả danh ngân hàng gửi link lạ, tôi không bấm, báo để mọi người cảnh giác', ['none']);
    expect('làm tài khoản định danh điện tử mãi không thấy gửi mã otp về máy', ['none']);
  });

  it('smoke or a burning smell now is a fire, even when the message began as a procedure question', () => {
    expect('cho hỏi gia hạn giấy phép pccc thế nào, mà sao giờ hành lang công ty đang có khói', ['sure'], ['fire']);
    expect('mình định hỏi giờ làm việc của công an phường, mà nhà bên cạnh đang bốc khói đen nghi ngút', ['sure'], ['fire']);
    expect('trong phòng máy ở cơ quan đang có mùi khét lạ, không biết từ đâu', ['sure'], ['fire']);
  });

  it('what may be a danger gets at least the line with the numbers', () => {
    expect('thằng cu nhà em chạy đi đâu mất ở hội chợ được 15 phút rồi', ['sure', 'possible']);
    expect('nó nhắn là sẽ cho tôi biết tay, tạt axit cho xấu mặt', ['sure', 'possible']);
    expect('có người lạ cứ bấm chuông nhà em lúc 2 giờ sáng xong chạy mất, mấy lần rồi', ['sure', 'possible']);
    expect('alo công an ơi nhà cháu có chuyện rồi', ['sure', 'possible']);
  });

  it('gunshots are for the police first; a motorbike down with nobody around is not a fire', () => {
    expect('vừa nghe tiếng súng đanh mấy phát ở bãi đất trống sau nhà', ['sure', 'possible'], ['police']);
    expect('thấy cái xe máy ngã lăn ra ruộng ven đường quốc lộ, không có ai', ['sure', 'possible'], ['police', 'medical']);
  });

  it('a burnt dish, sold-out goods, crying idioms, old accidents and papers, a burglary found later: no card', () => {
    for (const text of [
      'cơm sáng nay bị cháy đáy, khét ơi là khét',
      'hàng tết năm nay cháy hàng sớm, mai em nhập thêm',
      'hai đứa nó la hét như bị giết chỉ vì giành cái điều khiển',
      'năm 2023 tôi bị tai nạn giao thông, giờ đi cấp lại giấy phép lái xe có phải khám sức khỏe lại không',
      'mua lại xe máy cũ mà giấy tờ vẫn đứng tên chủ cũ thì sang tên thế nào',
      'đêm qua nhà tôi bị trộm mất cái xe đạp, sáng ra mới biết, trình báo công an xã có cần mang gì không',
    ]) {
      expect(text, ['none']);
      assert.notEqual(parser.parse(text).intent.name, 'emergency', text);
    }
  });

  it('a clause is read on its own only when it tells a danger going on now, more likely than not', () => {
    // "dang kiem" folded is also "đang kiếm" (a sword): the clause does not read as a danger.
    expect('xe tôi bị phạt nguội, nghe nói không nộp thì không đăng kiểm được, ma xe may thi co dang kiem dau, nộp online được không', ['none']);
    expect('năm ngoái nhà tôi bị cháy, giờ đang làm lại giấy tờ thì cần gì', ['none']);
    // Held by the law, not by criminals: "giam" inside "tạm giam" names no hostage.
    expect('Bố tôi đang bị tạm giam ở trại tạm giam tỉnh, mẹ tôi muốn xin xác nhận cư trú cho bố thì làm thế nào', ['none']);
  });
});
