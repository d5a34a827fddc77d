import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { lexiconNamer, named, productionParser } from './support';

// Issue 10, round 15 (development sets styles-dev-15 and the published blind round 14): causes behind short misses.
// Every message below was written for this file: it is in no training file and no evaluation set.
describe('understanding/round 15: short styles', () => {
  let parser: Parser;
  const lexicon = lexiconNamer();
  before(() => {
    parser = productionParser();
  });

  describe('a qualifier listed under two members is settled by the citizen\'s other words', () => {
    for (const [text, want] of [
      // A damaged card is cấp lại by the law and cấp đổi to many citizens: alone it is asked about, the verb decides.
      ['căn cước của bố bị gãy làm đôi, đi đổi cần mang gì', 'can-cuoc-cap-doi'],
      ['cái thẻ căn cước hỏng chip rồi, xin cấp lại thế nào', 'can-cuoc-cap-lai'],
      ['thẻ căn cước bị nứt', 'group:can-cuoc'],
      // Lost papers of every kind: the card is the one to make again.
      ['mất hết giấy tờ tùy thân lúc đi chợ, giờ làm lại sao', 'can-cuoc-cap-lai'],
      // The licence told as the test passed and the paper received.
      ['thi đậu xong mấy hôm thì nhận bằng', 'gplx-sat-hach-cap-moi'],
      ['làm rớt hộ chiếu ở ga tàu thì báo ở đâu', 'trinh-bao-mat-ho-chieu'],
    ] as const) {
      it(`${text} → ${want}`, () => assert.equal(lexicon(text), want));
    }
    it('a qualifier typed with other diacritics is another word ("dời", "đợi" are no "đổi")', () => {
      assert.equal(named(parser.parse('ông ơi dời lịch làm căn cước bị mất sang tuần sau được không')), 'can-cuoc-cap-lai');
      assert.equal(named(parser.parse('thi bằng lái xe máy xong đợi bao lâu có bằng')), 'gplx-sat-hach-cap-moi');
      // Typed without diacritics it may be either, and counts.
      assert.equal(named(parser.parse('the can cuoc bi gay doi thi di doi o dau')), 'can-cuoc-cap-doi');
    });
    it('a bare verb inside another procedure\'s alias is that alias\'s ("đổi" of "đổi bằng lái")', () => {
      assert.equal(lexicon('vừa đổi bằng lái xong, giờ làm căn cước cho con'), 'can-cuoc-cap-moi');
    });
  });

  describe('the part asked and the kind of message', () => {
    for (const [text, want] of [
      // Points that come back by themselves after a time: that wait is what the points procedure takes.
      ['điểm bằng lái bị trừ thì sau bao lâu tự được trả lại', 'procedure_duration'],
      ['làm hộ chiếu hết bnhieu', 'procedure_fee'],
      // An age is no time: "có làm được không" beside a child's age asks whether, not when the office works.
      ['con gái tôi 7 tuổi làm căn cước được không ạ', 'procedure_info'],
      ['thứ 7 có làm căn cước được không', 'office_hours'],
      // A nuisance is reported to the police; a film about drugs is not a report; a threat by message is no subscription.
      ['quán bia đối diện mở nhạc tới khuya ngày nào cũng thế, phản ánh với ai', 'crime_report'],
      ['bộ phim về cảnh sát ma túy tối nay chiếu kênh gì', 'out_of_scope'],
      ['có người cứ nhắn tin dọa đánh em mỗi tối', 'crime_report'],
      ['em muốn theo dõi tin tức của công an tỉnh', 'subscribe'],
      ['cho gặp người tư vấn với', 'human_agent'],
    ] as const) {
      it(`${text} → ${want}`, () => {
        const r = parser.parse(text);
        assert.equal(r.intent.name, want, JSON.stringify(r.intent_ranking.slice(0, 3)));
      });
    }
  });
});
