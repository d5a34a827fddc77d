import assert from 'node:assert/strict';
import { collapseRepeats, foldDiacritics, foldForMatch, normaliseText, placeToneMark } from '../../src/understanding/normalise';

describe('understanding/normalise', () => {
  it('folds diacritics and đ, whatever the Unicode form', () => {
    const cases: [string, string][] = [
      ['Đăng ký tạm trú', 'dang ky tam tru'],
      ['CĂN CƯỚC', 'can cuoc'],
      ['Hoà'.normalize('NFD'), 'hoa'],
      ['hòa', 'hoa'],
      ['Đắk Lắk', 'dak lak'],
    ];
    for (const [input, expected] of cases) assert.equal(foldDiacritics(input), expected, input);
  });

  it('foldForMatch turns punctuation and emoji into single spaces', () => {
    assert.equal(foldForMatch('  Thủ tục: ĐĂNG KÝ   xe!!! 🚗 (mới) '), 'thu tuc dang ky xe moi');
    assert.equal(foldForMatch('Phường Phan Đình Phùng'), foldForMatch('phuong phan dinh phung'));
  });

  it('puts tone marks in one place, so old and new spellings compare equal', () => {
    assert.equal(normaliseText('hòa'), normaliseText('hoà'));
    assert.equal(normaliseText('thủy'), normaliseText('thuỷ'));
    assert.equal(normaliseText('khỏe'), normaliseText('khoẻ'));
    assert.equal(normaliseText('Hòa Bình'), 'Hoà Bình');
    assert.equal(normaliseText('hoà'.normalize('NFD')), 'hoà');
  });

  it('keeps tone marks where the rule has no choice', () => {
    for (const word of ['người', 'muốn', 'quý', 'giấy', 'cước', 'khuya', 'tiền', 'hoàn']) assert.equal(placeToneMark(word), word.normalize('NFC'), word);
  });

  it('collapses stretched letters but keeps doubled ones', () => {
    assert.equal(collapseRepeats('nhaaaa'), 'nha');
    assert.equal(collapseRepeats('đii'), 'đii');
    assert.equal(collapseRepeats('alooooo'), 'alo');
  });
});
