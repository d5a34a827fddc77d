import assert from 'node:assert/strict';
import { foldDiacritics, foldForMatch } from '../../src/util/fold-text';

/** The fold by its definition: lower case, decompose, drop the combining marks, đ→d, compose. */
const reference = (text: string) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').normalize('NFC');

describe('text folding', () => {
  it('folds every character up to U+1EFF as its definition does, alone and inside a word', () => {
    for (let c = 0; c < 0x1f00; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `Ta${ch}Ng`, `${ch}ư${ch}ớ`, `${ch}\u0301`]) assert.equal(foldDiacritics(text), reference(text), `U+${c.toString(16)} in ${JSON.stringify(text)}`);
    }
  });

  it('folds Vietnamese to lower case without diacritics, đ as d', () => {
    assert.equal(foldDiacritics('Đăng KÝ tạm trú'), 'dang ky tam tru');
    assert.equal(foldDiacritics('HỘ CHIẾU'), 'ho chieu');
    // Decomposed input (a combining mark typed apart) folds as the composed one.
    assert.equal(foldDiacritics('ca\u0301c'), 'cac');
  });

  it('folds plain ASCII to its lower case alone', () => {
    assert.equal(foldDiacritics('Passport FEE 2026?'), 'passport fee 2026?');
    assert.equal(foldDiacritics(''), '');
  });

  it('folds mixed text whole, not only its ASCII part', () => {
    assert.equal(foldDiacritics('Online được không'), 'online duoc khong');
    assert.equal(foldForMatch('  Công an, phường Trưng-Vương! '), 'cong an phuong trung vuong');
  });
});
