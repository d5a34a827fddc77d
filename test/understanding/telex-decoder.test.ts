import assert from 'node:assert/strict';
import { decodeTelex, decodeTyping, decodeVni, isSyllable } from '../../src/understanding/telex-decoder';
import { tokenise } from '../../src/understanding/tokenise';

// What a message reads as after decoding, with nothing known but `known`.
const read = (text: string, known: readonly string[] = []) =>
  decodeTyping(tokenise(text, 2000), (w) => known.includes(w)).map((t) => t.toned).join(' ');

describe('understanding/telex-decoder', () => {
  it('decodes telex keystrokes into syllables, tone keys at the end or before the final consonant', () => {
    const cases: [string, string][] = [
      ['cawn', 'căn'], ['cuwowcs', 'cước'], ['ddaau', 'đâu'], ['nguwowif', 'người'], ['khaarn', 'khẩn'],
      ['caaps', 'cấp'], ['chieeus', 'chiếu'], ['ddawng', 'đăng'], ['chowj', 'chợ'], ['chasy', 'cháy'], ['gif', 'gì'],
    ];
    for (const [typed, meant] of cases) assert.equal(decodeTelex(typed)?.text, meant, typed);
  });

  it('decodes VNI digits, but not a licence class or a code', () => {
    assert.equal(decodeVni('ca8n')?.text, 'căn');
    assert.equal(decodeVni('cu7o71c')?.text, 'cước');
    assert.equal(decodeVni('o73')?.text, 'ở');
    assert.equal(decodeVni('dda6u')?.text, 'đâu');
    for (const code of ['a1', 'b2', 'h55', 'mp3', '2025']) assert.equal(decodeVni(code), undefined, code);
  });

  it('refuses keystrokes that make no Vietnamese syllable', () => {
    for (const w of ['weekend', 'hello', 'street', 'cool']) assert.equal(decodeTelex(w), undefined, w);
    assert.ok(isSyllable('ngươi'));
    assert.ok(!isSyllable('lă'), 'ă needs a final consonant');
    assert.ok(!isSyllable('cac', '\u0300'), 'a syllable closed by c takes only sắc or nặng');
  });

  it('decodes whole messages typed in telex or VNI', () => {
    assert.equal(read('cho hoi lafm cawn cuwowcs o ddaau'), 'cho hoi làm căn cước o đâu');
    assert.equal(read('ca8n cu7o71c la2m o73 dda6u'), 'căn cước làm ở đâu');
    assert.equal(read('soos ddieenj thoaij khaarn caaps'), 'số điện thoại khẩn cấp');
  });

  it('leaves plain unaccented Vietnamese, English and typed diacritics alone', () => {
    for (const text of ['weekend co lam can cuoc khong', 'thi bang lai a1 o dau', 'lam ho chieu mat bao lau', 'Làm căn cước ở đâu', 'where is the office'])
      assert.equal(read(text), tokenise(text, 2000).map((t) => t.toned).join(' '), text);
  });

  it('needs a clear keystroke before it decodes a word that only ends like a tone key', () => {
    // "tax", "is" could be English; beside a clear telex word they are telex.
    assert.equal(read('car tax'), 'car tax', 'two English words that could be tone keys stay as typed');
    assert.equal(read('next door'), 'next door');
    assert.equal(read('how much is the tax', ['how', 'much', 'is', 'the']), 'how much is the tax');
    assert.equal(read('nhaf tooi ddang chasy'), 'nhà tôi đang cháy');
  });

  it('decodes a message of weak keystrokes only when they are many and most of it', () => {
    assert.equal(read('chaof bajn cho mif hoir chuts'), 'chào bạn cho mì hỏi chút');
    assert.equal(read('thu3 tuc5 dang ky1 thuong2 tru1'), 'thủ tục dang ký thuong trú', 'a tone digit after letters missing their horn drops');
    const english = 'I paid the car tax for my old bus';
    assert.equal(read(english), tokenise(english, 2000).map((t) => t.toned).join(' '), 'two weak words among many stay as typed');
  });
});
