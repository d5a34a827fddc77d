import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { CLARIFY_BELOW, createParser, type Parser } from '../../src/understanding';
import { CharNgramSvm, UNTUNED } from '../../src/understanding/char-ngram-svm';
import { foldForMatch } from '../../src/understanding/normalise';
import { INTENTS_DIR, PLAIN_MODELS } from './support';

// Issue 10, round 11: the intent of a long letter is also judged by a character n-gram SVM over the whole letter.
// The letter below was written for this file; it is in no training or evaluation file.
describe('understanding/letters: the character n-gram SVM\'s second opinion', () => {
  const docs = [
    { text: 'làm căn cước hết bao nhiêu tiền', label: 'fee' },
    { text: 'lệ phí làm hộ chiếu hết bao nhiêu', label: 'fee' },
    { text: 'làm căn cước mất bao lâu', label: 'duration' },
    { text: 'hộ chiếu bao lâu thì có', label: 'duration' },
    { text: 'xin chào ad', label: 'greeting' },
    { text: 'chào buổi sáng ad', label: 'greeting' },
  ];

  it('drops the grams found in fewer than minDocs training texts, and still reads the common ones', () => {
    const all = CharNgramSvm.train(docs, { ...UNTUNED });
    const bounded = CharNgramSvm.train(docs, { ...UNTUNED, minDocs: 2 });
    const grams = (m: CharNgramSvm) => new Set(m.snapshot().grams);
    // "uổi" is in one text only ("buổi"), " ad" in two.
    assert.ok(grams(all).has('uoi') && !grams(bounded).has('uoi'));
    assert.ok(grams(bounded).has(' ad'));
    assert.ok(grams(bounded).size < grams(all).size / 2);
    assert.equal(bounded.predict('tam tru het bao nhieu tien'), 'fee');
    assert.equal(bounded.predict('chao ad a'), 'greeting');
  });

  it('is restored from its snapshot with exactly the same scores (the model cache)', () => {
    const model = CharNgramSvm.train(docs, { ...UNTUNED, epochs: 10 });
    const restored = CharNgramSvm.restore(model.snapshot());
    for (const text of ['hộ chiếu mất bao lâu', 'xin chao', 'căn cước bao nhiêu tiền ạ']) assert.deepEqual(restored.scores(text), model.scores(text));
  });

  it('scores a text as the sum, in first-seen order, of its known grams\' TF-IDF (unit length) times their weights', () => {
    // Issue 12: scoring counts only the grams the model knows; this reads the snapshot the plain way, every gram counted.
    // Issue 12: the grams are read through a trie saved with the model; two docs here have grams beyond ASCII (中文, ß).
    const trained = CharNgramSvm.train([...docs, { text: 'chào 中文 ß ad', label: 'greeting' }, { text: '中文 ß xin chào', label: 'greeting' }], { ...UNTUNED, minDocs: 2, epochs: 10 });
    const model = CharNgramSvm.restore(v8.deserialize(v8.serialize(trained.snapshot())));
    const { labels, grams, idf, weights, bias } = model.snapshot();
    assert.ok(grams.includes('中文') && grams.includes(' ß '));
    const column = new Map(grams.map((g, j) => [g, j]));
    const plain = (text: string) => {
      const s = ` ${foldForMatch(text)} `;
      const counts = new Map<string, number>();
      for (let n = 2; n <= 5; n++) for (let i = 0; i + n <= s.length; i++) counts.set(s.slice(i, i + n), (counts.get(s.slice(i, i + n)) ?? 0) + 1);
      const known = [...counts].flatMap(([g, tf]) => (column.has(g) ? [{ j: column.get(g) as number, v: (1 + Math.log(tf)) * idf[column.get(g) as number] }] : []));
      const norm = Math.sqrt(known.reduce((sum, k) => sum + k.v * k.v, 0)) || 1;
      return Float64Array.from(labels, (_, c) => known.reduce((sum, k) => sum + weights[k.j * labels.length + c] * (k.v / norm), bias[c]));
    };
    const texts = ['', 'ad', 'hộ chiếu mất bao lâu', 'chào 中文 ß ad 中 ß', 'ßß 文中', 'HỘ CHIẾU mất bao lâu ạ???', 'bao bao bao bao lâu lâu', 'xin chào ad 😀 𝐀𝐃 \ud800',
      'làm căn cước hết bao nhiêu tiền, lệ phí hộ chiếu bao nhiêu, chào buổi sáng ad', 'qwxz', 'tiền '.repeat(400)];
    // Twice each, in turn: a text read leaves nothing behind for the next.
    for (const text of [...texts, ...texts]) assert.deepEqual(model.scores(text), plain(text), text);
  });

  describe('in the parser', function () {
    // A parser trains three models and the SVM: on a busy machine that is more than mocha's default 20 s.
    this.timeout(120_000);
    let parser: Parser;
    before(() => {
      parser = createParser({ intentsDir: INTENTS_DIR, cacheDirs: PLAIN_MODELS });
    });

    it('asks for a person after a long story: the whole letter says so, where the sentence alone read as a complaint', () => {
      // Without the SVM: feedback 0.29, human_agent 0.25 (below CLARIFY_BELOW, and wrong).
      const letter = 'Chuyện đất đai và hộ khẩu nhà tôi liên quan đến cả bốn anh chị em sau khi bố mất, có cả giấy tờ cũ từ năm 1995, '
        + 'viết ra đây thì rất dài và khó hiểu. Tôi muốn gặp một cán bộ để trình bày trực tiếp, nhờ các anh chuyển giúp tôi.';
      assert.ok(letter.length >= 200);
      const r = parser.parse(letter);
      assert.equal(r.intent.name, 'human_agent');
      assert.ok(r.intent.confidence >= CLARIFY_BELOW);
    });

    it('keeps the ranking a probability distribution', () => {
      const letter = 'Em cảm ơn các anh chị nhiều lắm. Hôm qua em bị mất ví ở bến xe, trong đó có căn cước và bằng lái, anh cảnh sát trực ở đó '
        + 'đã nhặt được và gọi điện cho em lên nhận lại, không mất thứ gì. Em chỉ muốn nói lời cảm ơn thôi ạ.';
      const r = parser.parse(letter);
      assert.equal(r.intent.name, 'thanks');
      const sum = r.intent_ranking.reduce((s, x) => s + x.confidence, 0);
      assert.ok(sum <= 1 + 1e-9 && sum > 0.99, `ranking sums to ${sum}`);
      for (let i = 1; i < r.intent_ranking.length; i++) assert.ok(r.intent_ranking[i - 1].confidence >= r.intent_ranking[i].confidence);
    });
  });
});
