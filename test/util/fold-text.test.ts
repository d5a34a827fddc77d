import assert from 'node:assert/strict';
import { foldDiacritics, foldForMatch } from '../../src/util/fold-text';

describe('text folding', () => {
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
