import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createParser, type Parser } from '../../src/understanding';
import { Analyser } from '../../src/understanding/analyser';
import { loadResources } from '../../src/understanding/resources';
import { trainSituationModel } from '../../src/understanding/situation-model';
import { SoftmaxClassifier, type LabelledFeatures } from '../../src/understanding/softmax-classifier';
import { loadTrainingData } from '../../src/understanding/training-data';
import { loadYamlFile } from '../../src/util/yaml-file';
import { z } from 'zod';
import { gradeCheck, INTENTS_DIR, PLAIN_MODELS, productionParser } from './support';

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

  // A clause is read on its own when it tells a hazard going on ("đang"), or, beside a question for the numbers, one
  // told now ("vừa"): the second kind must still be read though the clause holds no word of the first (the check for
  // "đang" comes first since the parse-cost round, to spare the other clauses their frame matching).
  it('a hazard told now beside a question for the numbers, or going on inside a letter, is the card', () => {
    assert.deepEqual(judge('số nào gọi xe cấp cứu, ông tôi vừa ngã và không tỉnh'), { grade: 'sure', service: 'medical', asksNumbers: false });
    const letter = 'Chào anh chị, tôi ở phường Gia Sàng, hôm nay đi làm về muộn. Tôi muốn hỏi thủ tục đăng ký tạm trú cho người thuê trọ. '
      + 'Mà khoan, ngoài đường đang có người đánh nhau bằng dao, máu chảy nhiều lắm. Xin hỏi làm tạm trú cần giấy tờ gì ạ?';
    assert.deepEqual(judge(letter), { grade: 'sure', service: 'police', asksNumbers: false });
  });

  it('reads telex before judging', () => {
    assert.deepEqual([judge('nhaf tooi ddang chasy')?.grade, judge('nhaf tooi ddang chasy')?.service], ['sure', 'fire']);
  });

  it('a button payload carries no judgement', () => {
    assert.equal(parser.parse('/help').emergency, undefined);
  });
});

// Issue 10, round 14: a harm still to come, a service passing by, a place's name; and a model that does not move when
// unrelated training lines come or go. Every message below was written for this file and is in no training or dev set
// (they were used as probes while tuning, so they are not blind).
describe('understanding/emergencies: harms to come, and a stable model (round 14)', () => {
  it('a scam not yet paid, a meeting set with a stranger met online, a fight planned: at least the line', () => {
    const expect = gradeCheck(productionParser());
    expect('có người xưng cán bộ ngân hàng bảo tôi chuyển 20 triệu để giữ khoản vay, tôi chưa chuyển, có nên không', ['possible', 'sure'], ['police']);
    expect('con gái tôi 15 tuổi bảo tối mai đi gặp một người quen qua mạng ở Hà Nội, người đó gửi tiền xe rồi', ['possible', 'sure'], ['police']);
    expect('mấy người lạ hẹn nhau mang dao ra bãi sông tối nay', ['possible', 'sure'], ['police']);
    expect('đêm nào cũng có người lạ đứng rình trước cổng, tôi sợ lắm', ['possible', 'sure'], ['police']);
    // Something to do tomorrow with no harm in it, a fear of paperwork, a scam over: nothing.
    expect('sáng mai tôi đi làm lại căn cước bị mất, cần mang gì', ['none']);
    expect('tôi định chuyển tiền đóng phí đăng ký xe máy qua app có được không', ['none']);
    expect('tôi sợ làm sai hồ sơ căn cước, có ai hướng dẫn không', ['none']);
    expect('tuần trước có người xưng công an gọi, tôi sợ quá nên đã chuyển 5 triệu, giờ tố giác ở đâu', ['none']);
  });

  it('a service heard passing, or a hazard word inside a place\'s name, tells no danger', () => {
    const expect = gradeCheck(productionParser());
    expect('nghe còi hú inh ỏi, xe cứu hỏa vừa chạy qua chợ, có chuyện gì thế', ['none']);
    expect('em đang học nghề ở Sông Công, muốn đổi căn cước ở đâu', ['none']);
  });

  it('documents with keys are visited in an order drawn from the keys, whatever their positions', () => {
    const docs: LabelledFeatures[] = Array.from({ length: 40 }, (_, i) => ({ features: [`w:${i % 7}`, `b:${i % 5}`, `w:${i % 3}x`], label: i % 3 === 0 ? 'a' : 'b', key: i * 7919 }));
    const train = (list: LabelledFeatures[]) => {
      const model = new SoftmaxClassifier(['a', 'b']);
      model.train(list, { epochs: 5, seed: 3 });
      return docs.map((d) => model.predict(d.features));
    };
    assert.deepEqual(train([...docs].reverse()), train(docs));
    // Without keys the order is a shuffle of positions: reversing the documents gives another model.
    const unkeyed = docs.map(({ features, label }) => ({ features, label }));
    assert.notDeepEqual(train([...unkeyed].reverse()), train(unkeyed));
  });

  it('three unrelated training lines added move no grade and barely any probability', function () {
    this.timeout(240_000);
    const resources = loadResources(INTENTS_DIR);
    const analyser = new Analyser(resources, { targets: [], known: [] });
    const examples = loadTrainingData(INTENTS_DIR);
    const safe = examples.find((e) => e.intent !== 'emergency');
    assert.ok(safe);
    const added = ['cho hỏi thủ tục đổi bằng lái xe mất bao lâu ạ', 'xin cảm ơn các anh chị đã hỗ trợ nhiệt tình', 'làm hộ chiếu online có được không ạ'].map((text) => ({ ...safe, text }));
    const train = (list: typeof examples) => trainSituationModel(resources.situations, list, list.map((e) => analyser.analyse(e.text)), (t) => analyser.analyse(t));
    const before = train(examples);
    const after = train([...examples, ...added]);
    const dev = loadYamlFile(join(INTENTS_DIR, 'test', 'emergency-dev-4.yaml'), z.array(z.object({ text: z.string() })));
    let moved = 0;
    for (const { text } of dev) {
      const message = { ...analyser.analyse(text), text };
      assert.equal(after.judge(message).grade, before.judge(message).grade, text);
      moved = Math.max(moved, Math.abs(after.dangerProbability(message) - before.dangerProbability(message)));
    }
    // One shuffle of every position (before round 14) moved single messages by up to 0.2 for a few lines more or less.
    assert.ok(moved < 0.01, `moved by ${moved}`);
  });
});

describe('understanding/emergencies: signs, stings, empty gas bottles (round 15)', () => {
  it('a short message that tells a sign, not a danger seen, gets the line; a danger going on keeps the card', () => {
    const expect = gradeCheck(productionParser());
    expect('hình như có mùi khét khét ở gian kho sau nhà, chưa thấy khói', ['possible'], ['fire']);
    expect('ông tôi ra đồng từ trưa đến giờ chưa thấy về, gọi không được', ['possible'], ['police']);
    expect('vết nứt ở bức tường giáp đồi cứ to dần ra mỗi ngày', ['possible'], ['fire']);
    // Missing by the water after dark: the police look for people, the rescue police search the water (writer U, round 21).
    expect('cậu em đi câu từ trưa, giờ tối mịt rồi chưa về', ['possible'], ['police', 'fire']);
    expect('hình như có mùi gas ở chân cầu thang', ['possible'], ['fire']);
    expect('khói đen đang tuôn ra từ phòng bên, hình như có người bên trong', ['sure'], ['fire']);
    // A sign beside a danger told strongly is no hedge; "dạo này" (lately) names no knife.
    expect('mùi gas nồng nặc ngoài hành lang, có nên bật đèn không', ['sure'], ['fire']);
    expect('dạo này tôi hay mất ngủ, muốn hỏi làm căn cước online', ['none']);
  });

  it('a negation must be the word typed ("nốt" is no "not"); a swallowed cleaner is a danger', () => {
    const expect = gradeCheck(productionParser());
    expect('bị ong vò vẽ đốt mấy chục nốt, giờ khó thở', ['sure'], ['medical']);
    expect('bé nhà tôi lỡ uống ngụm nước tẩy, giờ vẫn chơi', ['possible', 'sure'], ['medical']);
  });

  it('a gas bottle run empty, or an animal stuck with no person at risk, is no emergency', () => {
    const expect = gradeCheck(productionParser());
    expect('hết gas nấu cơm rồi, chỗ nào đổi bình gần đây', ['none']);
    expect('con chó nhà tôi bị kẹt dưới gầm giường, không lôi ra được', ['none']);
  });
});
