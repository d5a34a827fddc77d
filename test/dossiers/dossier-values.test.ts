import assert from 'node:assert/strict';
import { normaliseDossierCode } from '../../src/dossiers/dossier-code';
import { parseInstant } from '../../src/dossiers/instant';
import { maskName } from '../../src/dossiers/mask-name';
import { last4Matches, phoneLast4, typedLast4 } from '../../src/dossiers/phone';

describe('dossier values', () => {
  it('masks names: family name kept, the rest as initials', () => {
    const table: [string, string][] = [
      ['Nguyễn Văn Bình', 'Nguyễn V. B.'],
      ['  trần   thị  ánh  tuyết ', 'trần T. Á. T.'],
      ['Lò', 'L.'],
      ['Đặng Đình', 'Đặng Đ.'],
    ];
    for (const [name, masked] of table) assert.equal(maskName(name), masked, name);
  });

  it('normalises codes and refuses what cannot be one', () => {
    assert.equal(normaliseDossierCode(' g22.42 - 250312 – 0007 '), 'G22.42-250312-0007');
    assert.equal(normaliseDossierCode('000.00.14.H55-250312-0001'), '000.00.14.H55-250312-0001');
    for (const bad of ['', 'không biết', 'HS_01', 'A/1', 'X'.repeat(64) + '1', 'ABC']) assert.equal(normaliseDossierCode(bad), undefined, bad);
  });

  it('takes any A-Z 0-9 . - code, but never a phone or ID number (the API and the chat share this rule)', () => {
    for (const code of ['HC-2026-000777', 'hc-2026-000777', '2026-0007', '000.00.14-251020-0031', '12345678901234567']) assert.ok(normaliseDossierCode(code), code);
    for (const phone of ['0912345678', '0912.345.678', '0912-345-678', '+84912345678', '001095012345', '123456789']) {
      assert.equal(normaliseDossierCode(phone), undefined, phone);
    }
  });

  it('keeps the last 4 phone digits and compares typed digits', () => {
    assert.equal(phoneLast4('0912 345 678'), '5678');
    assert.equal(phoneLast4('+84 912.345.678'), '5678');
    for (const bad of ['12', 'gọi tôi', '0912abc678', '1'.repeat(16)]) assert.equal(phoneLast4(bad), undefined, bad);
    assert.equal(typedLast4('56 78'), '5678');
    assert.equal(typedLast4('567'), undefined);
    assert.equal(typedLast4('tôi không nhớ'), undefined);
    // A reply may wrap the digits in a few words; a phone number, two groups or a sentence is no reply.
    assert.equal(typedLast4('đuôi 5678'), '5678');
    assert.equal(typedLast4('4 số cuối là 56 78'), '5678');
    for (const bad of ['0912 345 678', '1234 5678', 'số cuối của em hình như là 5678 thì phải']) assert.equal(typedLast4(bad), undefined, bad);
    assert.equal(last4Matches('5678', '5678'), true);
    assert.equal(last4Matches('5679', '5678'), false);
    assert.equal(last4Matches('5678', undefined), false, 'an unknown dossier never matches');
  });

  it('reads ISO dates, taking a missing zone as Vietnam time, and refuses impossible days', () => {
    assert.deepEqual(parseInstant('2026-03-12'), new Date('2026-03-11T17:00:00Z'));
    assert.deepEqual(parseInstant('2026-03-12T08:30'), new Date('2026-03-12T01:30:00Z'));
    assert.deepEqual(parseInstant('2026-03-12T08:30:00Z'), new Date('2026-03-12T08:30:00Z'));
    assert.deepEqual(parseInstant('2026-03-12T08:30:00.5+0700'), new Date('2026-03-12T01:30:00.500Z'));
    for (const bad of ['2026-02-30', '12/03/2026', 'next week', '2026-13-01']) assert.equal(parseInstant(bad), undefined, bad);
  });
});
