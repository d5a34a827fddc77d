import assert from 'node:assert/strict';
import type { Parser, ParseResult } from '../../src/understanding';
import { productionParser } from './support';

// Issue 10: the causes behind the messages the character n-gram baseline got right and we did not. Every message here was
// written for this file and is in no evaluation set.
describe('understanding/n-gram lead: parts asked, parts guessed', () => {
  let parser: Parser;
  before(function () {
    this.timeout(120_000);
    parser = productionParser();
  });
  const facets = (r: ParseResult) => r.entities.filter((e) => e.entity === 'facet').map((e) => e.value);

  it('a short message that names a procedure and cues no part of it is about the procedure, when the model only guesses a part', () => {
    // Before: procedure_documents 0.47, from the story's words ("bán cho", "tỉnh khác").
    const r = parser.parse('thu hồi biển số xe máy đã bán cho anh họ ở tỉnh khác');
    assert.equal(r.intent.name, 'procedure_info');
    assert.equal(named(r), 'thu-hoi-dang-ky-xe');
  });

  it('a part the model is sure of, or a part cued, stays', () => {
    assert.equal(parser.parse('làm lại hộ chiếu mất bao lâu').intent.name, 'procedure_duration');
    assert.equal(parser.parse('đăng ký tạm trú online được không').intent.name, 'procedure_online');
  });

  it('a content alias that is another alias plus a facet cue leaves the cue a facet ("nộp phạt online")', () => {
    // Before: "nộp phạt online" was one placeholder, so the online ask vanished (procedure_info 0.99).
    const r = parser.parse('bị phạt nguội rồi, nộp phạt online ra sao');
    assert.equal(r.intent.name, 'procedure_online');
    assert.ok(facets(r).includes('online'), facets(r).join(','));
    assert.equal(named(r), 'nop-phat-giao-thong');
  });

  it('"chưa bao giờ" (never) asks no "bao giờ" (when)', () => {
    const r = parser.parse('bà tôi chưa bao giờ có căn cước, giờ làm ở đâu');
    assert.ok(!facets(r).includes('duration'), facets(r).join(','));
  });

  it('"mang những gì" asks the papers', () => {
    assert.ok(facets(parser.parse('làm lại hộ chiếu thì phải mang những gì đi')).includes('documents'));
  });
});

function named(r: ParseResult): string {
  const p = r.entities.find((e) => e.entity === 'procedure' || e.entity === 'procedure_group');
  return p ? (p.entity === 'procedure' ? p.value : `group:${p.value}`) : 'none';
}
