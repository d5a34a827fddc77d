import assert from 'node:assert/strict';
import type { Scored } from '../../src/understanding/softmax-classifier';
import { firstService } from '../../src/understanding/situation-model';
import type { EmergencyService } from '../../src/understanding/types';
import { gradeCheck, productionParser, type GradeCheck } from './support';

/** The service model's ranking, best first, from each service's probability. */
const ranked = (p: Record<EmergencyService, number>): Scored[] =>
  (Object.entries(p) as [EmergencyService, number][]).map(([label, q]) => ({ label, p: q })).sort((a, b) => b.p - a.p);

// Round 33 (emergency dev set 17, the wrong first numbers of every set, blind round 23's misses and false alarms): who
// comes first is the model's ranking, its near-ties decided by the situation's facts. Sentences of our own; those marked
// "(main: …)" failed on main bce3474.
describe('understanding/round 33: the first number — the facts decide the model\'s near-ties; a roof blown off, a game\'s boss, a cut-throat price', () => {
  it('the facts decide where the model is nearly tied and they call for one service', () => {
    assert.equal(firstService(ranked({ police: 0.52, fire: 0.46, medical: 0.02 }), new Set(['fire'])), 'fire');
    assert.equal(firstService(ranked({ police: 0.56, fire: 0.02, medical: 0.42 }), new Set(['medical'])), 'medical');
  });

  it('the model decides where it is surer, the facts are silent, or they call for several services', () => {
    // A fact's word that meant something else ("đánh cá", fishing, read as a beating) does not outvote a sure model.
    assert.equal(firstService(ranked({ police: 0.3, fire: 0.68, medical: 0.02 }), new Set(['police'])), 'fire');
    assert.equal(firstService(ranked({ police: 0.5, fire: 0.45, medical: 0.05 }), new Set()), 'police');
    assert.equal(firstService(ranked({ police: 0.5, fire: 0.02, medical: 0.48 }), new Set(['police', 'medical'])), 'police');
  });

  describe('through the parser', () => {
    let expect: GradeCheck;
    before(() => {
      expect = gradeCheck(productionParser());
    });

    it('someone who fainted and may not breathe is the medical service\'s, though a bus and its driver are named', () => {
      expect('đang có người ngất trên xe khách tuyến Thái Nguyên Hà Nội, hình như không thở, tài xế đã dừng xe', ['sure'], ['medical']); // (main: police)
    });

    it('a man named is no swarm of bees ("đàn ông" is no "đàn ong"); a swarm typed so still is', () => {
      expect('có người đàn ông lạ đứng trước cổng nhà tôi cả tiếng, cứ nhìn vào trong', ['sure', 'possible'], ['police']);
      expect('đàn ong vò vẽ bay kín sân trường, mấy đứa nhỏ bị đốt đang khóc', ['sure'], ['fire', 'medical']);
    });

    it('a scald, a collapse heard, a scam\'s lie about an accident: each its own service first', () => {
      expect('thằng cu nhà tôi bị ấm nước sôi đổ vào chân, da phồng rộp hết', ['sure'], ['medical']);
      expect('nhà kho sau xưởng vừa có tiếng đổ rầm, gọi mãi không thấy ai trả lời', ['sure', 'possible'], ['fire']);
      expect('có người gọi bảo chồng tôi bị tai nạn, phải chuyển tiền gấp để mổ, tôi đang ra ngân hàng', ['sure', 'possible'], ['police']);
    });

    it('a roof blown off in a blast is told now: "bay tung" is no time over ("từng")', () => {
      expect('xưởng pháo trong làng vừa nổ mấy tiếng liền, mái tôn bay tung, khói đen kịt', ['sure'], ['fire']); // (main: possible)
    });

    it('a game\'s boss and a cut-throat price are no danger; a debt collector at the door with a knife still is', () => {
      expect('tối qua cả team đánh nhau với con boss cuối mãi không qua nổi', ['none']);
      expect('quán bên cạnh chém giá cắt cổ, một bát phở 80 nghìn', ['none']);
      expect('ông chủ nợ đòi lãi cắt cổ, giờ còn đang đứng trước cửa nhà tôi cầm dao', ['sure'], ['police']);
    });
  });
});
