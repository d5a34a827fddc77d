import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 31 (emergency dev set 15): the causes behind its misses and false alarms, tested with sentences of our own (not
// from any dev or blind set); each assertion marked "(main: …)" failed on main 47799c5 (6 of 6 tests).
describe('understanding/round 31: weapons carried, dreams and plays, sayings, a hazard denied, a day named by its disaster, an oil fire, the lake', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('weapons carried by the people told of are a harm still to come: at least the line, even after another question', () => {
    expect('anh chị cho hỏi giờ làm việc của công an xã, mà hôm nay thấy mấy đứa lạ mang theo mã tấu ngoài chợ', ['possible', 'sure'], ['police']); // (main: none)
    expect('cho em hỏi thủ tục đăng ký tạm trú, tiện kể luôn hôm nay mấy thanh niên xóm trên vác dao đi qua ngõ nhà em', ['possible', 'sure'], ['police']); // (main: none)
  });

  it('a dream, sleep-talk or a school play sets its danger words apart', () => {
    expect('vợ tôi nằm ngủ nói mớ kêu cháy nhà, cứu với, sáng ra chẳng nhớ gì', ['none', 'possible']); // (main: sure)
    expect('lớp con tôi đang tập kịch về vụ bắt cóc cho hội diễn cuối năm, cần mượn còng số 8', ['none']); // (main: sure)
  });

  it('sayings and figures of speech name no danger', () => {
    expect('bạn tôi bảo uống rượu say là chết đuối trên cạn, có đúng không', ['none']); // (main: sure)
    expect('nghe tin trúng tuyển mà tim đập muốn ngừng', ['none']); // (main: possible)
    expect('my son wants to see the fire engines at the fire station, is it open on Sunday', ['none']); // (main: possible)
    expect('cô ấy xinh chết người, tim anh cháy bỏng từ lần đầu gặp', ['none']); // (main: sure)
  });

  it('a hazard denied, or told over, is none; the line at most when nothing else is named', () => {
    expect('không phải cháy đâu, hàng xóm đang hun khói chuồng gà', ['none', 'possible']); // (main: sure)
    expect('bà tôi đã hết khó thở rồi, giờ muốn hỏi làm lại thẻ bảo hiểm y tế', ['none']); // (main: possible)
    expect('tôi muốn khen các anh hôm cháy kho ở chợ Thái đến rất nhanh', ['none']); // (main: sure)
    // Another hazard named beside the denial keeps its grade.
    expect('không phải cháy đâu, nhưng bà tôi đang khó thở, tím tái hết rồi', ['sure'], ['medical']);
    expect('tối nay mẹ tôi đã hết thuốc, giờ đang lên cơn co giật', ['sure'], ['medical']);
  });

  it('water thrown on a fire that grows tells a fire now, in the kitchen too', () => {
    expect('chảo dầu bắt lửa, tôi đổ nước vào càng to', ['sure'], ['fire']); // (main: possible)
  });

  it('a cry from a lake shore, typed without diacritics, is the rescue\'s', () => {
    expect('toi qua nghe tieng keu cuu o bo ho Ghenh Che, gio van chua thay ai', ['possible', 'sure'], ['fire']); // (main: police)
  });
});
