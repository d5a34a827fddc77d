import assert from 'node:assert/strict';
import { cleanInboundText } from '../../src/channels/inbound-text';
import { fitText } from '../../src/channels/outbound/fit-text';
import { splitText } from '../../src/channels/split-text';

describe('splitText', () => {
  it('keeps a short text whole', () => {
    assert.deepEqual(splitText('Dạ, anh/chị', 2000), ['Dạ, anh/chị']);
  });

  it('splits at line or word boundaries, each part within the limit', () => {
    const text = Array.from({ length: 300 }, (_, i) => `dòng ${i} giấy tờ cần mang`).join('\n');
    const parts = splitText(text, 500);
    assert.ok(parts.length > 1);
    for (const p of parts) assert.ok(p.length <= 500, `part of ${p.length}`);
    assert.equal(parts.join('\n'), text);
  });

  it('measures NFC text, so decomposed Vietnamese does not overflow', () => {
    const nfd = 'Hộ chiếu '.repeat(300).normalize('NFD');
    for (const p of splitText(nfd, 2000)) assert.ok(p.length <= 2000 && p === p.normalize('NFC'));
  });

  it('prefers a sentence end to a word boundary, keeping the full stop with its sentence', () => {
    const sentence = 'Dạ, anh/chị mang theo căn cước và tờ khai CT01 đến Công an xã nơi cư trú. ';
    const text = sentence.repeat(40).trim();
    const parts = splitText(text, 500);
    assert.ok(parts.length > 1);
    for (const p of parts) {
      assert.ok(p.length <= 500, `part of ${p.length}`);
      assert.ok(p.endsWith('cư trú.'), `part ends mid-sentence: …${p.slice(-20)}`);
    }
    assert.equal(parts.join(' '), text);
  });

  it('ends a sentence at ?, ! and … and after a closing quote', () => {
    const text = `${'a '.repeat(200)}Hồ sơ đã nộp chưa? ${'b '.repeat(60)}`;
    const [first] = splitText(text, 520);
    assert.ok(first.endsWith('chưa?'), first.slice(-10));
    const quoted = `${'x '.repeat(200)}Gõ "menu." ${'y '.repeat(60)}`;
    assert.ok(splitText(quoted, 520)[0].endsWith('"menu."'));
  });

  it('uses a break that falls right after a full part', () => {
    assert.deepEqual(splitText(`${'a'.repeat(10)} ${'b'.repeat(5)}`, 10), ['a'.repeat(10), 'b'.repeat(5)]);
  });

  it('never halves an emoji when it must cut hard', () => {
    const parts = splitText(`${'x'.repeat(9)}😀${'y'.repeat(5)}`, 10);
    assert.deepEqual(parts, ['x'.repeat(9), `😀${'y'.repeat(5)}`]);
  });

  it('cuts a text without spaces hard at the limit', () => {
    const parts = splitText('x'.repeat(4500), 2000);
    assert.deepEqual(parts.map((p) => p.length), [2000, 2000, 500]);
  });
});

describe('fitText', () => {
  it('keeps a title that fits, trimmed and in NFC', () => {
    assert.equal(fitText(' Hộ chiếu '.normalize('NFD'), 20), 'Hộ chiếu');
  });

  it('shortens at a grapheme boundary with an ellipsis, within the limit', () => {
    const title = fitText('Đăng ký thường trú cho con', 20);
    assert.equal(title, 'Đăng ký thường trú…');
    assert.ok(title.length <= 20);
    const withEmoji = fitText('Gặp cán bộ 👮🏽‍♀️ ngay bây giờ', 13);
    assert.equal(withEmoji, 'Gặp cán bộ…', 'a multi-unit emoji is kept whole or dropped whole');
    const decomposed = fitText('ẞ'.repeat(3) + 'ạ'.normalize('NFD').repeat(30), 10);
    assert.ok(decomposed.length <= 10 && decomposed === decomposed.normalize('NFC'));
  });
});

describe('cleanInboundText', () => {
  it('removes control and invisible characters but keeps line breaks', () => {
    assert.equal(cleanInboundText('\u0000xin\u0007 chào\u200B\nbạn\u001b'), 'xin chào\nbạn');
  });
});
