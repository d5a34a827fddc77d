import assert from 'node:assert/strict';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { projectRoot } from '../../src/config';
import { loadKnowledge } from '../../src/knowledge';
import { chat, useAssistant } from '../support/server';
import { en, vi } from '../support/locale';

// Issue 10, the dialogue side: messages with no words, follow-ups in context, English throughout, multi-part questions.
const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
type Message = Awaited<ReturnType<typeof chat>>[number];
type Facet = 'info' | 'documents' | 'fee' | 'duration' | 'online' | 'where';

const titleOf = (t: TFunction, id: string) => {
  const { title } = knowledge.getProcedure(id)!;
  return t === en ? title.en! : title.vi;
};
/** The line a facet answer of procedure `id` opens with ("Dạ, thời gian giải quyết …:"); "where" opens the office answer. */
const opening = (t: TFunction, id: string, facet: Facet) =>
  facet === 'where' ? t('office:whereIntro', { title: titleOf(t, id), where: '' }) : t(`procedure:headers.${facet}`, { title: titleOf(t, id) });
const answers = (replies: Message[], t: TFunction, id: string, facet: Facet) => replies[0].text.startsWith(opening(t, id, facet));
const buttonTitles = (replies: Message[]) => (replies.at(-1)!.buttons ?? []).map((b) => b.title);

describe('everyday messages end to end (issue 10)', () => {
  const assistant = useAssistant();
  const say = (sender: string, message: string) => chat(assistant().url, sender, message);

  describe('a message with no words gets a short prompt and the menu, never "out of scope"', () => {
    for (const message of ['?', '??', '...', '😀', '👍👍', '', '   ', '?!']) {
      it(JSON.stringify(message), async () => {
        const sender = `no-words-${message}`;
        const replies = await say(sender, message);
        assert.equal(replies.length, 1);
        assert.equal(replies[0].text, vi('menu.empty'));
        for (const item of ['cu-tru', 'xuat-nhap-canh', 'dossier', 'office', 'human']) assert.ok(buttonTitles(replies).includes(vi(`menu.items.${item}`)), item);
        const logged = await assistant().assistant.store.unanswered.list(500);
        assert.ok(!logged.some((u) => u.userId === sender), 'nothing for content editors to read');
      });
    }

    it('in the language the citizen writes in', async () => {
      await say('no-words-en', 'How do I apply for a passport?');
      const replies = await say('no-words-en', '?');
      assert.equal(replies[0].text, en('menu.empty'));
    });

    // The parse of such a message is `help` (the menu, as the bot answers it), but it asks for nothing: a flow under way
    // takes it as its reply, and the procedure being discussed stays.
    it('inside a flow, the flow asks again', async () => {
      await say('no-words-flow', 'tôi muốn gửi phản ánh');
      assert.equal((await say('no-words-flow', '?'))[0].text, vi('feedback.tooShort'));
      const done = await say('no-words-flow', 'Cán bộ một cửa hẹn trả hồ sơ tạm trú nhưng quá hạn ba ngày chưa có');
      assert.ok(/PA-\d{8}-\d{4}/.test(done[0].text), done[0].text);
    });

    it('after an answer, the procedure is still the one discussed', async () => {
      await say('no-words-follow', 'làm hộ chiếu');
      assert.equal((await say('no-words-follow', '...'))[0].text, vi('menu.empty'));
      assert.ok(answers(await say('no-words-follow', 'mất bao lâu'), vi, 'ho-chieu', 'duration'));
    });
  });

  describe('follow-ups are about the procedure being discussed, until the subject changes', () => {
    it('keeps the passport for every facet, asked in every way, turn after turn', async () => {
      const sender = 'follow-passport';
      assert.ok(answers(await say(sender, 'làm hộ chiếu'), vi, 'ho-chieu', 'info'));
      const turns: [string, Facet][] = [
        ['mất bao lâu', 'duration'],
        ['ở đâu', 'where'],
        ['bao nhiêu tiền', 'fee'],
        ['báo qua đâu', 'where'],
        ['làm online được không', 'online'],
        ['cần giấy tờ gì', 'documents'],
        ['nộp ở đâu', 'where'],
        ['o dau', 'where'],
        ['bao lau thi co', 'duration'],
      ];
      for (const [message, facet] of turns) {
        const replies = await say(sender, message);
        assert.ok(answers(replies, vi, 'ho-chieu', facet), `"${message}" → ${facet}: ${replies[0].text.slice(0, 80)}`);
        assert.ok(!buttonTitles(replies).includes(vi(`procedure:facets.${facet}`)), `"${message}": no button for what was just answered`);
      }
    });

    it('answers "báo qua đâu" after a report of a lost passport with where to report it', async () => {
      await say('follow-lost', 'mất hộ chiếu thì làm sao');
      assert.ok(answers(await say('follow-lost', 'báo qua đâu'), vi, 'trinh-bao-mat-ho-chieu', 'where'));
    });

    it('moves to the procedure the citizen names next', async () => {
      const sender = 'follow-switch';
      await say(sender, 'làm hộ chiếu');
      assert.ok(answers(await say(sender, 'còn tạm trú thì mất bao lâu'), vi, 'tam-tru', 'duration'));
      assert.ok(answers(await say(sender, 'ở đâu'), vi, 'tam-tru', 'where'));
    });

    it('forgets the procedure once the citizen turns to something else', async () => {
      const sender = 'follow-changed';
      await say(sender, 'làm hộ chiếu');
      await say(sender, 'xin chào');
      const replies = await say(sender, 'ở đâu');
      assert.ok(!replies.some((r) => r.text.includes(titleOf(vi, 'ho-chieu'))), replies[0].text);
    });

    it('does not take a clearly unrelated question for a follow-up because of its question word', async () => {
      await say('follow-unrelated', 'làm hộ chiếu');
      const replies = await say('follow-unrelated', 'thời tiết hôm nay thế nào');
      assert.equal(replies[0].text, vi('fallback.outOfScope'));
    });
  });

  describe('a citizen who writes English is answered in English, follow-ups included', () => {
    it('answers a passport conversation in English, with the reference-translation line, and switches back', async () => {
      const sender = 'english-passport';
      const first = await say(sender, 'How do I apply for a passport?');
      assert.ok(answers(first, en, 'ho-chieu', 'info'), first[0].text.slice(0, 80));
      assert.ok(first[0].text.includes(en('procedure:referenceTranslation')));
      assert.ok(buttonTitles(first).includes(en('procedure:facets.documents')));
      const turns: [string, Facet][] = [
        ['how long does it take', 'duration'],
        ['where', 'where'],
        ['how much', 'fee'],
        ['what documents do I need', 'documents'],
        ['can I do it online', 'online'],
      ];
      for (const [message, facet] of turns) {
        const replies = await say(sender, message);
        assert.ok(answers(replies, en, 'ho-chieu', facet), `"${message}" → ${facet}: ${replies[0].text.slice(0, 80)}`);
        assert.ok(replies[0].text.includes(en('procedure:referenceTranslation')), `"${message}": marked as a reference translation`);
      }
      assert.ok(answers(await say(sender, 'làm hộ chiếu mất bao lâu'), vi, 'ho-chieu', 'duration'), 'Vietnamese again');
      assert.ok(answers(await say(sender, 'o dau'), vi, 'ho-chieu', 'where'), 'and stays Vietnamese without diacritics');
    });

    it('switches to English mid-conversation for a short English question', async () => {
      await say('english-late', 'làm hộ chiếu');
      assert.ok(answers(await say('english-late', 'how much'), en, 'ho-chieu', 'fee'));
    });

    it('keeps English for a message whose words do not tell ("ok", "menu")', async () => {
      await say('english-neutral', 'How do I apply for a passport?');
      assert.equal((await say('english-neutral', 'menu')).at(-1)!.text, en('menu.prompt'));
      assert.ok((await say('english-neutral', 'ok'))[0].text.startsWith(en('fallback.outOfScope')));
    });

    for (const message of ['lam ho chieu mat bao lau', 'làm passport mất bao lâu', 'cho em hỏi passport mất bao lâu mới có ạ']) {
      it(`answers "${message}" in Vietnamese`, async () => {
        assert.ok(answers(await say(`vietnamese-${message}`, message), vi, 'ho-chieu', 'duration'));
      });
    }
  });

  describe('a question that asks several things gets every part answered', () => {
    it('"14 tuổi làm căn cước ở đâu, mang gì": the documents, then where, with buttons for the rest', async () => {
      const replies = await say('parts-id', '14 tuổi làm căn cước ở đâu, mang gì');
      assert.equal(replies.length, 2);
      assert.ok(answers(replies, vi, 'can-cuoc-cap-moi', 'documents'), replies[0].text.slice(0, 80));
      assert.ok(replies[1].text.startsWith(opening(vi, 'can-cuoc-cap-moi', 'where')), replies[1].text.slice(0, 80));
      assert.equal(replies[0].buttons, undefined, 'buttons only under the last message');
      const titles = buttonTitles(replies);
      for (const f of ['documents', 'where']) assert.ok(!titles.includes(vi(`procedure:facets.${f}`)), `${f} was answered`);
      for (const f of ['fee', 'duration', 'online', 'info']) assert.ok(titles.includes(vi(`procedure:facets.${f}`)), `${f} offered`);
    });

    it('a follow-up that asks two things answers both in one message, in the order asked', async () => {
      await say('parts-follow', 'đăng ký tạm trú');
      const replies = await say('parts-follow', 'mất bao lâu, bao nhiêu tiền');
      assert.equal(replies.length, 1);
      const text = replies[0].text;
      assert.ok(answers(replies, vi, 'tam-tru', 'duration'), text.slice(0, 80));
      assert.ok(text.indexOf(`\n${vi('procedure:sections.fee')}\n`) > 0, 'then the fee under its own heading');
      assert.equal(text.split(vi('procedure:footer', { date: '', url: '' }).slice(0, 12)).length - 1, 1, 'one review footer');
      assert.ok(text.length <= 1500, `fits about a phone screen: ${text.length}`);
    });

    it('does the same in English', async () => {
      await say('parts-en', 'How do I apply for a passport?');
      const replies = await say('parts-en', 'how long and how much');
      assert.ok(answers(replies, en, 'ho-chieu', 'duration'), replies[0].text.slice(0, 80));
      assert.ok(replies[0].text.includes(`\n${en('procedure:sections.fee')}\n`));
      assert.equal(replies[0].text.split(en('procedure:referenceTranslation')).length - 1, 1, 'one reference-translation line');
    });
  });

  // Round 28: a letter's sentence that asks decides what kind of letter it is, whatever its story names.
  describe('a letter that asks how to report a crime, or where to complain, gets that path', () => {
    it('how to report, naming no procedure: the ways to report a crime', async () => {
      // test/understanding/letters-19.test.ts's letter: the models alone read its "gửi ở đâu" as a question about an office.
      const letter = 'Tôi bán tạp hóa ở chợ Túc Duyên, năm nay 52 tuổi. Chiều qua hai thanh niên ghé mua thuốc lá rồi trả bằng tờ 500 nghìn, tối kiểm tiền mới biết là tiền giả. Camera của quầy quay rõ mặt cả hai. Tôi muốn gửi đoạn camera đó cho công an thì gửi ở đâu?';
      const replies = await say('letter-report', letter);
      assert.ok(replies[0].text.startsWith(vi('crime.report')), replies[0].text);
    });

    it('where to send a complaint about a procedure: the letter is recorded as feedback, not answered as that procedure', async () => {
      const letter = 'Tôi nộp hồ sơ đăng ký thường trú cho con dâu ở công an xã từ đầu tháng 10, cán bộ hẹn một tuần. Đã ba lần tôi lên hỏi, lần nào cũng bảo người phụ trách đi vắng, chờ tiếp. Nhà tôi cách xã 12 cây số. Tôi muốn gửi đơn khiếu nại thì gửi về đâu?';
      const replies = await say('letter-complaint', letter);
      const reference = /PA-\d{8}-\d{4}/.exec(replies[0].text)?.[0];
      assert.equal(replies[0].text, vi('feedback.recorded', { reference }), 'the letter itself is recorded as the complaint');
    });
  });
});
