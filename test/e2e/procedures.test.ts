import assert from 'node:assert/strict';
import { loadKnowledge } from '../../src/knowledge';
import { projectRoot } from '../../src/config';
import path from 'node:path';
import { chat, useAssistant } from '../support/server';
import { vi } from '../support/locale';

const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
type Message = Awaited<ReturnType<typeof chat>>[number];

/** Every reply must fit Zalo and Messenger: 2,000 characters, 13 buttons, 20-character titles. */
function assertFitsPlatforms(replies: Message[]): void {
  for (const r of replies) {
    assert.ok(r.text.length <= 2000, `message of ${r.text.length} characters`);
    assert.ok((r.buttons ?? []).length <= 13, `${r.buttons?.length} buttons`);
    for (const b of r.buttons ?? []) assert.ok(b.title.length > 0 && b.title.length <= 20, `button title "${b.title}"`);
  }
}

const footerDate = (reviewedAt: string) => reviewedAt.split('-').reverse().join('/');

describe('procedure conversations end to end', () => {
  const assistant = useAssistant();

  describe('every procedure through every facet, by tapping', () => {
    for (const procedure of knowledge.listProcedures()) {
      it(`${procedure.id}: info, then documents, fee, time, online and where`, async () => {
        const sender = `facets-${procedure.id}`;
        const info = await chat(assistant().url, sender, `/procedure_info{"procedure":"${procedure.id}"}`);
        assertFitsPlatforms(info);
        const all = info.map((r) => r.text).join('\n');
        assert.ok(all.includes(procedure.title.vi), 'names the procedure');
        assert.ok(all.includes(footerDate(procedure.reviewedAt)) && all.includes(procedure.sourceUrl), 'says when reviewed, links the source');
        const facetButtons = info.at(-1)!.buttons!.filter((b) => b.payload.includes(procedure.id));
        assert.deepEqual(
          facetButtons.map((b) => b.title),
          ['documents', 'fee', 'duration', 'online', 'where'].map((f) => vi(`procedure:facets.${f}`)),
        );
        for (const button of facetButtons) {
          const replies = await chat(assistant().url, sender, button.payload);
          assertFitsPlatforms(replies);
          const text = replies.map((r) => r.text).join('\n');
          assert.notEqual(replies[0].text, vi('errors.turn'));
          assert.ok(text.includes(procedure.title.vi), `${button.title} names the procedure`);
          assert.ok(replies.at(-1)!.buttons?.some((b) => b.title === vi('menu.button')), `${button.title} offers the menu`);
        }
      });
    }
  });

  it('states a missing fact as missing, with where to check, never a number', async () => {
    const missingFee = knowledge.listProcedures().find((p) => p.fee.status === 'missing');
    assert.ok(missingFee, 'the shipped content has at least one procedure without a sourced fee');
    const replies = await chat(assistant().url, 'missing-fee', `/procedure_fee{"procedure":"${missingFee.id}"}`);
    const text = replies.map((r) => r.text).join('\n');
    assert.ok(text.includes(vi('procedure:status.missing')));
    assert.ok(text.includes(missingFee.fee.status === 'missing' ? missingFee.fee.checkAt : ''));
    assert.doesNotMatch(text, /\d{1,3}(\.\d{3})+ đ/);
  });

  it('phrases a fact flagged for checking with a caution and the official link', async () => {
    const flagged = knowledge.listProcedures().find((p) => p.fee.status === 'check' || p.fee.status === 'conflict')!;
    const replies = await chat(assistant().url, 'flagged', `/procedure_fee{"procedure":"${flagged.id}"}`);
    const text = replies.map((r) => r.text).join('\n');
    const caution = text.indexOf(vi(`procedure:status.${flagged.fee.status}`));
    assert.ok(caution > 0, 'states the caution');
    assert.ok(caution < text.search(/\d{1,3}(\.\d{3})+ đ/), 'before any amount');
    assert.ok(text.includes(flagged.sourceUrl), 'links the official page');
  });

  describe('direct questions get direct answers', () => {
    const cases: [message: string, header: string, procedure: string][] = [
      ['làm tạm trú cần những giấy tờ gì', 'documents', 'tam-tru'],
      ['lam tam tru can giay to gi', 'documents', 'tam-tru'],
      ['hộ chiếu bao nhiêu tiền', 'fee', 'ho-chieu'],
      ['lam ho chieu mat bao lau', 'duration', 'ho-chieu'],
      ['đăng ký thường trú online được không', 'online', 'thuong-tru'],
    ];
    for (const [message, facet, id] of cases) {
      it(`"${message}" → ${facet} of ${id}`, async () => {
        const replies = await chat(assistant().url, `direct-${message}`, message);
        const title = knowledge.getProcedure(id)!.title.vi;
        assert.equal(replies[0].text.split('\n')[0], vi(`procedure:headers.${facet}`, { title }));
      });
    }
  });

  it('keeps the procedure for follow-ups and switches on a new one', async () => {
    const sender = 'context';
    await chat(assistant().url, sender, 'làm tạm trú cần giấy tờ gì');
    const fee = await chat(assistant().url, sender, 'còn lệ phí thì sao?');
    assert.equal(fee[0].text.split('\n')[0], vi('procedure:headers.fee', { title: knowledge.getProcedure('tam-tru')!.title.vi }));
    const passport = await chat(assistant().url, sender, 'còn hộ chiếu thì mất bao lâu');
    assert.equal(passport[0].text.split('\n')[0], vi('procedure:headers.duration', { title: knowledge.getProcedure('ho-chieu')!.title.vi }));
  });

  for (const [message, members] of [
    ['tôi muốn làm căn cước', ['can-cuoc-cap-moi', 'can-cuoc-cap-doi', 'can-cuoc-cap-lai']],
    ['giấy tờ xe cần gì', ['dang-ky-xe', 'sang-ten-xe', 'thu-hoi-dang-ky-xe']],
  ] as const) {
    it(`asks instead of guessing for "${message}"`, async () => {
      const replies = await chat(assistant().url, `clarify-${message}`, message);
      assert.equal(replies[0].text, vi('procedure:ask.group'));
      const ids = replies[0].buttons!.map((b) => /"procedure":"([^"]+)"/.exec(b.payload)?.[1]).filter(Boolean);
      assert.deepEqual(ids, members);
    });
  }

  it('answers a family named by its usual member alone with that member ("đăng ký xe cần gì": registering one, round 35)', async () => {
    const replies = await chat(assistant().url, 'usual-member', 'đăng ký xe cần gì');
    assert.equal(replies[0].text.split('\n')[0], vi('procedure:headers.documents', { title: knowledge.getProcedure('dang-ky-xe')!.title.vi }));
  });

  it('lets people browse: menu → field → procedure → facet', async () => {
    const sender = 'browse';
    const menu = (await chat(assistant().url, sender, 'menu')).at(-1)!;
    const field = menu.buttons!.find((b) => b.title === vi('menu.items.cu-tru'))!;
    const list = await chat(assistant().url, sender, field.payload);
    assertFitsPlatforms(list);
    assert.deepEqual(
      list[0].buttons!.slice(0, -1).map((b) => /"procedure":"([^"]+)"/.exec(b.payload)?.[1]),
      knowledge.proceduresByField('cu-tru').map((p) => p.id),
    );
    const info = await chat(assistant().url, sender, list[0].buttons![0].payload);
    const docs = info.at(-1)!.buttons!.find((b) => b.title === vi('procedure:facets.documents'))!;
    const answer = await chat(assistant().url, sender, docs.payload);
    assert.ok(answer[0].text.startsWith(vi('procedure:headers.documents', { title: knowledge.proceduresByField('cu-tru')[0].title.vi })));
  });

  describe('offices', () => {
    it('finds the unit for an old ward name', async () => {
      const replies = await chat(assistant().url, 'office-old', 'công an phường Trưng Vương ở đâu');
      const expected = knowledge.findOffices('Trưng Vương')[0].office;
      assert.ok(replies[0].text.includes(expected.name), replies[0].text);
      assert.ok(replies[0].text.includes(vi('office:missing.address')), 'a missing address is said to be missing');
    });

    it('offers the new units of an old district', async () => {
      const replies = await chat(assistant().url, 'office-district', 'công an huyện Đại Từ ở đâu');
      assert.equal(replies[0].text.split('\n')[0].startsWith(vi('office:several', { place: '' }).slice(0, 5)), true, replies[0].text);
      assert.ok(replies[0].buttons!.length > 2);
    });

    it('lists the nearest units with distances from a shared location', async () => {
      const target = knowledge.getOffice('phuong-phan-dinh-phung')!;
      assert.equal(target.location.status, 'approximate');
      const { lat, lon } = target.location as { lat: number; lon: number };
      const replies = await chat(assistant().url, 'office-near', `/office_location{"latitude":${lat + 0.001},"longitude":${lon}}`);
      assertFitsPlatforms(replies);
      const [intro, first] = replies[0].text.split('\n\n');
      assert.equal(intro, vi('office:nearest'));
      assert.ok(first.startsWith(`🏢 ${target.name}`), first);
      assert.match(first, /0\.1 km/);
      assert.ok(replies[0].buttons![0].payload.includes(target.id));
    });

    it('asks where the citizen is when no place is given, with a share-location button', async () => {
      const replies = await chat(assistant().url, 'office-ask', 'cơ quan công an ở đâu');
      assert.equal(replies[0].text, vi('office:ask'));
      assert.ok(replies[0].buttons!.some((b) => b.payload === '/share_location'));
    });

    it('answers opening hours honestly when they are not known', async () => {
      const sender = 'office-hours';
      await chat(assistant().url, sender, 'công an phường Phan Đình Phùng ở đâu');
      const replies = await chat(assistant().url, sender, 'mấy giờ làm việc');
      assert.ok(replies[0].text.includes(vi('office:openUnknown')), replies[0].text);
    });

    it('answers "nộp ở đâu" about the procedure just discussed', async () => {
      const sender = 'where-follow-up';
      await chat(assistant().url, sender, 'làm hộ chiếu cần giấy tờ gì');
      const replies = await chat(assistant().url, sender, 'nộp ở đâu vậy');
      const title = knowledge.getProcedure('ho-chieu')!.title.vi;
      assert.ok(replies[0].text.startsWith(vi('office:whereIntro', { title, where: '' }).trim()), replies[0].text);
    });

    // Issue 10: "which office handles X" is procedure_info with the where facet (the writers' convention); the answer is
    // where to apply and the way to find the office, not the steps card.
    it('answers which office handles a procedure with where to apply and the office finder, not the steps card', async () => {
      const cases: [string, string][] = [
        ['đăng ký tạm trú thì lên công an nào làm ạ', 'tam-tru'],
        ['Em 24 tuổi, quê Lạng Sơn, làm ở khu công nghiệp Sông Công. Ví của em bị rơi mất cùng thẻ căn cước hôm đi chợ. Cho em hỏi làm lại thẻ thì lên đâu làm ạ?', 'can-cuoc-cap-lai'],
      ];
      for (const [message, id] of cases) {
        const replies = await chat(assistant().url, `where-${id}`, message);
        assertFitsPlatforms(replies);
        const title = knowledge.getProcedure(id)!.title.vi;
        assert.equal(replies.length, 1, replies.map((r) => r.text.slice(0, 60)).join(' | '));
        assert.ok(replies[0].text.startsWith(vi('office:whereIntro', { title, where: '' }).trim()), replies[0].text.slice(0, 80));
        assert.ok(replies[0].buttons!.some((b) => b.payload === '/share_location'), 'the office finder');
        const facets = replies[0].buttons!.filter((b) => b.payload.includes(id)).map((b) => b.title);
        assert.ok(facets.includes(vi('procedure:facets.info')) && !facets.includes(vi('procedure:facets.where')), facets.join(', '));
      }
    });

    it('corrects where a procedure used to be done when the where question repeats it', async () => {
      const replies = await chat(assistant().url, 'where-outdated', 'lý lịch tư pháp giờ xin ở đâu, vẫn lên Sở Tư pháp à');
      const title = knowledge.getProcedure('ly-lich-tu-phap')!.title.vi;
      assert.ok(replies[0].text.startsWith(vi('office:whereIntro', { title, where: '' }).trim()), replies[0].text.slice(0, 80));
      assert.ok(replies[0].text.includes(vi('procedure:outdated', { claim: '', correction: '' }).split(':')[0]), replies[0].text);
    });

    it('tells where to apply for a commune-level procedure once the place is known', async () => {
      const sender = 'where';
      await chat(assistant().url, sender, 'công an phường Phan Đình Phùng ở đâu');
      const replies = await chat(assistant().url, sender, '/office_location{"procedure":"tam-tru"}');
      assert.ok(replies[0].text.includes('Phan Đình Phùng'), replies[0].text);
    });
  });
});
