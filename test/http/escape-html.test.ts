import assert from 'node:assert/strict';
import { escapeHtml } from '../../src/http/escape-html';

describe('escapeHtml', () => {
  it('writes the five characters that can open markup or close an attribute as entities, once', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>Tom & "Jerry"</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; &quot;Jerry&quot;&lt;/a&gt;');
    assert.equal(escapeHtml('&amp;'), '&amp;amp;', 'text that looks like an entity is shown as typed');
  });

  it('leaves Vietnamese and other text as it is', () => {
    const text = 'Giấy chứng nhận cư trú — 2/9, 50% phí';
    assert.equal(escapeHtml(text), text);
  });
});
