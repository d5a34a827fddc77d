import assert from 'node:assert/strict';
import { gradeCheck, productionParser, type GradeCheck } from './support';
import type { Parser } from '../../src/understanding';

// Round 36 (emergency dev set 20, styles-dev-27 and letters-dev-27's dangers, blind round 26's wrong first numbers,
// published): a danger told now that asks which number, something poisonous eaten, a boat not back in a storm, a power
// bank too hot to hold, whispers round the house at night, a wartime shell dug up today, and the look-alikes the new words
// must leave alone. Sentences of our own; those marked "(main: …)" failed on main 82acef1.
describe('understanding/round 36: dangers caught, with the fitting number first', () => {
  let parser: Parser;
  let expect: GradeCheck;
  before(() => {
    parser = productionParser();
    expect = gradeCheck(parser);
  });

  it('a danger told now that asks which number gets the card, and the parse says the numbers were asked', () => {
    for (const text of [
      'ông khách vừa ngã gục trước quầy thuốc, không thở nữa, có người đang ấn ngực, tôi phải gọi số nào?',
      'cháy quán ăn cạnh nhà tôi rồi, lửa đang lan sang mái, gọi số nào cho nhanh hả mọi người',
    ]) {
      const r = parser.parse(text);
      assert.equal(r.emergency?.grade, 'sure', text);
      assert.equal(r.emergency?.asksNumbers, true, text); // (main: false)
      assert.equal(r.intent.name, 'emergency', text);
    }
    // A question for the numbers alone is still answered with them, not the card.
    const asked = parser.parse('cho hỏi gọi cứu hỏa thì bấm số nào');
    assert.equal(asked.emergency?.grade, 'none');
    assert.equal(asked.emergency?.asksNumbers, true);
  });

  it('something poisonous eaten is the ambulance\'s first, told calmly or not', () => {
    expect('bé nhà tôi 2 tuổi vừa ăn mấy quả lạ ngoài vườn, giờ hơi nôn', ['possible', 'sure'], ['medical']); // (main: police)
    expect('bố tôi ăn phải nấm rừng hái về, giờ đau bụng quặn và nôn mấy lần', ['possible', 'sure'], ['medical']);
  });

  it('cramps after a boiled dish eaten are no kitchen scene: at least the line', () => {
    expect('em vừa ăn gà luộc ở đám cỗ xong giờ bụng đau quặn, buồn nôn, có sao không ạ', ['possible', 'sure'], ['medical']); // (main: none)
  });

  it('someone out on the water not back in a storm is the rescue\'s first', () => {
    expect('chú tôi chèo thuyền ra giữa hồ từ trưa, giờ trời bão mà vẫn chưa thấy về', ['possible', 'sure'], ['fire']); // (main: police)
  });

  it('a power bank swollen and too hot to hold is a fire to come, not a burn', () => {
    expect('cục sạc dự phòng của con đang phồng to và nóng bỏng tay, làm sao giờ', ['possible', 'sure'], ['fire']); // (main: medical)
  });

  it('whispers round the house in a power cut, a dog barking: at least the line', () => {
    expect('xom mat dien, nghe tieng nguoi thi tham sau nha toi, cho sua suot', ['possible', 'sure'], ['police']); // (main: none)
  });

  it('a shell or a bomb found is told now: its era is the thing\'s, and what is found can still go off', () => {
    expect('Sáng nay cuốc vườn tôi thấy một quả đạn pháo thời chiến tranh còn nguyên, bọn trẻ đang xúm lại xem, phải báo ai?', ['possible', 'sure']); // (main: none)
    expect('bom đạn thời chiến đào được trong vườn mấy năm trước, giờ vẫn để trong kho có sao không', ['possible', 'sure']); // (main: none)
    // Shown, remembered or in a film, it is none.
    expect('Bảo tàng tỉnh có trưng bày quả bom thời chiến tranh không, giờ mở cửa mấy giờ', ['none']);
    expect('ông tôi kể hồi chiến tranh có quả bom rơi trúng làng, giờ muốn làm lại căn cước', ['none']);
  });

  it('the look-alikes stay harmless: food sold smoking, fishing, a power cut, business that must', () => {
    expect('chợ đêm bán đồ nướng khói mù mịt thế có cần xin phép gì không', ['none']);
    expect('mất điện từ sáng đến giờ, bao giờ có điện lại vậy', ['none']);
    expect('đi câu cá ở hồ Núi Cốc có cần xin phép không', ['none']);
    expect('làm ăn phải có giấy phép an ninh trật tự không', ['none']);
    expect('vé thuyền trên hồ Ba Bể bao nhiêu tiền một người', ['none']);
  });
});
