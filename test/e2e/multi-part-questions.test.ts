import assert from 'node:assert/strict';
import { chat, useAssistant } from '../support/server';
import { vi } from '../support/locale';

// Issue 10: a question that asks several things gets the main one answered and the others offered first as buttons.
describe('multi-part procedure questions end to end', () => {
  const assistant = useAssistant();

  it('answers one facet and offers the other asked facets first, in the order asked', async () => {
    const replies = await chat(assistant().url, 'multi-part-1', 'Con em 14 tuổi làm căn cước lần đầu thì mất bao lâu, có làm online được không, cần mang những gì ạ?');
    const facetTitles = replies.at(-1)!.buttons!.filter((b) => b.payload.includes('can-cuoc-cap-moi')).map((b) => b.title);
    const all = ['documents', 'fee', 'duration', 'online', 'where', 'info'];
    const answered = all.filter((f) => !facetTitles.includes(vi(`procedure:facets.${f}`)));
    assert.equal(answered.length, 1, facetTitles.join(', '));
    const asked = ['duration', 'online', 'documents'];
    const expected = [...asked, ...all.filter((f) => !asked.includes(f))].filter((f) => f !== answered[0]);
    assert.deepEqual(facetTitles, expected.map((f) => vi(`procedure:facets.${f}`)));
  });

  it('a one-part question keeps the usual order', async () => {
    const replies = await chat(assistant().url, 'multi-part-2', 'làm căn cước lần đầu cần mang gì');
    const facetTitles = replies.at(-1)!.buttons!.filter((b) => b.payload.includes('can-cuoc-cap-moi')).map((b) => b.title);
    assert.deepEqual(facetTitles, ['fee', 'duration', 'online', 'where', 'info'].map((f) => vi(`procedure:facets.${f}`)));
  });
});
