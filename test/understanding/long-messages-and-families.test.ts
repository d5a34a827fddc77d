import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createParser, foldForMatch, type Parser } from '../../src/understanding';
import { evaluate } from '../../src/understanding/evaluation/cross-validate';
import { loadHeldOut } from '../../src/understanding/evaluation/heldout';
import { score } from '../../src/understanding/evaluation/metrics';
import { loadTrainingData } from '../../src/understanding/training-data';
import { entityValue as entity, focusText, PLAIN_MODELS } from './support';

const ROOT = join(__dirname, '..', '..');
const INTENTS_DIR = join(ROOT, 'intents');

// Every message below was written for this file and is not in intents/ or in any evaluation set.
describe('understanding/long messages and procedure families', () => {
  let parser: Parser;
  before(() => {
    parser = createParser({ intentsDir: INTENTS_DIR, cacheDirs: PLAIN_MODELS });
  });

  describe('the sentence that asks', () => {
    it('is the sentence ending in a question mark, not the thanks after it', () => {
      assert.equal(focusText('Nhà tôi ở Đại Từ. Bố tôi bị ốm. Làm hộ chiếu mất bao lâu? Cảm ơn ạ.'), 'lam ho chieu mat bao lau');
    });
    it('is the whole message when nothing ends in a question mark or there is one sentence', () => {
      assert.equal(focusText('Tôi ở Phổ Yên. Tôi cần làm hộ chiếu.'), 'toi o pho yen toi can lam ho chieu');
      assert.equal(focusText('làm hộ chiếu mất bao lâu?'), 'lam ho chieu mat bao lau');
    });
    it('does not end a sentence at a dot inside a dossier code or a number', () => {
      assert.equal(focusText('mã 000.00.14.H55-251020-0031 xong chưa?'), 'ma 000 00 14 h55 251020 0031 xong chua');
    });
  });

  describe('a long story does not drown the question at its end', () => {
    const table: [string, string][] = [
      ['Ông ngoại tôi năm nay 88 tuổi, nằm một chỗ đã hai năm. Con cháu đều đi làm xa cả. Đổi căn cước cho ông có làm online được không?', 'procedure_online'],
      ['Tôi làm thợ xây, tháng trước chuyển lên Sông Công ở cùng vợ con. Hàng xóm bảo phải đăng ký tạm trú. Cần mang theo những giấy tờ gì?', 'procedure_documents'],
      ['Em bị giữ bằng lái từ hôm đi đám cưới về, có uống chút bia. Em đã đóng phạt xong rồi. Bao lâu thì em được nhận lại bằng?', 'procedure_duration'],
    ];
    for (const [text, intent] of table) it(`→ ${intent}: ${text.slice(0, 40)}…`, () => assert.equal(parser.parse(text).intent.name, intent));
  });

  describe('families', () => {
    it('gives no group when two unrelated families are named', () => {
      const r = parser.parse('kể giúp tôi các thủ tục cư trú và hộ chiếu xuất nhập cảnh');
      assert.equal(entity(r, 'procedure_group'), undefined);
      assert.equal(entity(r, 'procedure'), 'ho-chieu');
      const both = parser.parse('liệt kê thủ tục cư trú và căn cước');
      assert.equal(entity(both, 'procedure_group'), undefined);
      assert.equal(entity(both, 'procedure'), undefined);
    });
    it('keeps the narrower family when one sits inside the other', () => {
      // Round 35: "đăng ký xe" alone is now its usual member; the vehicle papers ("giấy tờ xe") are still the family.
      assert.equal(entity(parser.parse('thủ tục giao thông về giấy tờ xe'), 'procedure_group'), 'xe');
    });
    it('resolves the security-and-order family with a qualifier', () => {
      assert.equal(entity(parser.parse('thủ tục an ninh trật tự cho cơ sở kinh doanh'), 'procedure'), 'antt-kinh-doanh-co-dieu-kien');
      assert.equal(entity(parser.parse('thủ tục an ninh trật tự nói chung'), 'procedure_group'), 'antt');
    });
    it('splits an abbreviation glued to a word ("doicccd")', () => {
      assert.equal(entity(parser.parse('doicccd o dau'), 'procedure'), 'can-cuoc-cap-doi');
    });
  });

  describe('procedure scoring', () => {
    it('counts a group label answered by the group entity as correct, and a guessed member as wrong', () => {
      const cases = [
        { text: 'giấy tờ xe cần gì', intent: 'procedure_documents', procedure: 'group:xe', tags: [] },
        { text: 'sang tên xe cần gì', intent: 'procedure_documents', procedure: 'group:xe', tags: [] },
      ];
      const s = score(evaluate(parser, cases), 0.5);
      assert.equal(s.procedureCount, 2);
      assert.equal(s.procedureAccuracy, 0.5);
    });
  });

  // Two-word messages ("Hi there!") are bound to be written twice; anything longer added to training would be a copy.
  it('never trains on a message of four words or more from the evaluation sets', () => {
    const train = new Set(loadTrainingData(INTENTS_DIR).map((e) => foldForMatch(e.text)));
    const copied = (file: string) => loadHeldOut(file).filter((c) => c.text.split(/\s+/).length >= 4 && train.has(foldForMatch(c.text)));
    assert.deepEqual(copied(join(INTENTS_DIR, 'test', 'fresh.yaml')).map((c) => c.text), []);
    // The development set was written later by someone who never saw training: 15 of its short everyday phrasings
    // ("tra cuu ho so", "Can I talk to a real person?") already were training examples. No more may be added.
    assert.ok(copied(join(ROOT, 'test', 'fixtures', 'nlu-blind.yaml')).length <= 15);
  });
});
