import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { productionParser } from './support';

// Issue 10, round 35 (the causes behind the misses of letters-dev-26 and the other letter sets). Every letter below was
// written for this file: it is in no training file and no evaluation set.
describe('understanding/letters 26', () => {
  let parser: Parser;
  before(function () {
    // Training every model once takes a while on a loaded machine.
    this.timeout(900_000);
    parser = productionParser();
  });
  const procedureOf = (text: string) => parser.parse(text).entities.find((e) => e.entity === 'procedure' || e.entity === 'procedure_group')?.value;
  const intentOf = (text: string) => parser.parse(text).intent.name;

  describe('where the writer lives, written straight before the place', () => {
    it('"thường trú phường X" introduces the writer; the worn card told after it is the procedure', () => {
      const text = 'Kính gửi các đồng chí, tôi 66 tuổi, thường trú phường Tân Thịnh. Thẻ căn cước của tôi làm từ năm 2016 nay đã mờ '
        + 'hết ảnh, đi ngân hàng người ta không nhận. Tôi đi lại khó khăn, xin hỏi có phải ra tận công an phường không, và mất bao lâu?';
      assert.notEqual(procedureOf(text), 'thuong-tru');
      assert.equal(procedureOf(text)?.startsWith('can-cuoc'), true);
    });
    it('asked with its verb ("đăng ký thường trú phường X") the residence stays the request', () => {
      const text = 'Chào anh chị, em 30 tuổi, quê Lạng Sơn, đã có căn cước gắn chip. Em vừa mua được căn nhà nhỏ ở Thái Nguyên, sổ đỏ '
        + 'đứng tên em rồi. Giờ em muốn đăng ký thường trú phường Gia Sàng, về căn nhà mới, thì cần chuẩn bị những gì ạ?';
      assert.equal(procedureOf(text), 'thuong-tru');
    });
  });

  describe('a lesser ask added after the request', () => {
    it('"Ngoài ra, …" names its procedure aside: the seal asked first is the procedure', () => {
      const text = 'Tôi là chủ một cửa hàng vàng bạc mới mở ở xã Phú Bình, đã có giấy đăng ký kinh doanh. Tôi cần làm con dấu cho cửa hàng. '
        + 'Trước giờ nghe nói phải lên công an huyện, bây giờ bỏ cấp huyện rồi thì nộp ở đâu? Ngoài ra, cửa hàng tôi có phải xin '
        + 'giấy chứng nhận đủ điều kiện về an ninh trật tự không?';
      assert.equal(procedureOf(text), 'con-dau');
    });
  });

  describe('a foreigner whose stay the landlord declares', () => {
    it('"my landlord must declare my stay" is lưu trú, not the passport it asks for', () => {
      const text = 'Hi, I am Lucas, 29, a French engineer working for a solar company in Pho Yen. I just moved into a rented flat in '
        + 'Ba Hang ward. The landlord told me he has to declare my stay with the ward police and took a copy of my passport and my '
        + 'work permit. Is that the usual procedure, and should I keep any paper from him?';
      assert.equal(procedureOf(text), 'luu-tru');
    });
  });

  describe('a person to talk to', () => {
    it('"muốn có người nói chuyện" asks for a person', () => {
      const text = 'toi nam nay 61 tuoi o xom Na Mon xa Than Sa, toi la nguoi Mong, chu Viet toi doc cham lam. toi muon co nguoi noi '
        + 'chuyen qua dien thoai de hoi viec lam can cuoc cho chau noi 14 tuoi, vi doc huong dan tren nay toi khong hieu, nha toi '
        + 'o xa ma duong mua nay lo dat';
      assert.equal(intentOf(text), 'human_agent');
    });
  });

  describe('a paper seen in the media', () => {
    it('"Tôi thấy trên mạng có bài bảo …" tells a rumour, not the writer\'s finding: no complaint', () => {
      const text = 'Tôi là Lành, 56 tuổi, bán rau ở chợ Đồng Quang. Tôi thấy trên mạng có bài bảo từ năm sau ai chưa đổi bằng lái xe '
        + 'máy loại giấy sang thẻ nhựa thì bằng hết giá trị, đi đường bị phạt như không có bằng. Bằng của tôi thi từ năm 1998, '
        + 'vẫn là giấy bìa, tôi lo quá không biết có phải đi đổi không.';
      assert.notEqual(intentOf(text), 'feedback');
    });
  });
});
