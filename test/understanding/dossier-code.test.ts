import assert from 'node:assert/strict';
import { findDossierCodes } from '../../src/understanding/dossier-code';

describe('understanding/dossier-code', () => {
  const cases: [string, string][] = [
    ['mã hồ sơ G22.42-250312-0007 ạ', 'G22.42-250312-0007'],
    ['000.00.14.H55-251020-0031', '000.00.14.H55-251020-0031'],
    ['BCA-251105-000123', 'BCA-251105-000123'],
    ['bca - 251105 - 000123 xong chưa', 'BCA-251105-000123'],
    ['g22.42 250312 0007', 'G22.42-250312-0007'],
    ['000.00.14.h55 - 251020 - 0031', '000.00.14.H55-251020-0031'],
  ];
  for (const [text, value] of cases) {
    it(`finds ${value} in "${text}" with offsets into the text`, () => {
      const [found] = findDossierCodes(text);
      assert.equal(found?.value, value);
      assert.equal(found.value.replace(/-/g, ''), text.slice(found.start, found.end).replace(/[\s-]/g, '').toUpperCase());
    });
  }

  it('ignores phone numbers, dates and plain words before digits', () => {
    assert.deepEqual(findDossierCodes('gọi 0912 345 678 nhé'), []);
    assert.deepEqual(findDossierCodes('xe 250312 0007'), []);
    assert.deepEqual(findDossierCodes('BCA-259999-000123'), []);
  });
});
