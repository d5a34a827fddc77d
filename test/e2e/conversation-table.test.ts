import assert from 'node:assert/strict';
import { chat, useAssistant } from '../support/server';
import { en, vi } from '../support/locale';

/** User says → the first reply starts with this translated text (keys, not copied literals). */
const table: [message: string, expected: () => string][] = [
  ['xin chào', () => vi('greeting')],
  ['alo ad oi', () => vi('greeting')],
  ['cảm ơn em nhiều nhé', () => vi('thanks')],
  ['thanks', () => vi('thanks')],
  ['tạm biệt', () => vi('goodbye')],
  ['bot làm được những gì', () => vi('menu.prompt')],
  ['English please', () => en('language.changed')],
  ['có thông báo gì mới không', () => vi('announcement:news.none')],
  ['tôi muốn đăng ký nhận thông báo', () => vi('announcement:subscribed', { topics: vi('announcement:allTopics') })],
  ['bị lừa chuyển khoản qua mạng thì báo ở đâu', () => vi('crime.report')],
  ['nha ben canh dang chay lon', () => vi('emergency.intro')],
  ['có người bị đuối nước ở hồ', () => vi('emergency.intro')],
  ['thời tiết hôm nay thế nào', () => vi('fallback.outOfScope')],
  ['làm sổ đỏ ở đâu', () => vi('fallback.otherAgency', { topic: 'đất đai, sổ đỏ', agency: 'Văn phòng đăng ký đất đai / UBND xã, phường nơi có đất' })],
];

describe('conversation table (user says → first reply)', () => {
  const assistant = useAssistant();

  for (const [message, expected] of table) {
    it(`"${message}"`, async () => {
      const replies = await chat(assistant().url, `table-${message}`, message);
      assert.ok(replies[0].text.startsWith(expected()), `got: ${replies[0].text}`);
    });
  }

  it('logs what it could not answer for content editors', async () => {
    await chat(assistant().url, 'unanswered-1', 'con mèo nhà tôi tên là gì');
    const logged = await assistant().assistant.store.unanswered.list(50);
    assert.ok(logged.some((u) => u.userId === 'unanswered-1' && u.text === 'con mèo nhà tôi tên là gì'));
  });

  it('gives the emergency numbers first, then still answers the procedure the message names', async () => {
    const replies = await chat(assistant().url, 'emergency-and-paperwork', 'cứu với nhà tôi đang cháy, căn cước cháy mất rồi làm lại thế nào');
    assert.ok(replies[0].text.startsWith(vi('emergency.intro')), 'numbers first');
    assert.ok(replies.slice(1).some((r) => r.text.includes('căn cước')), 'then the procedure');
  });

  it('answers a past fire that only explains a paperwork question as paperwork', async () => {
    const replies = await chat(assistant().url, 'past-fire', 'hôm qua nhà tôi bị cháy hết giấy tờ, giờ làm lại căn cước thế nào');
    assert.ok(!replies[0].text.startsWith(vi('emergency.intro')), replies[0].text);
    assert.ok(replies[0].text.includes('căn cước'));
  });

  it('answers the emergency in one short message before anything else', async () => {
    const replies = await chat(assistant().url, 'emergency-short', 'cứu với có cướp đang đánh người');
    assert.equal(replies.length, 1);
    assert.ok(replies[0].text.length < 600);
    for (const n of ['113', '114', '115', '112']) assert.ok(replies[0].text.includes(n));
    assert.ok(replies[0].text.indexOf('113') < replies[0].text.indexOf('114'), 'crime: police first');
  });
});
