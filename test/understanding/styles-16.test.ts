import assert from 'node:assert/strict';
import { Analyser } from '../../src/understanding/analyser';
import { CLARIFY_BELOW } from '../../src/understanding/parser';
import { mayConsult } from '../../src/understanding/procedure-decision';
import { loadResources } from '../../src/understanding/resources';
import type { Parser } from '../../src/understanding/types';
import { INTENTS_DIR, named, productionParser } from './support';

// Issue 10, styles 16 (the causes the summary of the last blind round named). Every message below was written for this
// file: it is in no training file and no evaluation set.
describe('understanding/styles 16', () => {
  let parser: Parser;
  let analyser: Analyser;
  before(() => {
    parser = productionParser();
    analyser = new Analyser(loadResources(INTENTS_DIR), { targets: [], known: [] });
  });

  describe('topic cues are matched as typed', () => {
    it('a word typed with other diacritics is another word ("nhắn tin" is no "nhận tin", "bạn" no "bán")', () => {
      assert.ok(!analyser.analyse('ông ấy ngày nào cũng nhắn tin đòi nợ nhà em').topics.includes('notifications'));
      assert.ok(analyser.analyse('bác muốn nhận tin cảnh báo của công an tỉnh').topics.includes('notifications'));
      assert.ok(!analyser.analyse('mình muốn dùng bản tiếng anh cho bạn đọc').topics.includes('chitchat'));
      assert.ok(!analyser.analyse('thấy lửa bốc lên sau nhà').topics.includes('crime'));
      assert.ok(analyser.analyse('bị lừa mất tiền qua mạng').topics.includes('crime'));
    });
    it('typed without diacritics it may be either, and counts', () => {
      assert.ok(analyser.analyse('nhan tin canh bao cho em voi').topics.includes('notifications'));
    });
    it('a cue inside a longer cue of another topic is that cue\'s ("theo dõi" of "theo dõi tôi" is no page followed)', () => {
      const topics = analyser.analyse('có gã lạ nào đó theo dõi tôi từ chỗ làm về').topics;
      assert.ok(topics.includes('crime') && !topics.includes('notifications'), topics.join(' '));
      assert.ok(analyser.analyse('em muốn theo dõi tin tức của công an tỉnh').topics.includes('notifications'));
    });
    for (const text of ['ông ấy ngày nào cũng nhắn tin đòi nợ dọa dẫm nhà em', 'có gã lạ nào đó theo dõi tôi từ chỗ làm về']) {
      it(`${text} → no subscription`, () => {
        const r = parser.parse(text);
        assert.ok(!['subscribe', 'unsubscribe', 'news'].includes(r.intent.name), JSON.stringify(r.intent_ranking.slice(0, 3)));
      });
    }
  });

  describe('a word an alias writes without marks, typed with marks, is another word', () => {
    it('"thì bằng lái" (then the licence) is no "thi bằng lái" (the test)', () => {
      assert.equal(named(parser.parse('xe thì mới sang tên rồi, còn bao lâu thì bằng lái được phục hồi điểm')), 'gplx-phuc-hoi-diem');
      // Typed without marks, or as the alias writes it, it is the test.
      assert.equal(named(parser.parse('thi bằng lái xe máy hết bao nhiêu tiền')), 'gplx-sat-hach-cap-moi');
      assert.equal(named(parser.parse('thi bang lai xe may het bao nhieu tien')), 'gplx-sat-hach-cap-moi');
    });
  });

  describe('the amount of a fine is asked about the rule, not a fee', () => {
    const facets = (text: string) => parser.parse(text).entities.filter((e) => e.entity === 'facet').map((e) => e.value);
    for (const [text, procedure] of [
      // The violation and the fine apart name the traffic fine.
      ['đi ô tô mà vượt đèn đỏ thì giờ phạt bao nhiêu vậy', 'nop-phat-giao-thong'],
      ['chay qua toc do tren cao toc bi phat bao nhieu tien', 'nop-phat-giao-thong'],
      // Another procedure's fine is its rule too, not its lệ phí.
      ['không khai báo tạm vắng khi đi làm xa thì bị phạt bao nhiêu tiền', 'tam-vang'],
    ] as const) {
      it(`${text} → procedure_info, ${procedure}, the fine facet`, () => {
        const r = parser.parse(text);
        assert.equal(r.intent.name, 'procedure_info', JSON.stringify(r.intent_ranking.slice(0, 3)));
        assert.equal(r.entities.find((e) => e.entity === 'procedure')?.value, procedure);
        assert.deepEqual(facets(text), ['fine']);
      });
    }
    it('a charge for paying a fine is still a fee', () => {
      const text = 'đóng phạt qua ví điện tử có mất phí giao dịch không';
      assert.equal(parser.parse(text).intent.name, 'procedure_fee');
      assert.deepEqual(facets(text), ['fee']);
    });
  });

  describe('a match, a game, a film or a dish told in the words of a crime is small talk', () => {
    for (const text of [
      'đội bóng huyện mình bị vùi dập 0-5 tối qua, nhục thật',
      'chơi pubg với hội bạn mà cứ bị bắn chết ngay đầu trận',
      'thằng em chơi game bị giết liên tục tức phát khóc',
      'phim tối qua có cảnh đốt nhà ghê quá',
      'kho thịt quên để ý cháy đen cả đáy nồi, cọ sao cho sạch',
    ]) {
      it(`${text} → out_of_scope`, () => {
        const r = parser.parse(text);
        assert.equal(r.intent.name, 'out_of_scope', JSON.stringify(r.intent_ranking.slice(0, 3)));
      });
    }
    it('the setting is a topic of the intent model, from the situation frames and the sport cues', () => {
      assert.ok(analyser.analyse('chơi pubg bị bắn chết').topics.includes('fiction'));
      assert.ok(analyser.analyse('trọng tài xử ép đội nhà').topics.includes('sport'));
    });
    it('a theft at home is still a report', () => assert.equal(parser.parse('nhà tôi bị trộm đột nhập lấy mất xe máy đêm qua').intent.name, 'crime_report'));
    it('small talk about the bot itself is no help request', () => assert.equal(parser.parse('bạn là robot à').intent.name, 'out_of_scope'));
  });

  describe('letters: a list of procedures asked, and a person asked for', () => {
    it('a family asking which procedures it needs gets the list, not one member\'s procedure', () => {
      const r = parser.parse(
        'Chào các anh. Nhà tôi vừa từ Nghệ An ra Thái Nguyên sinh sống, hai vợ chồng với bố mẹ già và ba đứa nhỏ, có thêm một xe ' +
          'máy biển Nghệ An. Tôi không biết cả nhà phải làm những thủ tục gì với công an ở đây. Nhờ các anh kể ra giúp những việc cần làm?',
      );
      assert.equal(r.intent.name, 'procedure_list');
      assert.equal(named(r), 'none');
    });
    it('no learned model picks one procedure for a list question, whatever the story names', () => {
      assert.equal(mayConsult({ intent: 'procedure_list', emergency: false, lexicon: 'none' }), false);
      assert.equal(mayConsult({ intent: 'procedure_list', emergency: false, lexicon: 'mention', group: 'cu-tru' }), false);
      assert.equal(mayConsult({ intent: 'procedure_info', emergency: false, lexicon: 'none' }), true);
    });
    it('a letter that ends wanting to talk to an officer asks for a person, clearly enough to be answered', () => {
      const r = parser.parse(
        'Em hỏi mấy lần rồi mà bot trả lời không đúng ý, việc của em liên quan cả tạm trú lẫn đăng ký xe cho công ty. Em muốn nói ' +
          'chuyện với cán bộ để được tư vấn trực tiếp, không muốn nhắn với máy nữa.',
      );
      assert.equal(r.intent.name, 'human_agent', JSON.stringify(r.intent_ranking.slice(0, 3)));
      assert.ok(r.intent.confidence >= CLARIFY_BELOW, JSON.stringify(r.intent_ranking.slice(0, 3)));
    });
  });

  describe('two procedures told, then one of them asked by name', () => {
    for (const [text, want] of [
      ['đăng ký thường trú cho bà với cả làm hộ chiếu cho cháu, riêng hộ chiếu thì mất bao lâu', 'ho-chieu'],
      ['sang tên xe máy và đổi bằng lái luôn, đổi bằng lái có làm trên vneid được không', 'gplx-doi-cap-lai'],
      // A procedure the asking clause names for the first time is a condition of the one told, not the request.
      ['làm hộ chiếu cho bé nhà em, có cần căn cước không ạ', 'ho-chieu'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(named(parser.parse(text)), want));
    }
  });
});
