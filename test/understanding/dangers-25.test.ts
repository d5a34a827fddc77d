import assert from 'node:assert/strict';
import { tokenise } from '../../src/understanding/tokenise';
import { TypedPhraseMatcher } from '../../src/understanding/typed-phrase-matcher';
import { gradeCheck, productionParser, type GradeCheck } from './support';

/** What `m` finds in `text`, each match as "from-to:value". */
function found(m: TypedPhraseMatcher<string>, text: string): string[] {
  const tokens = tokenise(text, 2000);
  return m.matchAll(tokens.map((t) => t.text), tokens.map((t) => t.toned)).map((x) => `${x.from}-${x.to}:${x.value}`);
}

// Round 34 (emergency dev set 18, blind round 24's misses and false alarms, published): when and whether a danger told is
// so — a resolution someone claims and the rest gainsays, hearsay with its source named, a question before an outing, a
// war memory, a bite told now — and words the frames write plain because they have no diacritics. Sentences of
// our own; those marked "(main: …)" failed on main 6d78f00.
describe('understanding/round 34: when and whether — claims gainsaid, hearsay, outings asked about, words with no diacritics', () => {
  it('a word a phrase writes plain because it has no diacritics fits no word typed with them ("cát" is no "cat")', () => {
    const m = new TypedPhraseMatcher<string>({ bare: 'any', plain: new Set(['cat', 'dao']) });
    m.add('cat', 'animal');
    m.add('dao', 'violence');
    m.add('ket', 'trapped');
    assert.deepEqual(found(m, 'hai người rơi xuống đống cát'), []); // (main: animal)
    assert.deepEqual(found(m, 'đi chơi đảo Cô Tô'), []); // (main: violence)
    assert.deepEqual(found(m, 'my cat is stuck'), ['1-2:animal']);
    assert.deepEqual(found(m, 'nó cầm dao'), ['2-3:violence']);
    // A word written plain and not listed still fits any typing ("ket" typed "kẹt").
    assert.deepEqual(found(m, 'bị kẹt trong thang máy'), ['1-2:trapped']);
  });

  describe('through the parser', () => {
    let expect: GradeCheck;
    before(() => {
      expect = gradeCheck(productionParser());
    });

    it('people motionless on sand are people at risk, no cat', () => {
      expect('tường rào công trường vừa đổ, hai anh thợ hồ ngã xuống đống cát không cử động', ['sure']); // (main: none)
    });

    it('a resolution someone claims and the rest gainsays is none: the danger goes on', () => {
      expect('chị ơi em lên xe một ông lạ, ông ấy bảo đưa về nhà nhưng chạy xa lắm rồi, qua cả cánh đồng', ['sure'], ['police']); // (main: none)
    });

    it('a victim texting in secret is held now', () => {
      expect('tôi bị hai người lạ giữ trong một căn phòng ở ngoại ô, tôi đang nhắn lén', ['sure'], ['police']);
    });

    it('a hazard just told is told now, though the writer asks which number to call', () => {
      expect('ông nội tôi vừa ngã cầu thang, nằm không dậy được, tôi phải gọi số nào', ['sure', 'possible'], ['medical']); // (main: none)
      expect('mẹ tôi vừa ngất trong bếp, gọi mãi không tỉnh, gọi số nào ạ', ['sure', 'possible'], ['medical']); // (main: none)
    });

    it('hearsay with its source named is passed on: the line at most, unless what is heard reads as surely as a setting apart needs; a relayed call is no hearsay', () => {
      expect('nghe mấy chị ở chợ kể có bọn tự xưng cán bộ điện lực đang đi từng nhà thu tiền công tơ, không đóng thì cắt điện, có đúng không ạ', ['possible', 'none']); // (main: sure)
      expect('nghe mấy bà hàng xóm bảo nhà ông Tám cuối xóm đang cháy to lắm, khói đen mù mịt', ['sure'], ['fire']);
      expect('nghe em gái gọi điện về bảo thằng cháu bị điện giật ở ruộng, đang nằm đó không ai dám lại gần', ['sure']);
    });

    it('a question about an outing still to come asks about a risk, no card', () => {
      expect('cuối tuần nhà em đi leo núi Pháo, có sợ bị lạc không ạ', ['none']); // (main: possible)
    });

    it('a war memory is no danger now', () => {
      expect('ông tôi thời kháng chiến đã xông vào lửa cứu thương binh, nay muốn kể lại cho con cháu', ['none']); // (main: possible)
    });

    it('an idiom of anger, idle talk and a laugh typed "kk" name no danger', () => {
      expect('thằng em thi trượt, mẹ tôi tức hộc máu', ['none']); // (main: sure)
      expect('mấy ông hàng xóm ngồi chém gió cả buổi ở quán nước', ['none']); // (main: sure)
      expect('nó bảo tao là đồ ăn cướp vì lấy cái bút của nó kk', ['none']); // (main: sure)
    });

    it('a bite told now gets the line at least, however small; a bite remembered or of an animal does not', () => {
      expect('sáng nay em bị con chó lạ cắn xước nhẹ ở tay, có cần tiêm gì không', ['possible', 'sure'], ['medical']); // (main: none)
      expect('lúc trưa tôi bị chó nhà hàng xóm cắn, chỉ trầy da thôi, có sao không', ['possible', 'sure'], ['medical']); // (main: none)
      expect('hồi bé tôi bị chó dại cắn một lần, giờ vẫn còn sẹo ở chân', ['none']);
      expect('con vịt nhà tôi bị chó nhà bên cắn chết, họ không chịu đền thì làm sao', ['none']);
    });

    it('a hazard beside these words is still told: a river, a knife', () => {
      expect('con tôi rơi xuống sông rồi, cứu với', ['sure'], ['fire']);
      expect('thằng kia đang cầm dao đuổi chém người ở đầu ngõ', ['sure'], ['police']);
    });
  });
});
