import assert from 'node:assert/strict';
import { Analyser } from '../../src/understanding/analyser';
import { loadResources } from '../../src/understanding/resources';
import type { Parser } from '../../src/understanding/types';
import { INTENTS_DIR, named, productionParser } from './support';

// Issue 10, round 23 (the causes behind the misses of styles-dev-17). Every message below was written for this file: it
// is in no training file and no evaluation set.
describe('understanding/styles 17', () => {
  let parser: Parser;
  let analyser: Analyser;
  before(() => {
    parser = productionParser();
    analyser = new Analyser(loadResources(INTENTS_DIR), { targets: [], known: [] });
  });

  describe('an ask that only checks whether the story is true leaves the request to the ask beside it', () => {
    const letter = 'Trong nhóm phụ huynh có người nói trẻ dưới 14 tuổi cũng phải đi làm căn cước ngay trong năm nay, ai không làm sẽ bị phạt. '
      + 'Tôi nghe mà lo. Chuyện này có thật không, con tôi 9 tuổi có phải đi làm căn cước không?';
    it('in one sentence: the clause after the check is read', () => {
      assert.ok(analyser.analyse(letter).features.includes('w:§proc'), 'the request names the card');
      const r = parser.parse(letter);
      assert.equal(r.intent.name, 'procedure_info');
      assert.equal(named(r), 'can-cuoc-cap-moi');
    });
    it('as a question of its own: the next question is read', () => {
      const text = 'Hàng xóm bảo giờ đổi bằng lái phải lên tận tỉnh. Điều đó có đúng không? Đổi bằng lái làm ở xã được không?';
      assert.ok(analyser.analyse(text).features.includes('w:§proc'));
      assert.equal(named(parser.parse(text)), 'gplx-doi-cap-lai');
    });
    it('a clause that tells the hearsay itself keeps its ask', () => {
      const features = analyser.analyse('nghe nói tạm trú giờ khai trên mạng được rồi phải không, vậy có cần lên công an xã nữa không').features;
      // The first ask is the request, as the writers label two asks: its words are read, the second clause's are context.
      assert.ok(features.includes('w:nghe') && features.includes('f:online') && !features.includes('w:xa'), features.join(' '));
    });
  });

  describe('an ask told as made before asks nothing now', () => {
    it('a letter that only thanks for an answer once asked is thanks', () => {
      const text = 'Tuần trước em hỏi bot cách gia hạn tạm trú cho chị gái, em làm đúng từng bước, hôm nay chị em đã nhận được xác nhận. Em nhắn chỉ để cảm ơn bot ạ.';
      assert.equal(analyser.analyse(text).asks, false);
      assert.equal(parser.parse(text).intent.name, 'thanks');
    });
    it('a new ask after it still asks', () => {
      const text = 'Hôm trước tôi hỏi bot về hộ chiếu mà chưa rõ lắm. Cho tôi hỏi lại làm hộ chiếu mất bao lâu?';
      assert.equal(analyser.analyse(text).asks, true);
      assert.equal(parser.parse(text).intent.name, 'procedure_duration');
    });
  });

  describe('online, or the other way: the side that names the online way is the request', () => {
    it('the online way first, then going in person', () => {
      const text = 'cho cháu hỏi gia hạn tạm trú cho mẹ trên ứng dụng được không hay phải đưa mẹ lên công an phường ạ';
      const features = analyser.analyse(text).features;
      assert.ok(features.includes('f:online') && !features.includes('w:phuong'), features.join(' '));
      assert.equal(parser.parse(text).intent.name, 'procedure_online');
    });
    it('going in person first, then the online way', () => {
      const text = 'làm lại bằng lái bị mất có phải về tận tỉnh không hay nộp qua mạng được';
      const features = analyser.analyse(text).features;
      assert.ok(features.includes('w:mang') && !features.includes('w:tinh'), features.join(' '));
      const r = parser.parse(text);
      assert.equal(r.intent.name, 'procedure_online');
      assert.equal(named(r), 'gplx-doi-cap-lai');
    });
    it('true or a rumour on the internet is no choice of ways', () => {
      const text = 'Hàng xóm kể là từ tháng sau ai chưa đổi thẻ căn cước mẫu cũ sẽ bị phạt nặng. Tôi không biết chuyện này có đúng không, hay chỉ là tin đồn trên mạng?';
      const features = analyser.analyse(text).features;
      assert.ok(features.includes('w:biet') && features.includes('w:don'), features.join(' '));
    });
    it('in a letter', () => {
      const text = 'Con gái tôi đi học xa, thẻ căn cước của cháu sắp hết hạn mà cháu chỉ về nhà dịp Tết. Tôi muốn hỏi cháu tự làm trên cổng dịch vụ '
        + 'công được không hay bắt buộc phải về quê chụp ảnh?';
      assert.equal(parser.parse(text).intent.name, 'procedure_online');
    });
  });

  it('typed without diacritics, the "dau" of "lần đầu" asks nothing: the ask after it is the request', () => {
    assert.equal(parser.parse('lam ho chieu cho be lan dau, mat bao lau').intent.name, 'procedure_duration');
    assert.equal(parser.parse('dang ky tam tru lan dau cho vo, het bao nhieu tien').intent.name, 'procedure_fee');
    // "ở đâu" typed so still asks where.
    assert.ok(analyser.analyse('lam cccd o dau, mat bao lau').features.includes('f:where'));
  });

  it('a list asked for in the imperative after a life event is procedure_list', () => {
    const text = 'Vợ chồng tôi vừa nhận con nuôi, bé ba tuổi, giấy tờ bên phường tư pháp đã xong. Giờ tôi không biết bên công an phải làm tiếp '
      + 'những gì cho bé. Ad liệt kê giùm các thủ tục cần làm nhé.';
    const a = analyser.analyse(text);
    assert.ok(a.features.includes('b:cac_thu') && !a.features.includes('w:nhan'), 'the request is the last sentence');
    assert.equal(parser.parse(text).intent.name, 'procedure_list');
  });

  it('a hobby told at length, then a tip asked of the bot, is out of scope', () => {
    const text = 'Tối qua cả nhóm chơi board game phá án, mình làm thám tử mà đoán sai hung thủ ba ván liền, bị trêu mãi. Bot có mẹo nào suy luận nhanh hơn không?';
    assert.equal(parser.parse(text).intent.name, 'out_of_scope');
  });

  describe('procedures told in other words', () => {
    for (const [text, procedure] of [
      // The registration and its plate handed back are the cancellation, not a registration.
      ['chiếc xe máy cũ hỏng hẳn rồi, tôi muốn nộp lại đăng ký biển số thì làm ở đâu', 'thu-hoi-dang-ky-xe'],
      // The points left on a licence are the points' procedure.
      ['bằng lái ô tô của tôi còn mấy điểm thì xem ở đâu', 'gplx-phuc-hoi-diem'],
      // "mất, báo" typed with its marks is no "mất bao" (how long): the loss is reported.
      ['hộ chiếu của bố tôi bị mất, báo ở chỗ nào', 'trinh-bao-mat-ho-chieu'],
      ['làm hộ chiếu cho con mất bao lâu', 'ho-chieu'],
      // Raw telex with a tone key struck twice.
      ['cho mifnh hoir khai baos tamj truss cho em gais', 'tam-tru'],
    ] as const) {
      it(`${text} → ${procedure}`, () => assert.equal(named(parser.parse(text)), procedure));
    }
  });
});
