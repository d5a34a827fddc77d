import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findShorthand, loadKnowledge, viText, type Fact, type Procedure } from '../../src/knowledge';
import { projectRoot } from '../../src/config';
import { chat, useAssistant } from '../support/server';
import { en, translator, vi } from '../support/locale';
import { read, tempContent } from '../knowledge/helpers';

const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
type Message = Awaited<ReturnType<typeof chat>>[number];

const intentOf = { info: 'procedure_info', documents: 'procedure_documents', fee: 'procedure_fee', duration: 'procedure_duration', online: 'procedure_online', where: 'office_location' } as const;
type Facet = keyof typeof intentOf;
const textOf = (replies: Message[]) => replies.map((r) => r.text).join('\n');

/** The fact each facet answers from, whose caution must be shown. */
function factOf(p: Procedure, facet: Facet): Fact<unknown> {
  return { info: p.steps, documents: p.documents, fee: p.fee, duration: p.processingTime, online: p.online, where: p.where }[facet];
}

/** Taps one facet of a procedure; a fee that differs by vehicle asks first, so every variant button is tapped too. */
async function tapFacet(url: string, sender: string, id: string, facet: Facet): Promise<Message[][]> {
  const replies = await chat(url, sender, `/${intentOf[facet]}{"procedure":"${id}"}`);
  const variants = (replies.at(-1)?.buttons ?? []).filter((b) => b.payload.includes('vehicle_type'));
  const answers = [replies];
  for (const v of variants) answers.push(await chat(url, sender, v.payload));
  return answers;
}

describe('answers a citizen can trust and read', () => {
  const assistant = useAssistant();

  describe('every procedure × every facet × both languages: no research shorthand, every caution shown', () => {
    for (const locale of ['vi', 'en'] as const) {
      const t = translator.forLocale(locale);
      for (const p of knowledge.listProcedures()) {
        it(`${locale} ${p.id}`, async () => {
          const sender = `sweep-${locale}-${p.id}`;
          if (locale === 'en') await chat(assistant().url, sender, '/change_language{"language":"en"}');
          for (const facet of Object.keys(intentOf) as Facet[]) {
            const answers = await tapFacet(assistant().url, sender, p.id, facet);
            for (const replies of answers) {
              const text = textOf(replies);
              assert.equal(findShorthand(text), undefined, `${facet}: ${JSON.stringify(findShorthand(text))}`);
              assert.doesNotMatch(text, /Không còn đúng|No longer true|Thông tin cũ|Out of date/, `${facet}: an outdated claim only when the citizen repeats it`);
            }
            const text = textOf(answers.at(-1)!);
            const fact = factOf(p, facet);
            if (fact.status !== 'current') assert.ok(text.includes(t(`procedure:status.${fact.status}`)), `${facet}: states the ${fact.status} caution`);
            if (fact.note) assert.ok(text.includes(locale === 'vi' ? viText(fact.note) : (typeof fact.note === 'string' ? fact.note : (fact.note.en ?? fact.note.vi))), `${facet}: shows the note`);
            if (locale === 'en') {
              assert.ok(text.includes(en('procedure:referenceTranslation')), `${facet}: marked as a reference translation`);
              assert.ok(!text.includes(en('procedure:detailsInVietnamese')), `${facet}: everything shown has its English`);
              assert.ok(text.includes(p.title.en!), `${facet}: English title`);
            }
            if (facet === 'info') {
              for (const pit of p.pitfalls.slice(0, 2)) if (pit.status !== 'current') assert.ok(text.includes(t(`procedure:inline.${pit.status}`)), `a ${pit.status} pitfall keeps its caution`);
              if (p.who.status !== 'current' && p.who.status !== 'missing' && (p.who.value.must || p.who.value.may))
                assert.ok(text.includes(t(`procedure:inline.${p.who.status}`)), '"who" keeps its caution');
            }
          }
        });
      }
    }
  });

  describe('the procedures the police handle since 2025', () => {
    it('answers a criminal-record fee question with the conflict and no invented amount', async () => {
      const replies = await chat(assistant().url, 'lltp-fee', '/procedure_fee{"procedure":"ly-lich-tu-phap"}');
      const text = textOf(replies);
      assert.ok(text.startsWith(vi('procedure:headers.fee', { title: knowledge.getProcedure('ly-lich-tu-phap')!.title.vi })));
      assert.ok(text.includes(vi('procedure:status.conflict')) && text.includes(vi('procedure:fee.unknown')), text);
      assert.ok(text.includes('TT 16/2025/TT-BTC'));
      assert.doesNotMatch(text, /\d{1,3}(\.\d{3})+ đ/);
    });

    it('corrects the old belief that the Department of Justice issues it, when the citizen repeats it', async () => {
      const replies = await chat(assistant().url, 'lltp-old', 'Sở Tư pháp còn cấp lý lịch tư pháp không hay chuyển sang công an rồi?');
      const text = textOf(replies);
      assert.ok(text.includes('Từ 01/3/2025 Bộ Công an (Công an tỉnh) cấp Phiếu lý lịch tư pháp.'), text);
    });

    for (const [message, id] of [
      ['đổi bằng lái online được không', 'gplx-doi-cap-lai'],
      ['Bằng lái xe bị mất thì làm lại thế nào?', 'gplx-doi-cap-lai'],
      ['Lệ phí thi bằng lái xe máy A1 hết bao nhiêu tiền?', 'gplx-sat-hach-cap-moi'],
      ['cấp giấy phép lái xe quốc tế mất bao lâu', 'gplx-quoc-te'],
      ['thủ tục phục hồi điểm giấy phép lái xe như thế nào', 'gplx-phuc-hoi-diem'],
      ['xin giấy xác nhận số chứng minh nhân dân cũ làm thế nào', 'xac-nhan-so-cmnd'],
      ['thủ tục báo mất hộ chiếu như thế nào ạ', 'trinh-bao-mat-ho-chieu'],
      ['thông tin dân cư của tôi bị sai ngày sinh thì điều chỉnh thế nào', 'dieu-chinh-thong-tin-dan-cu'],
    ] as const) {
      it(`"${message}" → ${id}`, async () => {
        const replies = await chat(assistant().url, `v2-${message}`, message);
        const text = textOf(replies);
        assert.ok(text.includes(knowledge.getProcedure(id)!.title.vi), text);
        assert.doesNotMatch(text, new RegExp(vi('fallback.outOfScope').slice(0, 30)));
      });
    }

    it('reports a lost passport with its deadline, free, in about two working days', async () => {
      const sender = 'lost-passport';
      const info = textOf(await chat(assistant().url, sender, '/procedure_info{"procedure":"trinh-bao-mat-ho-chieu"}'));
      assert.ok(info.includes('02 ngày làm việc') && info.includes('TK05'), info);
      const fee = textOf(await chat(assistant().url, sender, '/procedure_fee{"procedure":"trinh-bao-mat-ho-chieu"}'));
      assert.ok(fee.includes(vi('procedure:fee.free')), fee);
    });
  });

  describe('police questions that are not whole procedures get an answer, never "ngoài phạm vi"', () => {
    for (const [message, id] of [
      ['khai báo vũ khí thô sơ ở đâu', 'vu-khi'],
      ['mua pháo hoa có cần giấy phép không', 'phao'],
      ['tài khoản vneid bị khóa thì làm sao', 'khoa-vneid'],
      ['khai báo tạm trú cho người nước ngoài thế nào', 'nguoi-nuoc-ngoai-tam-tru'],
      ['mất hộ chiếu khi đang ở nước ngoài thì báo ở đâu', 'mat-ho-chieu-o-nuoc-ngoai'],
    ] as const) {
      it(`"${message}"`, async () => {
        const replies = await chat(assistant().url, `topic-${message}`, message);
        const topic = knowledge.listTopics().find((x) => x.id === id)!;
        const text = textOf(replies);
        assert.ok(text.includes(viText(topic.answer)), text);
        assert.ok(text.includes(topic.checkAt));
        if (topic.status !== 'current') assert.ok(text.includes(vi(`procedure:status.${topic.status}`)));
        assert.ok(!text.includes(vi('fallback.outOfScope')));
      });
    }
  });

  describe('cautions and notes', () => {
    it('says the passport is only partly online for children under 14', async () => {
      const text = textOf(await chat(assistant().url, 'passport-online', '/procedure_online{"procedure":"ho-chieu"}'));
      assert.ok(text.includes(vi('procedure:online.levels.toan-trinh')));
      assert.match(text, /dưới 14 tuổi[^\n]*một phần/);
    });

    it('names the official page and the legal documents, not research copies', async () => {
      const text = textOf(await chat(assistant().url, 'legal', '/procedure_info{"procedure":"thuong-tru"}'));
      assert.ok(text.includes('Luật Cư trú 68/2020/QH14'), text);
      assert.ok(text.includes(vi('procedure:footer', { date: '27/11/2026', url: knowledge.getProcedure('thuong-tru')!.sourceUrl })));
    });
  });

  describe('fees for what was asked', () => {
    it('asks motorbike or car before quoting a vehicle fee, then answers the motorbike without the car rate', async () => {
      const sender = 'fee-vehicle';
      const ask = await chat(assistant().url, sender, '/procedure_fee{"procedure":"dang-ky-xe"}');
      assert.equal(ask[0].text, vi('procedure:ask.variant.vehicle_type', { title: knowledge.getProcedure('dang-ky-xe')!.title.vi }));
      const motorbike = ask[0].buttons!.find((b) => b.title === vi('procedure:variants.vehicle_type.motorbike'))!;
      assert.ok(ask[0].buttons!.some((b) => b.title === vi('procedure:variants.vehicle_type.car')));
      const text = textOf(await chat(assistant().url, sender, motorbike.payload));
      assert.ok(text.includes('Mô tô, xe máy') && text.includes(vi('procedure:fee.unknown')), text);
      assert.ok(!text.includes('140.000'), 'never the car rate for a motorbike');
      // Remembered: the next fee question about a motorbike procedure is answered for the motorbike at once.
      const test = textOf(await chat(assistant().url, sender, '/procedure_fee{"procedure":"gplx-sat-hach-cap-moi"}'));
      assert.ok(test.includes('60.000 đ') && test.includes('70.000 đ') && !test.includes('ô tô (B, C1'), test);
    });

    it('answers the car rate when the vehicle is given with the question', async () => {
      const text = textOf(await chat(assistant().url, 'fee-car', '/procedure_fee{"procedure":"dang-ky-xe","vehicle_type":"car"}'));
      assert.ok(text.includes('140.000 đ') && !text.includes('Mô tô, xe máy'), text);
    });

    it('answers a fine question with what the fine depends on and how to pay, not "no fee"', async () => {
      const replies = await chat(assistant().url, 'fine', 'vượt đèn đỏ xe máy phạt bao nhiêu tiền');
      const text = textOf(replies);
      const title = knowledge.getProcedure('nop-phat-giao-thong')!.title.vi;
      assert.ok(text.startsWith(vi('procedure:headers.fine', { title })), text);
      assert.ok(text.includes('NĐ 168/2024/NĐ-CP') && text.includes(vi('procedure:fine.howToPay')));
      assert.ok(!text.includes(vi('procedure:fee.free')));
    });
  });

  describe('English', () => {
    it('answers procedure questions in English, marked as a reference translation of the Vietnamese', async () => {
      const sender = 'english';
      await chat(assistant().url, sender, '/change_language{"language":"en"}');
      const p = knowledge.getProcedure('ho-chieu')!;
      const docs = textOf(await chat(assistant().url, sender, '/procedure_documents{"procedure":"ho-chieu"}'));
      assert.ok(docs.startsWith(en('procedure:headers.documents', { title: p.title.en })), docs);
      assert.ok(docs.includes(en('procedure:referenceTranslation')));
      assert.ok(docs.includes('Passport application form (age 14 and over)'));
      assert.ok(!docs.includes(en('procedure:detailsInVietnamese')), 'every line has its English');
      const where = textOf(await chat(assistant().url, sender, '/office_location{"procedure":"ho-chieu"}'));
      assert.ok(where.includes('The Immigration Division of the provincial police'), where);
    });

  });

  describe('English where the content has no translation yet', () => {
    // A copy of the shipped content whose temporary-residence time has lost its English.
    const dir = tempContent();
    const file = path.join(dir, 'procedures/tam-tru.yaml');
    writeFileSync(file, read(file).replace(', en: "3 working days (new registration and extension alike)."', ''));
    const untranslated = useAssistant({ CONTENT_DIR: dir });

    it('falls back to Vietnamese with a note for that field only', async () => {
      const sender = 'english-fallback';
      await chat(untranslated().url, sender, '/change_language{"language":"en"}');
      const time = textOf(await chat(untranslated().url, sender, '/procedure_duration{"procedure":"tam-tru"}'));
      assert.ok(time.includes(en('procedure:detailsInVietnamese')) && time.includes('03 ngày làm việc (cả đăng ký mới và gia hạn).'), time);
      const docs = textOf(await chat(untranslated().url, sender, '/procedure_documents{"procedure":"tam-tru"}'));
      assert.ok(!docs.includes(en('procedure:detailsInVietnamese')), docs);
    });
  });

  describe('offices', () => {
    it('lists every new unit of an old district, a page of buttons at a time with "Xem thêm"', async () => {
      const sender = 'paging';
      const units = knowledge.findOffices('huyện Đại Từ').map((m) => m.office);
      assert.equal(units.length, 10);
      const first = await chat(assistant().url, sender, 'công an huyện Đại Từ ở đâu');
      for (const o of units) assert.ok(first[0].text.includes(o.area!), `names ${o.area}`);
      const more = first[0].buttons!.find((b) => b.title === vi('office:more'))!;
      assert.ok(more, 'a "Xem thêm" button');
      const firstIds = first[0].buttons!.flatMap((b) => /"location":"([a-z-]+)"/.exec(b.payload)?.[1] ?? []).filter((id) => knowledge.getOffice(id));
      assert.equal(firstIds.length, 8);
      const second = await chat(assistant().url, sender, more.payload);
      const secondIds = second[0].buttons!.flatMap((b) => /"location":"([a-z-]+)"/.exec(b.payload)?.[1] ?? []).filter((id) => knowledge.getOffice(id));
      assert.deepEqual([...firstIds, ...secondIds].sort(), units.map((o) => o.id).sort(), 'every unit is offered once');
      assert.ok(!second[0].buttons!.some((b) => b.title === vi('office:more')), 'no more pages');
      assert.ok(second[0].text.startsWith(vi('office:severalPage', { place: 'huyện Đại Từ', page: 2, pages: 2 })), second[0].text);
    });

    it('resolves "xã X, thành phố Bắc Kạn" and explains the Bắc Kạn merger', async () => {
      const text = textOf(await chat(assistant().url, 'bac-kan', 'công an xã Dương Quang, thành phố Bắc Kạn ở đâu'));
      const notice = knowledge.formerProvinceIn('tỉnh Bắc Kạn')!.notice;
      assert.ok(text.includes(`🏢 ${knowledge.getOffice('xa-phong-quang')!.name}`), text);
      assert.ok(text.includes(viText(notice)));
    });

    it('explains the merger when a dossier was filed with the former Bắc Kạn police', async () => {
      const notice = viText(knowledge.formerProvinceIn('tỉnh Bắc Kạn')!.notice);
      for (const message of ['hồ sơ tôi nộp ở công an tỉnh Bắc Kạn trước đây giờ tra ở đâu', 'tra cứu hồ sơ đã nộp ở Công an tỉnh Bắc Kạn cũ']) {
        const text = textOf(await chat(assistant().url, `bac-kan-dossier-${message}`, message));
        assert.ok(text.includes(notice), `${message}: ${text}`);
      }
    });
  });
});
