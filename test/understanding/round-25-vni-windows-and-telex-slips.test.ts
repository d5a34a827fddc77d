import assert from 'node:assert/strict';
import { decodeTelex } from '../../src/understanding/telex-decoder';
import { decodeVniWindows } from '../../src/understanding/vni-windows';
import type { Parser } from '../../src/understanding';
import { gradeCheck, named, productionParser, type GradeCheck } from './support';

// Round 25 (issue 10): text typed in the legacy VNI-Windows font and read as Latin-1, and a telex first consonant struck
// twice, behind blind round 17's misses; sentences of our own. Each assertion marked "(main: …)" failed on main before.
describe('understanding/round 25: VNI-Windows mojibake and telex slips are read as the Vietnamese they stand for', () => {
  let parser: Parser;
  let expect: GradeCheck;
  before(() => {
    parser = productionParser();
    expect = gradeCheck(parser);
  });

  it('decodes VNI-Windows letters with the published table: tones, circumflex, breve, ơ, ư, đ, i and upper case', () => {
    assert.equal(decodeVniWindows('naïn nhaân bò thöông naëng, muoán ñöôïc giuùp ñôõ'), 'nạn nhân bị thương nặng, muốn được giúp đỡ');
    assert.equal(decodeVniWindows('ÑÖÔØNG LEÂN BAÛN BÒ SAÏT'), 'ĐƯỜNG LÊN BẢN BỊ SẠT');
    assert.equal(decodeVniWindows('Ñaêng kyù taïm truù'), 'Đăng ký tạm trú');
    // No character foreign to Vietnamese, but two sequences no Vietnamese word holds.
    assert.equal(decodeVniWindows('Aùnh saùng'), 'Ánh sáng');
  });

  it('an emergency in VNI-Windows is graded sure with the right service', () => {
    expect('Chaùy nhaø ôû xoùm treân, khoùi ñen muø mòt', ['sure'], ['fire']); // (main: possible)
    expect('Con toâi bò ngaõ xe, maùu chaûy nhieàu laém', ['sure'], ['medical']); // (main: possible)
    expect('ÑÖÔØNG LEÂN BAÛN BÒ SAÏT, XE KHAÙCH BÒ VUØI', ['sure'], ['fire']); // (main: none)
    expect('Cöùu vôùi, coù keû caàm dao ñang cöôùp tieäm vaøng', ['sure'], ['police']);
  });

  it('a procedure question in VNI-Windows names the procedure, as the same question in Unicode does', () => {
    const vni = parser.parse('Hoä chieáu heát haïn thì laøm laïi ôû ñaâu'); // (main: out_of_scope, none)
    const unicode = parser.parse('Hộ chiếu hết hạn thì làm lại ở đâu');
    assert.equal(named(vni), 'ho-chieu');
    assert.equal(vni.intent.name, unicode.intent.name);
    assert.equal(vni.text, unicode.text);
    assert.equal(named(parser.parse('Thuû tuïc ñaêng kyù taïm truù caàn giaáy tôø gì')), 'tam-tru'); // (main: group:cu-tru)
  });

  it('plain Vietnamese, English and other languages are left as typed', () => {
    for (const text of [
      'Làm ơn cứu, nhà bên cạnh đang cháy',
      'Ông ơi, ở đâu cấp căn cước cho người già, hoà thuỷ khoẻ quý',
      'Ho chieu het han lam lai o dau',
      'Where can I renew my passport?',
      'Herr Müller, señor García, København',
      'Bonjour, où est le commissariat ?',
    ]) {
      assert.equal(decodeVniWindows(text), text);
      assert.equal(parser.parse(text).text, text);
    }
  });

  it('a telex first consonant struck twice is read without the slip; "dd" stays đ', () => {
    assert.equal(decodeTelex('ccuwus')?.text, 'cứu');
    assert.equal(decodeTelex('ttroomj')?.text, 'trộm');
    assert.equal(decodeTelex('ddang')?.text, 'đang');
    expect('ccuwus vowis', ['sure']); // (main: none)
    expect('ccuwsu nhaf tooi chasy', ['sure'], ['fire']);
  });
});
