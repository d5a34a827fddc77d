import assert from 'node:assert/strict';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { projectRoot } from '../../src/config';
import { ContentReader } from '../../src/bot/procedures/fact-text';
import { findShorthand, loadKnowledge } from '../../src/knowledge';
import { chat, useAssistant } from '../support/server';
import { en, vi } from '../support/locale';

// Issue 10 probed from outside: messages written by a QA engineer who did not write the training data, through the real
// server. The skipped cases are defects in code owned by others; each says why it is skipped, for the lead to enable.
const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
type Message = Awaited<ReturnType<typeof chat>>[number];

const title = (t: TFunction, id: string) => {
  const p = knowledge.getProcedure(id)!;
  return t === en ? p.title.en! : p.title.vi;
};
const header = (t: TFunction, id: string, facet: string) => t(`procedure:headers.${facet}`, { title: title(t, id) });
const whereOpening = (t: TFunction, id: string) => t('office:whereIntro', { title: title(t, id), where: '' });
const texts = (replies: Message[]) => replies.map((r) => r.text);
const all = (replies: Message[]) => texts(replies).join('\n');
/** The former province as the content names it (its notice is what the citizen must read). */
const bacKan = knowledge.formerProvinceIn('tỉnh Bắc Kạn')!;
const DOSSIER_TOKEN = 'outsider-probe-integration-token-0123456789abcdef';

describe('outsider probe of everyday messages (issue 10)', () => {
  // Each guess below comes from its own address (X-Forwarded-For, believed from loopback only), as from a botnet.
  const assistant = useAssistant({ INTEGRATION_TOKENS: DOSSIER_TOKEN, TRUST_PROXY: 'loopback' });
  const say = (sender: string, message: string) => chat(assistant().url, sender, message);

  describe('short follow-ups stay on the procedure being discussed', () => {
    it('"mất mấy ngày" after a residence answer is its processing time', async () => {
      const sender = 'probe-follow-days';
      await say(sender, 'đăng ký thường trú');
      for (const message of ['mất mấy ngày', 'mat may ngay']) {
        const replies = await say(sender, message);
        assert.ok(replies[0].text.startsWith(header(vi, 'thuong-tru', 'duration')), `"${message}": ${replies[0].text.slice(0, 80)}`);
      }
    });

    const quick = async (sender: string, message: string) => {
      await say(sender, 'cấp đổi căn cước');
      return say(sender, message);
    };
    for (const message of ['nhanh không', 'có nhanh không', 'nhanh ko']) {
      it(`"${message}" is the processing time, not out of scope`, async () => {
        const replies = await quick(`probe-quick-${message}`, message);
        assert.ok(replies.some((r) => r.text.startsWith(header(vi, 'can-cuoc-cap-doi', 'duration'))), all(replies).slice(0, 200));
      });
    }

    it('short everyday words ("nhanh không", "xe máy", "ô tô", "motorbike", "Share location") get no "if anyone is in danger" line', async () => {
      const danger = [vi('emergency.possible', { numbers: '' }).slice(0, 20), en('emergency.possible', { numbers: '' }).slice(0, 20)];
      for (const message of ['nhanh không', 'xe máy', 'ô tô', 'motorbike', 'Share location']) {
        const replies = await quick(`probe-quick-danger-${message}`, message);
        assert.ok(!danger.some((d) => replies[0].text.startsWith(d)), `"${message}": ${replies[0].text}`);
      }
    });

    it('after "which registration?" buttons, a bare "ở đâu" is not out of scope', async () => {
      const sender = 'probe-follow-group';
      await say(sender, 'đăng ký xe máy');
      const replies = await say(sender, 'ở đâu');
      assert.notEqual(replies[0].text, vi('fallback.outOfScope'));
    });
  });

  describe('a noun list asks every part ("phí, thời gian, nơi làm")', () => {
    it('answers the fee and the time, then where to apply', async () => {
      const replies = await say('probe-noun-list', 'cấp lại căn cước bị mất: phí, thời gian, nơi làm');
      assert.ok(replies[0].text.startsWith(header(vi, 'can-cuoc-cap-lai', 'fee')), replies[0].text.slice(0, 80));
      assert.ok(replies[0].text.includes(`\n${vi('procedure:sections.duration')}\n`), 'then the time under its own heading');
      assert.ok(replies[1]?.text.startsWith(whereOpening(vi, 'can-cuoc-cap-lai')), `then where: ${texts(replies).join(' | ').slice(0, 200)}`);
    });

    it('a third part that does not fit the answer\'s budget is still answered, not left to a button in silence', async () => {
      const replies = await say('probe-three-parts', 'đăng ký thường trú cho con mới sinh cần giấy gì, bao lâu, có online được không');
      assert.ok(all(replies).includes(vi('procedure:sections.online')) || replies.some((r) => r.text.startsWith(header(vi, 'thuong-tru', 'online'))), all(replies).slice(-300));
    });

    it('keeps "thời gian làm việc" an office-hours question, not the processing time', async () => {
      const sender = 'probe-noun-hours';
      await say(sender, 'đăng ký tạm trú');
      const replies = await say(sender, 'thời gian làm việc của công an xã');
      assert.ok(!replies[0].text.startsWith(header(vi, 'tam-tru', 'duration')), replies[0].text.slice(0, 80));
    });
  });

  describe('two procedures named, one asked about', () => {
    it('answers the one asked about when it is named exactly', async () => {
      for (const message of ['căn cước em làm rồi, giờ hỏi hộ chiếu thì mất bao lâu', 'can cuoc em lam roi, gio hoi ho chieu thi mat bao lau']) {
        const replies = await say(`probe-two-${message}`, message);
        assert.ok(replies[0].text.startsWith(header(vi, 'ho-chieu', 'duration')), `"${message}": ${replies[0].text.slice(0, 80)}`);
      }
    });

    it('answers the one asked about when it is named only by its family', async () => {
      const passportDone = await say('probe-two-family-1', 'hộ chiếu xong rồi, còn căn cước thì bao lâu');
      assert.ok(!all(passportDone).includes(title(vi, 'ho-chieu')), all(passportDone).slice(0, 80));
      const residenceDone = await say('probe-two-family-2', 'tạm trú xong rồi, còn đăng ký xe thì phí bao nhiêu');
      assert.ok(!all(residenceDone).includes(title(vi, 'tam-tru')), all(residenceDone).slice(0, 80));
    });

    it('"X thì xong rồi, giờ Y …" answers Y when both are named exactly', async () => {
      const replies = await say('probe-two-exact', 'thường trú thì xong rồi, giờ tạm vắng làm ở đâu');
      assert.ok(replies[0].text.startsWith(whereOpening(vi, 'tam-vang')), replies[0].text.slice(0, 80));
    });
  });

  describe('fees for what was asked', () => {
    it('a typed "xe máy" answers the bot\'s own "xe máy hay ô tô?"', async () => {
      const sender = 'probe-variant-typed';
      await say(sender, 'đăng ký xe lần đầu phí bao nhiêu');
      const replies = await say(sender, 'xe máy');
      assert.ok(replies[0].text.startsWith(header(vi, 'dang-ky-xe', 'fee')), replies[0].text.slice(0, 80));
    });

    it('"xe máy" said before the "which registration?" buttons is not asked again', async () => {
      const sender = 'probe-variant-remembered';
      await say(sender, 'phi dang ky xe may bao nhieu');
      const replies = await say(sender, '/procedure_fee{"procedure":"dang-ky-xe"}');
      assert.ok(replies[0].text.startsWith(header(vi, 'dang-ky-xe', 'fee')), replies[0].text.slice(0, 80));
    });

    const answersFine = async (message: string) => {
      const replies = await say(`probe-fine-${message}`, message);
      assert.ok(replies[0].text.startsWith(header(vi, 'nop-phat-giao-thong', 'fine')), replies[0].text.slice(0, 80));
      assert.ok(!all(replies).includes(vi('procedure:fee.free')));
    };
    // Styles 16: the violation and the fine apart ("uống rượu lái … phạt bao nhiêu") name the procedure too, and the amount
    // of a fine is procedure_info with the `fine` facet: the fine's part answers it.
    for (const message of ['phạt nồng độ cồn ô tô bao nhiêu', 'phạt vượt đèn đỏ xe máy bao nhiêu', 'phat nong do con xe may bao nhieu tien', 'vượt đèn đỏ xe máy phạt bao nhiêu', 'uống rượu lái xe máy phạt bao nhiêu', 'ô tô đi lấn làn thì giờ mức phạt là bao nhiêu']) {
      it(`a traffic fine question, "${message}", gets what the fine depends on, never "no fee" or "out of scope"`, () => answersFine(message));
    }
    it('a question about the fine for drink driving raises neither the emergency card nor the "if anyone is in danger" line', async () => {
      const danger = [vi('emergency.possible', { numbers: '' }).slice(0, 20), vi('emergency.intro')];
      for (const message of ['uống rượu lái xe máy phạt bao nhiêu', 'uống rượu lái ô tô bị phạt thế nào']) {
        const replies = await say(`probe-fine-danger-${message}`, message);
        assert.ok(!replies.some((r) => danger.some((d) => r.text.startsWith(d))), `"${message}": ${all(replies).slice(0, 200)}`);
      }
    });
    it('the fine of a procedure the content gives no fine for is not answered with its lệ phí', async () => {
      const replies = await say('probe-fine-residence', 'ở trọ mà chưa khai báo tạm trú thì bị phạt bao nhiêu tiền');
      assert.ok(replies[0].text.startsWith(header(vi, 'tam-tru', 'info')), replies[0].text.slice(0, 80));
      assert.ok(!all(replies).includes(vi('procedure:sections.fee')) && !all(replies).includes(vi('procedure:fee.free')), all(replies).slice(0, 300));
    });
  });

  describe('the former Bắc Kạn police', () => {
    it('explains the merger to a citizen who writes English', async () => {
      const notice = new ContentReader('en').read(bacKan.notice);
      const replies = await say('probe-bac-kan-en', 'I filed papers with the Bac Kan provincial police before the merger, who handles them now?');
      assert.ok(texts(replies).some((t) => t.startsWith(notice)), texts(replies).join(' | ').slice(0, 200));
    });

    it('explains the merger when the question is where to apply for a procedure', async () => {
      const notice = new ContentReader('vi').read(bacKan.notice);
      const replies = await say('probe-bac-kan-where', 'hồ sơ hộ chiếu em nộp ở công an tỉnh Bắc Kạn năm ngoái, giờ hỏi ở đâu');
      assert.ok(texts(replies).some((t) => t.startsWith(notice)), texts(replies).join(' | ').slice(0, 200));
    });
  });

  describe('research shorthand', () => {
    /** Where a source recorded something ("ghi năm 3/2025 là …"): a researcher's remark, not an address. */
    const RECORDED = /ghi (năm|nhận|tháng) \d/i;

    it('no office card, in either language, shows a source tag or a researcher\'s remark', async () => {
      for (const office of knowledge.listOffices()) {
        for (const [sender, opener] of [['probe-cards-vi', undefined], ['probe-cards-en', 'Where is the police office?']] as const) {
          if (opener) await say(sender, opener);
          const text = all(await say(sender, `/office_location{"location":"${office.id}"}`));
          assert.equal(findShorthand(text), undefined, `${office.id}: ${JSON.stringify(findShorthand(text))}`);
          assert.doesNotMatch(text, RECORDED, office.id);
        }
      }
    });
  });

  describe('every procedure answer says when its facts were last reviewed', () => {
    it('the "where to apply" answer too', async () => {
      const p = knowledge.getProcedure('tam-tru')!;
      const replies = await say('probe-where-date', '/office_location{"procedure":"tam-tru"}');
      const [day, month, year] = [p.reviewedAt.slice(8, 10), p.reviewedAt.slice(5, 7), p.reviewedAt.slice(0, 4)];
      assert.ok(all(replies).includes(`${day}/${month}/${year}`), all(replies));
    });
  });

  describe('language', () => {
    it('"uhm" does not turn a Vietnamese conversation English', async () => {
      const sender = 'probe-uhm';
      await say(sender, 'làm hộ chiếu');
      await say(sender, 'uhm');
      assert.equal((await say(sender, '?'))[0].text, vi('menu.empty'));
    });

    // Skip: Vietnamese citizens write "hello", "hi", "ok", "thanks" as often as English speakers, so a word both languages
    // write tells neither; Vietnamese (the default) answers until a word tells (the conversation table holds "thanks").
    it.skip('"Hello" as a first message is answered in English', async () => {
      const replies = await say('probe-hello', 'Hello');
      assert.ok(!all(replies).includes(vi('menu.prompt')), all(replies).slice(0, 120));
    });
  });

  describe('offices', () => {
    it('"Dai Tu district" in English lists the communes that took the old district over, as "huyện Đại Từ" does', async () => {
      const vietnamese = await say('probe-district-vi', 'công an huyện Đại Từ');
      const english = await say('probe-district-en', 'Where is the police station for Dai Tu district?');
      assert.deepEqual(english.at(-1)!.buttons?.slice(0, 3), vietnamese.at(-1)!.buttons?.slice(0, 3));
    });

    /** The units listed for an old district named the way the directory writes it. */
    const listed = async (sender: string, message: string) => (await say(sender, message)).at(-1)!.buttons?.map((b) => b.title);

    it('"công an thành phố Thái Nguyên" lists the units of the old city, as "… ở đâu" does', async () => {
      assert.deepEqual(await listed('probe-city-bare', 'công an thành phố Thái Nguyên'), await listed('probe-city-where', 'công an thành phố Thái Nguyên ở đâu'));
    });

    it('"công an thị xã Phổ Yên" (its name before it became a city) lists the same units as "thành phố Phổ Yên"', async () => {
      assert.deepEqual(await listed('probe-town-old', 'công an thị xã Phổ Yên'), await listed('probe-town-new', 'công an thành phố Phổ Yên'));
    });

    it('a location far outside the province is not answered with an office 1,000 km away as "nearest"', async () => {
      const replies = await say('probe-far', '/office_location{"latitude":10.77,"longitude":106.7}');
      const distances = [...all(replies).matchAll(/(\d+(?:\.\d+)?) km/g)].map((m) => Number(m[1]));
      assert.ok(distances.every((d) => d < 100), all(replies).slice(0, 160));
    });

    it('typing the button\'s words "Chia sẻ vị trí" asks for the place, not "out of scope"', async () => {
      const replies = await say('probe-share-typed', 'Chia sẻ vị trí');
      assert.ok(replies.at(-1)!.buttons?.some((b) => b.title === vi('office:shareLocation')), all(replies).slice(0, 120));
    });

    it('"đồn công an gần đây nhất" is an office question, not news ("gần đây nhất" is the nearest, not recently)', async () => {
      const replies = await say('probe-nearest-words', 'đồn công an gần đây nhất');
      assert.ok(replies.at(-1)!.buttons?.some((b) => b.title === vi('office:shareLocation')), all(replies).slice(0, 120));
    });
  });

  describe('someone in danger', () => {
    it('after a sure emergency card comes no procedure picker', async () => {
      const replies = await say('probe-danger-only', 'tai nạn giao thông có người bất tỉnh');
      assert.ok(replies[0].text.startsWith(vi('emergency.intro')), replies[0].text);
      assert.ok(!replies.some((r) => r.text === vi('procedure:ask.group')), texts(replies).join(' | '));
    });
  });

  describe('dossier verification keeps its question', () => {
    before(async () => {
      for (const code of ['HS-2026-900001', 'HS-2026-900003', 'TN-0457']) {
        const res = await fetch(`${assistant().url}/api/admin/dossiers/${code}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${DOSSIER_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ procedure: 'ho-chieu', status: 'processing', receivedAt: '2026-11-20', dueAt: '2027-01-20', updatedAt: '2026-11-25T08:00:00+07:00', applicantName: 'Trần Thị Lan', phone: '0987650123' }),
        });
        assert.equal(res.status, 201);
      }
    });

    it('many wrong answers at once, from many senders and addresses, lock a real code and an unknown one alike', async () => {
      /** Every reply to `guesses` wrong answers for `code` sent at once, the code and the counts blanked, sorted. */
      const attack = async (code: string, tag: number) => {
        const guessers = Array.from({ length: 16 }, (_, i) => ({ sender: `probe-attack-${code}-${i}`, address: `10.77.${tag}.${i + 1}` }));
        await Promise.all(guessers.map((g) => chat(assistant().url, g.sender, `tra cứu hồ sơ ${code}`, g.address)));
        const replies = await Promise.all(guessers.map((g, i) => chat(assistant().url, g.sender, String(1000 + i), g.address)));
        return replies.map((r) => all(r).replaceAll(code, 'CODE').replace(/\d+/g, 'N')).sort();
      };
      const wrong = vi('dossier:notFoundOrMismatch', { code: 'CODE' });
      const known = await attack('HS-2026-900003', 1);
      const unknown = await attack('HS-2026-900004', 2);
      assert.deepEqual(known, unknown);
      assert.ok(known.some((t) => t.startsWith(wrong)), 'the first guesses were compared');
      assert.ok(known.some((t) => !t.startsWith(wrong)), 'then the code locked');
      const owner = await chat(assistant().url, 'probe-attack-owner', 'tra cứu hồ sơ HS-2026-900003', '10.77.3.1');
      assert.ok(!all(owner).includes('Trần T. L.'), 'the owner waits too: the lookup fails closed');
    });

    it('an unknown code and a wrong answer for a real one read the same', async () => {
      const asked = await say('probe-dossier-known', 'tra cứu hồ sơ HS-2026-900001');
      assert.equal(asked[0].text, vi('dossier:askDigits', { code: 'HS-2026-900001' }));
      await say('probe-dossier-unknown', 'tra cứu hồ sơ HS-2026-900002');
      const known = await say('probe-dossier-known', '1111');
      const unknown = await say('probe-dossier-unknown', '1111');
      assert.deepEqual(texts(known).map((t) => t.replace('HS-2026-900001', 'CODE')), texts(unknown).map((t) => t.replace('HS-2026-900002', 'CODE')));
      assert.ok(known[0].text.startsWith(vi('dossier:notFoundOrMismatch', { code: 'HS-2026-900001' })), known[0].text);
    });

    it('a short code the API accepted ("TN-0457") is found in "tra cứu hồ sơ TN-0457"', async () => {
      const replies = await say('probe-dossier-short', 'tra cứu hồ sơ TN-0457');
      assert.ok(all(replies).includes('TN-0457'), all(replies));
    });

    for (const answer of ['đuôi 0123', '4 số cuối là 0123']) {
      it(`"${answer}" answers the verification question`, async () => {
        const sender = `probe-dossier-${answer}`;
        await say(sender, 'tra cứu hồ sơ HS-2026-900001');
        const replies = await say(sender, answer);
        assert.ok(all(replies).includes('Trần T. L.'), all(replies).slice(0, 120));
      });
    }
  });

  describe('beliefs and hearsay', () => {
    /** The correction line of the ID-card procedures' outdated claim about going back to one's home town. */
    const hometown = (t: TFunction, id: string) => {
      const claim = knowledge.getProcedure(id)!.outdated.find((o) => o.mentions?.includes('về quê'))!;
      const read = new ContentReader(t === en ? 'en' : 'vi');
      return t('procedure:outdated', { claim: read.read(claim.claim), correction: read.read(claim.correction) });
    };
    const cases: [string, TFunction, string][] = [
      ['con em 14 tuổi làm căn cước có phải về quê không', vi, 'can-cuoc-cap-moi'],
      ['nghe nói đổi căn cước phải về nơi thường trú mới làm được', vi, 'can-cuoc-cap-doi'],
      ['mat can cuoc co phai ve que lam lai khong', vi, 'can-cuoc-cap-lai'],
      ['I lost my ID card, do I have to go back to my hometown?', en, 'can-cuoc-cap-lai'],
    ];
    for (const [message, t, id] of cases) {
      it(`"${message}" is told an ID card is made at any commune police`, async () => {
        const replies = await say(`probe-hometown-${message}`, message);
        assert.ok(replies[0].text.startsWith(header(t, id, 'info')), replies[0].text.slice(0, 80));
        assert.ok(replies[0].text.includes(hometown(t, id)), replies[0].text.slice(-300));
      });
    }

    it('"nghe nói làm căn cước phải về quê" (no card named) gets the same correction', async () => {
      const replies = await say('probe-hometown-group', 'nghe nói làm căn cước phải về quê');
      assert.ok(all(replies).includes(hometown(vi, 'can-cuoc-cap-moi')), all(replies));
    });

    it.skip('"nghe nói đi nước ngoài sẽ bị cắt hộ khẩu" gets the rule — skip: no sourced fact in content (Luật Cư trú: only leaving to settle abroad removes the registration) and hearsay matches only `outdated` claims', async () => {
      const replies = await say('probe-belief-abroad', 'nghe nói đi nước ngoài sẽ bị cắt hộ khẩu');
      assert.ok(all(replies).includes('định cư'), all(replies).slice(0, 120));
    });
  });
});
