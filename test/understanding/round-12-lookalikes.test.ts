import assert from 'node:assert/strict';
import { tellsMildFever } from '../../src/understanding/situation-model';
import { gradeCheck, productionParser, type GradeCheck } from './support';

// Issue 10, round 12 (danger look-alikes): a danger is harm happening, or about to happen, to someone now, not a hazard
// word. Every message below was written for this file: it is in no training file and no evaluation set (they were also
// used as probes while tuning, so they are not blind). Each case names the grades it may get and, for a danger, the
// services that may come first.
describe('understanding/round 12: harm to someone now, not a hazard word', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a word typed with diacritics is read as typed: "đuôi" (the last digits) is no "đuối" (drowning)', () => {
    expect('đuôi 4521', ['none']);
    expect('số đuôi biển xe là 7788 nhé', ['none']);
    // Without diacritics the same letters may still be a drowning.
    expect('co nguoi duoi nuoc o ho Nui Coc, dang chim dan', ['sure'], ['fire', 'medical']);
  });

  it('a few words that name no danger tell no situation; a few that name one still do', () => {
    for (const text of ['xe tải', 'ô tô con', 'xe máy', 'motorbike', 'nhanh không', 'Share location']) expect(text, ['none']);
    expect('cháy!! cháy!!', ['sure'], ['fire']);
    expect('có cướp', ['sure'], ['police']);
  });

  it('a question about a fine or a rule for dangerous behaviour is no danger; the behaviour going on now is', () => {
    expect('uống rượu lái xe máy phạt bao nhiêu', ['none']);
    expect('lạng lách trên cao tốc bị xử phạt thế nào', ['none']);
    expect('say rượu đánh nhau ngoài quán thì bị xử lý ra sao', ['none']);
    expect('tài xế xe tải say rượu đang chạy ngược chiều trên quốc lộ 1B, suýt húc vào người đi bộ', ['sure'], ['police']);
  });

  it('a hazard word inside a game\'s name, a piece of equipment or a service\'s name names no hazard', () => {
    expect('tối nay leo rank free fire không ae, bắn nhau phê lắm', ['none']);
    expect('bình chữa cháy của quán tôi hết hạn, nạp lại ở đâu', ['none']);
    expect('thấy hai xe cứu hỏa hú còi chạy qua ngã ba, không biết cháy ở đâu', ['none']);
  });

  it('a hazard denied right before it is not named; the same hazard told is', () => {
    expect('con tôi bị ong đốt vào má, hơi sưng, không khó thở, có cần bôi thuốc gì không', ['none']);
    expect('con tôi vừa bị ong đốt, giờ khó thở, môi sưng to', ['sure'], ['medical']);
  });

  it('a fever measured below a high one is a small thing; a high fever with a seizure is not', () => {
    // A fever's words end where a letter does not follow, in Vietnamese letters too ("nhiệt độ" ends in "ộ").
    for (const text of ['con sốt 37 độ 6', 'đo nhiệt độ thấy 37,6', 'thân nhiệt 37.5 độ', 'fever 37.9']) assert.ok(tellsMildFever(text), text);
    for (const text of ['sốt 39,5 độ', 'chuyển 37,5 triệu', 'sốtt 37,5']) assert.equal(tellsMildFever(text), false, text);
    expect('con sốt 37 độ 6, vẫn ăn ngủ bình thường, có sao không', ['none']);
    expect('bé sốt 40 độ, đang co giật, mắt trợn ngược', ['sure'], ['medical']);
    // A number in that range is a temperature only beside a fever's word: a sum of money is not.
    expect('người xưng công an đang bắt mẹ tôi chuyển 37,5 triệu vào tài khoản an toàn, mẹ đang ở ngân hàng', ['sure'], ['police']);
  });

  it('a frame\'s phrase never runs across a clause end', () => {
    // "lớp, học sinh" holds no "lớp học" (a lesson, which would set the message apart).
    expect('cô giáo đang giảng thì ngã gục giữa lớp, học sinh gọi mãi cô không tỉnh', ['sure'], ['medical']);
  });

  it('a hand rule\'s phrase in a question after a film is left to the model', () => {
    expect('xem phim xong con hỏi nếu nhà đang cháy thì chạy đường nào, tôi nên dạy cháu thế nào', ['none']);
  });

  it('calm signs of harm about to happen get at least the line', () => {
    expect('có người xưng cán bộ công an gọi bảo tôi chuyển tiền để xác minh, tôi chưa chuyển, họ hẹn gọi lại', ['sure', 'possible'], ['police']);
    expect('thằng cháu đi chơi từ tối qua tới giờ chưa về, máy tắt', ['sure', 'possible'], ['police']);
  });
});
