import { gradeCheck, productionParser, type GradeCheck } from './support';

// Round 22 (issue 10): causes behind blind round 16's misses, tested with sentences of our own (not from any dev or blind
// set); each assertion marked "(main: …)" failed on main before this round.
describe('understanding/round 22: a fire fought and not out, everyone fine after it, a dam is no beating', () => {
  let expect: GradeCheck;
  before(() => {
    expect = gradeCheck(productionParser());
  });

  it('a fire fought and not put out burns now, in the kitchen too; a burnt dish stays harmless', () => {
    expect('chảo dầu quán tôi bén lửa, dập mãi không tắt', ['sure'], ['fire']); // (main: none)
    expect('bếp nhà hàng bốc cháy từ chảo dầu, nhân viên xịt mãi không tắt', ['sure'], ['fire']); // (main: possible)
    expect('nồi cá kho bị cháy khét, rửa thế nào cho sạch', ['none']);
    expect('thịt nướng cháy xém hết một mặt', ['none']);
  });

  it('an extinguisher used and failing tells a fire now, not a question about equipment ("không" of "xịt không tắt" asks nothing)', () => {
    expect('gara ô tô bén lửa, bình bột xịt mãi không tắt', ['sure'], ['fire']); // (main: none)
  });

  it('a fire over with everyone said to be fine is no card', () => {
    expect('Lúc nãy ổ điện trong bếp tóe lửa, tôi ngắt cầu dao xong, cả nhà ổn', ['none', 'possible']); // (main: sure)
  });

  it('a dam is a place, not a beating: its bank sliding calls the rescue (114)', () => {
    expect('thân đập thủy lợi trên bản đang rò nước, chân đập sụt từng mảng', ['sure'], ['fire']); // (main: police)
  });
});
