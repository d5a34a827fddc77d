import assert from 'node:assert/strict';
import { renderZaloReplies } from '../../../src/channels/zalo/zalo-renderer';
import type { Reply } from '../../../src/bot/reply';

const hint = 'Anh/chị gõ số thứ tự để chọn:';
const button = (n: number) => ({ title: `Mục ${n}`, payload: `/procedure_info{"procedure":"p${n}"}` });

describe('Zalo renderer', () => {
  it('numbers buttons under the text, continuing across the replies of one batch', () => {
    const replies: Reply[] = [{ text: 'Dạ, xin chào.' }, { text: 'Chọn lĩnh vực:', buttons: [button(1), button(2)] }, { text: 'Hoặc:', buttons: [button(3)] }];
    const { messages, menu } = renderZaloReplies(replies, { style: 'numbered', menuHint: hint });
    assert.deepEqual(messages, [
      { text: 'Dạ, xin chào.' },
      { text: `Chọn lĩnh vực:\n\n${hint}\n1. Mục 1\n2. Mục 2` },
      { text: `Hoặc:\n\n${hint}\n3. Mục 3` },
    ]);
    assert.deepEqual(menu, [button(1), button(2), button(3)]);
  });

  it('splits a long answer into messages of at most 2000 characters, keeping every word and the menu at the end', () => {
    const sentence = 'Dạ, hồ sơ gồm tờ khai CT01 và giấy tờ chứng minh chỗ ở hợp pháp theo quy định hiện hành. ';
    const text = sentence.repeat(60).trim();
    const { messages } = renderZaloReplies([{ text, buttons: [button(1)] }], { style: 'numbered', menuHint: hint });
    assert.ok(messages.length >= 3);
    for (const m of messages) assert.ok(m.text.length <= 2000, `${m.text.length}`);
    assert.equal(messages.map((m) => m.text).join(' ').replace(/\s+/g, ' '), `${text} ${hint} 1. Mục 1`.replace(/\s+/g, ' '));
    assert.ok(messages.at(-1)!.text.endsWith(`${hint}\n1. Mục 1`));
  });

  it('normalises decomposed Vietnamese before measuring', () => {
    const nfd = 'Thủ tục đăng ký tạm trú'.normalize('NFD');
    const { messages } = renderZaloReplies([{ text: nfd }], { style: 'numbered', menuHint: hint });
    assert.equal(messages[0].text, 'Thủ tục đăng ký tạm trú'.normalize('NFC'));
  });

  it('draws Zalo\'s text-with-buttons template when that style is switched on, numbering lists longer than it takes', () => {
    const { messages, menu } = renderZaloReplies(
      [
        { text: 'Chọn:', buttons: [button(1), button(2)] },
        { text: 'Nhiều mục:', buttons: [1, 2, 3, 4, 5, 6].map((n) => button(n + 2)) },
      ],
      { style: 'template', menuHint: hint },
    );
    assert.deepEqual(messages[0], {
      text: 'Chọn:',
      attachment: {
        type: 'template',
        payload: { buttons: [button(1), button(2)].map((b) => ({ title: b.title, type: 'oa.query.hide', payload: b.payload })) },
      },
    });
    assert.equal(messages[1].attachment, undefined);
    assert.ok(messages[1].text.startsWith(`Nhiều mục:\n\n${hint}\n3. Mục 3\n`));
    assert.equal(menu.length, 8);
  });
});
