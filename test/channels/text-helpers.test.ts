import assert from 'node:assert/strict';
import { cleanInboundText } from '../../src/channels/inbound-text';
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

  it('cuts a text without spaces hard at the limit', () => {
    const parts = splitText('x'.repeat(4500), 2000);
    assert.deepEqual(parts.map((p) => p.length), [2000, 2000, 500]);
  });
});

describe('cleanInboundText', () => {
  it('removes control and invisible characters but keeps line breaks', () => {
    assert.equal(cleanInboundText('\u0000xin\u0007 chào\u200B\nbạn\u001b'), 'xin chào\nbạn');
  });
});
