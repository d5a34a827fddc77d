import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importOfficesCsv, loadKnowledge } from '../../src/knowledge';
import { CONTENT_DIR, officesCsv, read, tempContent } from './helpers';

describe('office search', () => {
  const k = loadKnowledge(CONTENT_DIR);
  const ids = (text: string) => k.findOffices(text).map((m) => m.office.id);

  it('resolves old ward names to the new unit, with or without diacritics', () => {
    assert.deepEqual(ids('Trưng Vương'), ['phuong-phan-dinh-phung']);
    assert.deepEqual(ids('phuong trung vuong'), ['phuong-phan-dinh-phung']);
    assert.equal(k.findOffices('Trưng Vương')[0].matchedBy, 'former');
  });

  it('resolves an old town (thị trấn) to the commune that absorbed it', () => {
    assert.deepEqual(ids('thi tran Hung Son'), ['xa-dai-phuc']);
    assert.deepEqual(ids('tôi ở thị trấn Hùng Sơn, Đại Từ'), ['xa-dai-phuc']);
  });

  it('maps an old district police to every unit that took over its communes', () => {
    const found = ids('cong an huyen Dai Tu');
    for (const id of ['xa-dai-tu', 'xa-dai-phuc', 'xa-duc-luong', 'xa-phu-thinh', 'xa-la-bang', 'xa-phu-lac', 'xa-an-khanh', 'xa-quan-chu', 'xa-van-phu', 'xa-phu-xuyen'])
      assert.ok(found.includes(id), id);
    assert.ok(!found.includes('xa-tan-cuong'));
    assert.ok(k.findOffices('cong an huyen Dai Tu').every((m) => m.matchedBy === 'district'));
  });

  it('prefers the current unit over an old district of the same name', () => {
    assert.deepEqual(ids('xã Đại Từ'), ['xa-dai-tu']);
    assert.deepEqual(ids('Phú Bình'), ['xa-phu-binh']);
  });

  it('resolves a commune named with its old district ("xã X, thành phố Bắc Kạn") to that commune', () => {
    assert.deepEqual(ids('xã Dương Quang, thành phố Bắc Kạn'), ['xa-phong-quang']);
    assert.deepEqual(ids('xa duong quang thanh pho bac kan'), ['xa-phong-quang']);
    assert.deepEqual(ids('xã Nông Thượng, thành phố Bắc Kạn'), ['phuong-bac-kan']);
    assert.deepEqual(ids('xã Ba Bể, huyện Ba Bể'), ['xa-ba-be']);
    assert.deepEqual(ids('phường Bắc Kạn'), ['phuong-bac-kan']);
    assert.deepEqual(ids('công an tỉnh Bắc Kạn'), ['pc-mot-cua']);
    assert.deepEqual(ids('thành phố Bắc Kạn').sort(), ['phuong-bac-kan', 'phuong-duc-xuan', 'xa-phong-quang']);
  });

  it('returns every candidate when an old name is ambiguous, and nothing for unknown places', () => {
    assert.deepEqual(ids('Hương Sơn').sort(), ['phuong-gia-sang', 'xa-phu-binh']);
    assert.deepEqual(ids('Hà Nội'), []);
  });

  it('finds a name of the directory said inside a sentence as it finds the name alone (names are looked up by their rarest word)', () => {
    for (const entry of k.locationEntries())
      for (const name of entry.names) assert.deepEqual(k.findOffices(`cho hỏi, ${name} ở đâu ạ?`), k.findOffices(name), `${entry.id}: ${name}`);
  });

  it('gives the parser every unit with current and former names', () => {
    const entries = k.locationEntries();
    assert.equal(entries.length, k.listOffices().length);
    const pdp = entries.find((e) => e.id === 'phuong-phan-dinh-phung');
    assert.ok(pdp?.names.includes('Phan Đình Phùng') && pdp.names.includes('phường Trưng Vương') && pdp.names.includes('Trưng Vương'));
  });

  it('sends commune-level procedures to the commune police of the place, others to the provincial unit', () => {
    const tamTru = k.officesFor('tam-tru', { placeText: 'Trưng Vương' }).map((d) => d.office.id);
    assert.deepEqual(tamTru, ['phuong-phan-dinh-phung']);
    assert.deepEqual(k.officesFor('ho-chieu', { placeText: 'Trưng Vương' }).map((d) => d.office.id), ['pc-qlxnc']);
    const canCuoc = k.officesFor('can-cuoc-cap-moi', { placeText: 'xã Đại Từ' }).map((d) => d.office.id);
    assert.deepEqual(canCuoc, ['xa-dai-tu', 'pc-qlhc']);
    assert.deepEqual(k.officesFor('khong-co'), []);
  });
});

describe('coordinates and hours', () => {
  const dir = tempContent();
  const csv = officesCsv([
    { id: 'a', name: 'Công an A', coord_status: 'approximate', lat: '21.5942', lon: '105.8482', hours: 'mon-fri 07:30-11:30,13:30-17:00|sat 07:30-11:30', hours_status: 'check' },
    { id: 'b', name: 'Công an B', coord_status: 'approximate', lat: '22.1470', lon: '105.8348' },
    { id: 'c', name: 'Công an C', coord_status: 'exact', lat: '21.4200', lon: '105.8700' },
    { id: 'd', name: 'Công an D' },
  ]);
  const result = importOfficesCsv(dir, csv);
  const k = loadKnowledge(dir);

  it('orders nearest offices by haversine distance and skips units without coordinates', () => {
    assert.equal(result.ok, true);
    const near = k.nearestOffices(21.59, 105.85, 10);
    assert.deepEqual(near.map((n) => n.office.id), ['a', 'c', 'b']);
    assert.ok(near[0].distanceKm < 1);
    assert.ok(Math.abs(near[2].distanceKm - 62) < 3, String(near[2].distanceKm));
    assert.equal(k.nearestOffices(21.59, 105.85, 1).length, 1);
  });

  it('answers isOpenAt in Vietnam time, and unknown without hours', () => {
    const a = k.getOffice('a')!;
    assert.equal(k.isOpenAt(a, new Date('2026-11-30T02:00:00Z')), true); // Mon 09:00 ICT
    assert.equal(k.isOpenAt(a, new Date('2026-11-30T05:00:00Z')), false); // Mon 12:00 ICT (lunch)
    assert.equal(k.isOpenAt(a, new Date('2026-11-28T02:00:00Z')), true); // Sat 09:00 ICT
    assert.equal(k.isOpenAt(a, new Date('2026-11-28T07:00:00Z')), false); // Sat 14:00 ICT
    assert.equal(k.isOpenAt(a, new Date('2026-11-29T02:00:00Z')), false); // Sun
    assert.equal(k.isOpenAt(a, new Date("2026-11-30T00:45:00Z")), true); // Mon 07:45 ICT, Sunday in UTC
  });

  it('returns unknown when a unit has no hours', () => {
    assert.equal(k.isOpenAt(k.getOffice('d')!, new Date()), 'unknown');
  });

  it('ranks handlers by distance when the citizen shares a location', () => {
    assert.deepEqual(k.officesFor('con-dau', { lat: 22.14, lon: 105.83 }).map((d) => d.office.id), ['b', 'a', 'c', 'd']);
  });

  it('keeps the shipped directory untouched', () => {
    assert.notEqual(read(join(dir, 'offices.csv')), read(join(CONTENT_DIR, 'offices.csv')));
  });
});
