import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PhraseMatcher } from '../../src/understanding/phrase-matcher';

/** The matcher's dictionary as it was built before the start-to-ready round: a walk for duplicates and a sort per phrase. */
class SortedOnEachAdd {
  readonly byFirst = new Map<string, { words: string[]; value: number }[]>();
  add(phrase: string, value: number): void {
    const words = phrase.split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    const list = this.byFirst.get(words[0]) ?? [];
    if (list.some((e) => e.words.join(' ') === words.join(' '))) return;
    list.push({ words, value });
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(words[0], list);
  }
}

describe('understanding/phrase-matcher', () => {
  // Few words, so phrases share first words, repeat, and nest: what the lexicon's thousands of phrases do.
  const word = fc.constantFrom('lam', 'can', 'cuoc', 'tam', 'tru', 'xe', 'mat');
  const phrase = fc.array(word, { minLength: 0, maxLength: 4 }).map((w) => w.join(' '));

  it('keeps the first owner of each phrase, longest first and in the order added, as sorting after each add did', () => {
    fc.assert(
      fc.property(fc.array(phrase, { maxLength: 60 }), fc.array(fc.array(word, { maxLength: 12 }), { maxLength: 10 }), (phrases, messages) => {
        const matcher = new PhraseMatcher<number>((p) => p);
        const reference = new SortedOnEachAdd();
        phrases.forEach((p, i) => {
          matcher.add(p, i);
          reference.add(p, i);
        });
        assert.deepEqual(matcher.words(), [...reference.byFirst.values()].flatMap((list) => list.flatMap((e) => e.words)));
        const order = (m: PhraseMatcher<number>, tokens: string[]) => m.matchAll(tokens).map((x) => `${x.from}-${x.to}:${x.value}`);
        for (const tokens of messages) {
          // matchAll lists every entry at each position in the dictionary's order; match takes the first that fits.
          const expected = [] as string[];
          for (let i = 0; i < tokens.length; i++) {
            for (const e of reference.byFirst.get(tokens[i]) ?? []) {
              if (e.words.every((w, k) => tokens[i + k] === w)) expected.push(`${i}-${i + e.words.length}:${e.value}`);
            }
          }
          assert.deepEqual(order(matcher, tokens), expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});
