import assert from 'node:assert/strict';
import { Analyser } from '../../src/understanding/analyser';
import { ProcedureRecogniser, soundVariants } from '../../src/understanding/procedure-recogniser';
import { loadResources } from '../../src/understanding/resources';
import { tokenise } from '../../src/understanding/tokenise';
import type { Parser } from '../../src/understanding';
import { INTENTS_DIR, productionParser } from './support';

// Issue 10, after blind round 13: procedure names spelt as they are said, old terms, thanks that credit the guidance,
// online asks. Every message here was written for this file and is in no evaluation set.
describe('understanding/round 13: spoken spellings, old terms, credit, online asks', () => {
  describe('an alias spelt as it sounds is the alias, as a whole phrase only', () => {
    const { procedures, cues } = loadResources(INTENTS_DIR);
    const recogniser = new ProcedureRecogniser(procedures, cues.places);
    const name = (text: string) => {
      const tokens = tokenise(text, 2000);
      const m = recogniser.recognise(tokens.map((t) => t.text), tokens.map((t) => t.toned));
      return m?.procedure ?? (m?.group ? `group:${m.group}` : 'none');
    };

    it('respells one word of a phrase: merged onsets and finals', () => {
      const phrases = soundVariants('lưu trú').map((v) => v.phrase);
      assert.ok(phrases.includes('lưu chú'), phrases.join(' | '));
      assert.ok(soundVariants('sang tên').some((v) => v.phrase === 'sang tê'));
      assert.deepEqual(soundVariants('tạm'), [], 'one word is no phrase');
    });
    it('reads the merged consonants inside procedure names', () => {
      assert.equal(name('nhà em cho sinh viên thuê, khai báo lưu chú ra sao'), 'luu-tru');
      assert.equal(name('xin giấy xác nhận cư chú để nộp trường'), 'xac-nhan-cu-tru');
      assert.equal(name('mua lại xe của anh họ thì sang tê thế nào'), 'sang-ten-xe');
      assert.equal(name('đăng ký thường chú cho vợ'), 'thuong-tru');
    });
    it('needs the respelt word typed with its marks, so other words that fold alike stay apart', () => {
      // "cũ chủ" folds as "cu chu", like "cư chú": it names no residence.
      assert.notEqual(name('chiếc xe cũ chủ trước để lại'), 'group:cu-tru');
      assert.equal(name('luu chu cho khach'), 'none');
    });
  });

  describe('old terms', () => {
    let parser: Parser;
    before(function () {
      this.timeout(120_000);
      parser = productionParser();
    });
    it('"đăng bộ" with a vehicle is registering it; with land it names nothing of ours', () => {
      const r = parser.parse('xe ô tô mới mua về thì đăng bộ xe ở đâu');
      assert.equal(r.entities.find((e) => e.entity === 'procedure' || e.entity === 'procedure_group')?.value.startsWith('dang-ky-xe') || r.entities.some((e) => e.value === 'xe'), true);
      assert.ok(!parser.parse('đăng bộ nhà đất ở phòng nào').entities.some((e) => e.value === 'dang-ky-xe'));
    });
    it('KT3 is the old temporary-residence book', () => {
      assert.ok(parser.parse('em cần làm KT3 cho người thuê phòng').entities.some((e) => e.entity === 'procedure' && e.value === 'tam-tru'));
    });

    describe('a letter crediting the guidance for a procedure done is thanks, "cảm ơn" or not', () => {
      it('credits the guidance', () => {
        const letter =
          'Tuần trước tôi có nhắn hỏi về việc làm hộ chiếu cho vợ tôi. Nhờ sự hướng dẫn của các bạn, vợ tôi chuẩn bị đủ ảnh và tờ khai, ' +
          'nộp một lần là xong, hôm nay đã nhận được hộ chiếu qua bưu điện. Cả nhà rất phấn khởi, xin gửi lời chúc các bạn làm việc thật tốt.';
        assert.equal(parser.parse(letter).intent.name, 'thanks');
        const told =
          'Cháu là người hôm trước hỏi chuyện khai báo tạm vắng cho bố đi làm xa. Bố cháu đã làm đúng như các anh hướng dẫn, ' +
          'khai trên điện thoại chưa đến năm phút, công an xã đã xác nhận ngay trong ngày. Gia đình cháu thấy rất tiện, không phải đi lại gì.';
        assert.equal(parser.parse(told).intent.name, 'thanks');
      });
      it('a request for guidance is still a question', () => {
        const asking =
          'Em mới chuyển đến phường Tân Thịnh thuê nhà cùng hai bạn, chủ nhà bảo phải tự đăng ký tạm trú. Em đã có tài khoản VNeID ' +
          'mức 2 nhưng chưa làm bao giờ. Nhờ hướng dẫn giúp em đăng ký tạm trú trên điện thoại với ạ.';
        assert.notEqual(parser.parse(asking).intent.name, 'thanks');
      });
    });

    describe('online asks in letters', () => {
      it('"without going in person" asks for the online way', () => {
        const letter =
          'Tôi làm công nhân ở khu công nghiệp Yên Bình, ca kíp liên tục nên rất khó xin nghỉ. Công ty cần tôi bổ sung giấy xác nhận ' +
          'thông tin cư trú vào hồ sơ. Xin hỏi có xin giấy xác nhận cư trú mà không cần đi trực tiếp được không?';
        assert.equal(parser.parse(letter).intent.name, 'procedure_online');
      });
      it('an ask followed by its reason ends at its particle: the first ask is the request', () => {
        const analyser = new Analyser(loadResources(INTENTS_DIR), { targets: [], known: [] });
        const a = analyser.analyse(
          'Con tôi đỗ đại học ở Hà Nội, trường cần giấy xác nhận cư trú. Cho tôi hỏi giấy này có làm trên VNeID được không, ' +
            'và nếu phải lên công an phường thì thứ bảy có làm việc không vì tôi chỉ nghỉ hôm đó?',
        );
        assert.deepEqual(a.askedFacets, ['online']);
      });
      it('an imperative request for guidance is an ask', () => {
        const analyser = new Analyser(loadResources(INTENTS_DIR), { targets: [], known: [] });
        const a = analyser.analyse(
          'Em là sinh viên năm ba, vừa mua xe máy điện mới. Bạn em bảo có thể làm trên Cổng dịch vụ công. Anh chị hướng dẫn giúp em cách đăng ký xe trực tuyến với ạ.',
        );
        assert.equal(a.asks, true);
        assert.ok(a.askedFacets.includes('online'), a.askedFacets.join(','));
      });
    });
  });
});
