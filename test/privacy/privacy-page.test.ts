import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { copyContent } from '../admin/admin-server';
import { useAssistant } from '../support/server';

/** Page text as a reader sees it: tags dropped, entities undone. */
const visible = (html: string) =>
  html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('privacy notice and policy, from content/privacy.yaml', () => {
  const contentDir = copyContent();
  const file = path.join(contentDir, 'privacy.yaml');
  const content = parse(fs.readFileSync(file, 'utf8'));
  const assistant = useAssistant({ CONTENT_DIR: contentDir });
  after(() => fs.rmSync(contentDir, { recursive: true, force: true }));

  const get = async (urlPath: string) => {
    const res = await fetch(`${assistant().url}${urlPath}`);
    return { status: res.status, headers: res.headers, html: await res.text() };
  };

  it('shows the notice under the chat box, with a link to the policy, without JavaScript', async () => {
    const page = await get('/');
    assert.equal(page.status, 200);
    const notice = /<p class="privacy" id="privacy">([\s\S]*?)<\/p>/.exec(page.html)?.[1];
    assert.ok(notice, 'the notice is in the page itself');
    assert.ok(visible(notice).includes(content.vi.notice), 'the notice text is the content file\'s');
    assert.match(notice, new RegExp(`<a href="/privacy">${content.vi.link}</a>`));
  });

  it('serves the whole policy in Vietnamese and English, every section from the content file', async () => {
    for (const [query, locale] of [['', 'vi'], ['?lang=en', 'en']] as const) {
      const page = await get(`/privacy${query}`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.match(page.html, new RegExp(`<html lang="${locale}">`));
      const text = visible(page.html);
      assert.ok(text.includes(content[locale].title));
      for (const section of content[locale].sections as { heading: string; body: string }[]) {
        assert.ok(text.includes(section.heading), `${locale}: ${section.heading}`);
        const firstLine = section.body.split('\n')[0]!.replace(/^- /, '');
        assert.ok(text.includes(firstLine), `${locale}: ${firstLine}`);
      }
      for (const basis of content.legal_basis as string[]) assert.ok(text.includes(basis));
    }
  });

  it('shows an editor\'s change at once, escapes it, and keeps the last good text when an edit is broken', async () => {
    const edited = { ...content, vi: { ...content.vi, notice: 'Chúng tôi lưu <ít> dữ liệu & xoá đúng hạn.' } };
    fs.writeFileSync(file, JSON.stringify(edited));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000)); // a distinct modification time, even on coarse clocks
    const page = await get('/');
    assert.ok(page.html.includes('Chúng tôi lưu &lt;ít&gt; dữ liệu &amp; xoá đúng hạn.'), 'the new notice, escaped');
    fs.writeFileSync(file, 'vi: [not a policy');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    assert.ok((await get('/')).html.includes('Chúng tôi lưu &lt;ít&gt;'), 'a broken edit keeps the last good notice');
    assert.equal((await get('/privacy')).status, 200);
  });
});
