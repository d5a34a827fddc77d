import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { loadKnowledge } from '../../src/knowledge';
import { chat, useAssistant } from '../support/server';
import { vi } from '../support/locale';

const knowledge = loadKnowledge(path.join(projectRoot, 'content'));

// Issue 10: a question that asks several things gets every part answered, in the order asked, and buttons for the rest.
describe('multi-part procedure questions end to end', () => {
  const assistant = useAssistant();

  it('answers every facet asked, in the order asked, and offers the others', async () => {
    const replies = await chat(assistant().url, 'multi-part-1', 'Con em 14 tuổi làm căn cước lần đầu thì mất bao lâu, có làm online được không, cần mang những gì ạ?');
    assert.equal(replies.length, 1);
    const text = replies[0].text;
    assert.ok(text.startsWith(vi('procedure:headers.duration', { title: knowledge.getProcedure('can-cuoc-cap-moi')!.title.vi })), text.slice(0, 80));
    const online = text.indexOf(`\n${vi('procedure:sections.online')}\n`);
    const documents = text.indexOf(`\n${vi('procedure:sections.documents')}\n`);
    assert.ok(online > 0 && documents > online, 'online, then documents, each under its heading');
    const facetTitles = replies.at(-1)!.buttons!.filter((b) => b.payload.includes('can-cuoc-cap-moi')).map((b) => b.title);
    assert.deepEqual(facetTitles, ['fee', 'where', 'info'].map((f) => vi(`procedure:facets.${f}`)));
  });

  // Round 33: a letter asks its second part in the question after the sentence that asks (and the parser's facets run there).
  it('a letter asking the papers, then the online way in its next question, gets both', async () => {
    const letter = 'Tôi đang làm hồ sơ xin cấp giấy phép vận chuyển hàng nguy hiểm cho hai xe bồn chở xăng của công ty ở Phổ Yên. '
      + 'Cho tôi hỏi hồ sơ gồm những gì? Có nộp qua cổng dịch vụ công được không?';
    const replies = await chat(assistant().url, 'multi-part-letter', letter);
    const text = replies.map((r) => r.text).join('\n');
    const title = knowledge.getProcedure('pccc-van-chuyen-hang-nguy-hiem')!.title.vi;
    assert.ok(text.startsWith(vi('procedure:headers.documents', { title })), text.slice(0, 80));
    assert.ok(text.includes(`\n${vi('procedure:sections.online')}\n`), 'the online way under its heading');
  });

  it('a one-part question keeps the usual order', async () => {
    const replies = await chat(assistant().url, 'multi-part-2', 'làm căn cước lần đầu cần mang gì');
    const facetTitles = replies.at(-1)!.buttons!.filter((b) => b.payload.includes('can-cuoc-cap-moi')).map((b) => b.title);
    assert.deepEqual(facetTitles, ['fee', 'duration', 'online', 'where', 'info'].map((f) => vi(`procedure:facets.${f}`)));
  });
});
