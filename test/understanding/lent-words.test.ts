import assert from 'node:assert/strict';
import type { Parser } from '../../src/understanding/types';
import { named, productionParser } from './support';

// Issue 10, review: one rule for a phrase that lends a word to a longer phrase that takes it (situation-model.ts TAKES):
// a number word of a paperwork phrase (round 24) and a hand rule's word of a figure of speech or an ad (round 26) state
// nothing on their own. Every message below was written for this file.
describe('understanding: a word lent to a longer phrase states nothing on its own', () => {
  let parser: Parser;
  before(() => {
    parser = productionParser();
  });

  it('the "so" of "ho so" beside a fire-safety word asks for no line; a number beside a service still does', () => {
    for (const text of ['ho so thiet ke pccc nop o dau vay ad', 'tham duyet pccc quan karaoke can ho so nhung gi']) {
      const r = parser.parse(text);
      assert.equal(r.emergency?.asksNumbers, false, text);
      assert.notEqual(named(r), 'none', text);
    }
    assert.equal(parser.parse('so cua canh sat pccc la so nao').emergency?.asksNumbers, true);
  });

  it('a hand rule whose word is an idiom\'s or an ad\'s states no fire; told outright it still does', () => {
    // Without the rule: sure, possible, possible.
    for (const text of ['cả nhà đang cháy hết mình ở tiệc cưới chị họ, vui quá trời', 'nhà đang cháy vé concert, săn được 2 vé rồi', 'tối nay cả nhà đang cháy hết mình hát karaoke mừng thọ bà']) {
      assert.equal(parser.parse(text).emergency?.grade, 'none', text);
    }
    assert.equal(parser.parse('nhà đang cháy to lắm, mọi người ra hết chưa').emergency?.grade, 'sure');
  });
});
