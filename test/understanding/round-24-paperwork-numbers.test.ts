import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { named, productionParser } from './support';

// Issue 10, round 24 (a cause of blind round 17, published): typed without diacritics, the "so" of "ho so" (hồ sơ,
// the papers) folds as "số" (a number), and beside a fire-safety word it read as a question for the emergency lines.
// Every message below was written for this file.
describe('understanding/round 24: a number word inside a paperwork phrase asks for no line', () => {
  let parser: Parser;
  before(() => {
    parser = productionParser();
  });

  it('"ho so" beside PCCC is the papers, not the emergency numbers', () => {
    for (const text of ['nghiem thu pccc can ho so gi', 'phuong an chua chay nop ho so online duoc khong', 'giay phep pccc ho so gom nhung gi']) {
      const r = parser.parse(text);
      assert.equal(r.emergency?.asksNumbers, false, text);
      assert.notEqual(named(r), 'none', text);
    }
  });

  it('a number asked beside a service still asks for the lines', () => {
    for (const text of ['so cuu hoa la so may vay', 'so dien thoai canh sat pccc la so gi']) assert.equal(parser.parse(text).emergency?.asksNumbers, true, text);
  });
});
