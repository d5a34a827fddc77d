import assert from 'node:assert/strict';
import { renderReplies, renderReply } from '../../../src/channels/messenger/messenger-renderer';
import { SHARE_LOCATION_PAYLOAD, type Button } from '../../../src/bot/reply';

const button = (title: string, payload = `/help`): Button => ({ title, payload });
const sentence = 'Dạ, anh/chị mang theo căn cước, tờ khai và ảnh 4x6 đến bộ phận một cửa của Công an xã nơi cư trú. ';

describe('Messenger renderer', () => {
  it('draws one button or many as quick replies under the text', () => {
    assert.deepEqual(renderReply({ text: 'Dạ, không có gì ạ.', buttons: [button('Menu')] }), [
      { text: 'Dạ, không có gì ạ.', quick_replies: [{ content_type: 'text', title: 'Menu', payload: '/help' }] },
    ]);
    const many = Array.from({ length: 5 }, (_, i) => button(`Mục ${i}`, `/procedure_list{"field":"f${i}"}`));
    const [message] = renderReply({ text: 'Chọn lĩnh vực', buttons: many });
    assert.equal((message as { quick_replies: unknown[] }).quick_replies.length, 5);
  });

  it('draws two or three choices as a button template, whose buttons stay in the history', () => {
    assert.deepEqual(renderReply({ text: 'Anh/chị muốn dùng ngôn ngữ nào ạ?', buttons: [button('Tiếng Việt', '/change_language{"language":"vi"}'), button('English', '/change_language{"language":"en"}')] }), [
      {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'button',
            text: 'Anh/chị muốn dùng ngôn ngữ nào ạ?',
            buttons: [
              { type: 'postback', title: 'Tiếng Việt', payload: '/change_language{"language":"vi"}' },
              { type: 'postback', title: 'English', payload: '/change_language{"language":"en"}' },
            ],
          },
        },
      },
    ]);
  });

  it('uses quick replies when the text is too long for a template', () => {
    const text = sentence.repeat(8).trim();
    assert.ok(text.length > 640 && text.length < 1999);
    const [message] = renderReply({ text, buttons: [button('A'), button('B')] });
    assert.equal((message as { text: string }).text, text);
    assert.equal((message as { quick_replies: unknown[] }).quick_replies.length, 2);
  });

  it('splits a long answer at sentence ends under 2000 characters, buttons on the last part only', () => {
    const text = sentence.repeat(60).trim();
    const messages = renderReply({ text, buttons: [button('Menu')] });
    assert.ok(messages.length >= 3);
    for (const [i, m] of messages.entries()) {
      const part = (m as { text: string }).text;
      assert.ok(part.length < 2000, `part ${i}: ${part.length}`);
      assert.ok(part.endsWith('cư trú.'), `part ${i} ends mid-sentence`);
      assert.equal('quick_replies' in m, i === messages.length - 1);
    }
    assert.equal(messages.map((m) => (m as { text: string }).text).join(' '), text);
  });

  it('shortens long titles at a grapheme boundary, leaves out what Messenger cannot do, and keeps the way back past 13', () => {
    const buttons = [
      button('Đăng ký thường trú cho con mới sinh', '/procedure_info{"procedure":"thuong-tru"}'),
      button('Chia sẻ vị trí', SHARE_LOCATION_PAYLOAD),
      button('Quá dài', `/feedback{"x":"${'a'.repeat(1000)}"}`),
      ...Array.from({ length: 14 }, (_, i) => button(`Mục ${i}`, `/procedure_list{"field":"f${i}"}`)),
      button('Menu'),
    ];
    const [message] = renderReply({ text: 'Chọn', buttons });
    const quick = (message as { quick_replies: { title: string; payload: string }[] }).quick_replies;
    assert.equal(quick.length, 13);
    assert.equal(quick[0].title, 'Đăng ký thường trú…');
    assert.ok(quick.every((q) => q.title.length <= 20 && q.payload.length <= 1000));
    assert.ok(!quick.some((q) => q.payload === SHARE_LOCATION_PAYLOAD));
    assert.deepEqual(quick.at(-1), { content_type: 'text', title: 'Menu', payload: '/help' });
  });

  it('keeps replies in order and draws nothing for an empty one', () => {
    assert.deepEqual(renderReplies([{ text: 'Một' }, { text: '  ' }, { text: 'Hai' }]), [{ text: 'Một' }, { text: 'Hai' }]);
  });
});
