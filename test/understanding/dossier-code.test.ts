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
    // Other one-stop systems' shapes, as the integration API accepts them.
    ['tra giúp hồ sơ HC-2026-000777 với', 'HC-2026-000777'],
    ['hc-2026-000777', 'HC-2026-000777'],
    ['mã H55.22-000123.', 'H55.22-000123'],
    ['hồ sơ (BCA.2026.000123) xong chưa?', 'BCA.2026.000123'],
    ['BCA-259999-000123', 'BCA-259999-000123'],
    // As short as the API accepts (4 digits): what the API stores, the chat finds.
    ['tra cứu hồ sơ TN-0457', 'TN-0457'],
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
  });

  it('never takes a phone, ID or other long digit run for a code, however it is written', () => {
    for (const text of ['0912345678', '0912.345.678', '0912-345-678', '+84 912 345 678', '+84-912-345-678', 'cccd 001095012345', 'số 001-095-012-345', 'ngày 12-03-2026', '2025-2026']) {
      assert.deepEqual(findDossierCodes(text), [], text);
    }
  });

  it('ignores words with a number, number plates, links, e-mails and legal references', () => {
    for (const text of ['dịch covid-19', 'EURO-2024', 'xe biển 20A-123.45', 'biển 29A1-123.45', 'https://dichvucong.gov.vn/hs-2026-000777', 'gửi hs-2026-000777@gmail.com', 'Thông tư 55/2021/TT-BCA', 'mẫu CT01']) {
      assert.deepEqual(findDossierCodes(text), [], text);
    }
  });

  it('finds a portal code and another code in one message, in order', () => {
    assert.deepEqual(findDossierCodes('BCA-251105-000123 và HC-2026-000777').map((c) => c.value), ['BCA-251105-000123', 'HC-2026-000777']);
  });
});
