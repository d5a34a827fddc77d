import assert from 'node:assert/strict';
import { createParser, type Parser } from '../../src/understanding';
import { INTENTS_DIR, PLAIN_MODELS } from './support';

// Issue 10: danger graded from the situation. Every message below was written for this file and is in no evaluation set.
describe('understanding/emergencies graded from the situation', () => {
  let parser: Parser;
  before(() => {
    parser = createParser({ intentsDir: INTENTS_DIR, cacheDirs: PLAIN_MODELS });
  });
  const judge = (text: string) => parser.parse(text).emergency;

  it('a robbery is police first, though "chạy" folds like "cháy"', () => {
    const r = parser.parse('Cướp giật điện thoại của tôi rồi chạy mất');
    assert.equal(r.intent.name, 'emergency');
    assert.deepEqual(r.emergency, { grade: 'sure', service: 'police', asksNumbers: false });
  });

  it('picks the service from the situation', () => {
    assert.equal(judge('khói đen bốc ra từ kho hàng bên cạnh, lửa bắt đầu lan')?.service, 'fire');
    assert.equal(judge('ông nhà tôi đột nhiên ngã gục, gọi không tỉnh')?.service, 'medical');
    assert.equal(judge('có thằng cầm dao đang đuổi chém người ở chợ')?.service, 'police');
  });

  it('films, recipes, drills, a past fire, a business suspended for fire risk: no emergency', () => {
    for (const text of [
      'tối qua xem phim thấy cảnh cháy chung cư sợ quá',
      'cách làm cơm cháy giòn không bị khét',
      'công ty tôi diễn tập chữa cháy thứ bảy này, có cần báo công an không',
      'nhà tôi bị cháy từ năm kia, giờ xin cấp lại sổ hộ khẩu được không',
      'quán karaoke bị tạm đình chỉ vì nguy cơ cháy nổ, muốn hoạt động lại phải làm gì',
      'cho hoi lafm hooj chieeus o ddaau',
    ]) {
      const r = parser.parse(text);
      assert.notEqual(r.intent.name, 'emergency', text);
      assert.notEqual(r.emergency?.grade, 'sure', text);
    }
  });

  it('a hand rule needs its own diacritics: "đang cháy" is, "đang chạy" is not', () => {
    assert.equal(judge('cứu với nhà đang cháy')?.grade, 'sure');
    assert.notEqual(judge('xe đang chạy thì bị csgt dừng, có được kiểm tra giấy tờ không')?.grade, 'sure');
  });

  it('no hazard, plea or person at risk: never a sure emergency', () => {
    for (const text of ['àààààà', 'ờ', '???']) assert.notEqual(judge(text)?.grade, 'sure', text);
  });

  it('a question for the numbers asks for them, without an alarm', () => {
    for (const text of ['số điện thoại khẩn cấp là số nào', 'gọi cảnh sát thì số mấy', 'ambulance number please']) {
      const e = judge(text);
      assert.equal(e?.asksNumbers, true, text);
      assert.notEqual(e?.grade, 'sure', text);
    }
    assert.equal(judge('gọi cảnh sát thì số mấy')?.service, 'police');
  });

  it('reads telex before judging', () => {
    assert.deepEqual([judge('nhaf tooi ddang chasy')?.grade, judge('nhaf tooi ddang chasy')?.service], ['sure', 'fire']);
  });

  it('a button payload carries no judgement', () => {
    assert.equal(parser.parse('/help').emergency, undefined);
  });
});
