import assert from 'node:assert/strict';
import { vi } from '../support/locale';
import { fakeGraph, isolateNetwork, messengerEnv, pageDelivery, postWebhook, textEvent } from '../support/messenger';
import { chat, useAssistant } from '../support/server';
import { deliver, events, eventually, textsTo, userId, useZaloAssistant, zaloRecords } from '../channels/zalo/zalo-support';

// Issue 10: emergencies answered in grades on every channel. Messages written for this file, in no evaluation set.
const ROBBERY = 'Cướp giật điện thoại của tôi rồi chạy mất';
// A sign, not a danger told (round 12: a child not back from school now gets the card, which is no miss for a sign;
// round 23: so does a neighbours' quarrel with a sound of breaking, since writer V's signs train as dangers).
// Round 33: told with nothing else asked, a sign's answer is the line and a calm word to call (intent emergency, grade
// possible); asked something else beside it, the line and that answer.
const POSSIBLE = 'bà tôi dạo này hay quên, sáng nay đi chợ đến giờ chưa thấy về';
const POSSIBLE_ASKING = 'bà tôi hay quên, sáng nay đi chợ đến giờ chưa thấy về, công an phường Tân Thịnh ở đâu';
const NUMBERS = 'gọi cảnh sát số mấy';
const possibleLine = (numbers: string) => vi('emergency.possible', { numbers });

describe('emergency grades (web chat)', () => {
  const assistant = useAssistant();

  it('sure: the card first, police first for a robbery ("chạy" is no fire)', async () => {
    const [card] = await chat(assistant().url, 'grade-sure', ROBBERY);
    assert.ok(card.text.startsWith(vi('emergency.intro')), card.text);
    const at = (n: string) => card.text.indexOf(n);
    assert.ok(at('113') > 0 && at('113') < at('114') && at('113') < at('115'), card.text);
  });

  it('sure: fire first for a fire typed in the VNI-Windows font, decoded on the way in', async () => {
    const [card] = await chat(assistant().url, 'grade-vni', 'Cöùu vôùi, kho haøng sau nhaø ñang chaùy');
    assert.ok(card.text.startsWith(vi('emergency.intro')), card.text);
    assert.ok(card.text.indexOf('114') < card.text.indexOf('113'), card.text);
  });

  it('sure: fire first for a fire typed in telex', async () => {
    const [card] = await chat(assistant().url, 'grade-telex', 'cawn nhaf been canh ddang chasy');
    assert.ok(card.text.startsWith(vi('emergency.intro')), card.text);
    assert.ok(card.text.indexOf('114') < card.text.indexOf('113'), card.text);
  });

  it('possible: one line with the numbers, then the normal answer', async () => {
    const replies = await chat(assistant().url, 'grade-possible', POSSIBLE_ASKING);
    assert.equal(replies[0].text, possibleLine('113 (công an), 115 (cấp cứu), 114 (cứu hỏa, cứu nạn)'));
    assert.ok(replies.length > 1 && !replies.some((r) => r.text.startsWith(vi('emergency.intro')) || r.text === vi('emergency.sign')), 'then the answer');
  });

  it('possible, a sign and nothing else asked: the line and a calm word to call, never the card', async () => {
    const replies = await chat(assistant().url, 'grade-sign', POSSIBLE);
    assert.deepEqual(
      replies.map((r) => r.text),
      [possibleLine('113 (công an), 115 (cấp cứu), 114 (cứu hỏa, cứu nạn)'), vi('emergency.sign')],
    );
  });

  it('none: a film or a suspended business gets its normal answer, no numbers', async () => {
    for (const text of ['phim hôm qua có cảnh cháy nhà ghê quá', 'cơ sở karaoke bị đình chỉ vì không đảm bảo phòng cháy, xin hoạt động lại thế nào']) {
      const replies = await chat(assistant().url, `grade-none-${text.length}`, text);
      // (A crime-report answer may name 113 itself; what must not appear is the card or the line of the grades.)
      const graded = (t: string) => t.startsWith(vi('emergency.intro')) || t.startsWith(possibleLine('').slice(0, -1));
      assert.ok(!replies.some((r) => graded(r.text)), `${text}: ${replies.map((r) => r.text).join(' | ')}`);
    }
  });

  it('sure, and asking which number to call: the card (every number, the fitting one first) is the answer', async () => {
    // Round 36: the parse says the numbers were asked; the card, not the plain list of numbers, answers a danger told now.
    const [card] = await chat(assistant().url, 'grade-sure-asks', 'Bố tôi vừa ngã gục trong bếp, không thở được nữa, tôi phải gọi số nào?');
    assert.ok(card.text.startsWith(vi('emergency.intro')), card.text);
    assert.ok(['113', '114'].every((n) => card.text.indexOf('115') < card.text.indexOf(n)), card.text);
  });

  it('a question for the numbers gets them as an answer, not an alarm', async () => {
    for (const [text, first] of [[NUMBERS, '113'], ['số cứu hỏa là bao nhiêu', '114'], ['số điện thoại khẩn cấp', undefined]] as const) {
      const [answer] = await chat(assistant().url, `numbers-${text.length}`, text);
      assert.ok(answer.text.startsWith(vi('emergency.info')), answer.text);
      for (const n of ['113', '114', '115']) assert.ok(answer.text.includes(n), answer.text);
      if (first) assert.ok(['113', '114', '115'].every((n) => n === first || answer.text.indexOf(first) < answer.text.indexOf(n)), answer.text);
    }
  });
});

describe('emergency grades (Messenger)', () => {
  isolateNetwork();
  const assistant = useAssistant(messengerEnv);

  it('renders the card and the possible line through the Send API', async () => {
    const graph = fakeGraph();
    for (const [psid, text] of [['psid-sure', ROBBERY], ['psid-possible', POSSIBLE]]) {
      const res = await postWebhook(assistant().url, pageDelivery([textEvent(psid, text)]));
      assert.equal(res.status, 200);
      await assistant().assistant.messenger!.idle();
    }
    const to = (psid: string) => graph.messages().filter((m) => (m as { recipient: { id: string } }).recipient.id === psid).map((m) => (m as { message: { text: string } }).message.text);
    assert.ok(to('psid-sure')[0].startsWith(vi('emergency.intro')));
    assert.equal(to('psid-possible')[0], possibleLine('113 (công an), 115 (cấp cứu), 114 (cứu hỏa, cứu nạn)'));
    assert.ok(to('psid-possible').length > 1, 'the normal answer follows');
  });
});

describe('emergency grades (Zalo)', () => {
  const server = useZaloAssistant();

  it('renders the card, and the numbers asked for', async () => {
    const records = zaloRecords();
    const [sure, numbers] = [userId(), userId()];
    await deliver(server().url, events.text(sure, ROBBERY));
    await deliver(server().url, events.text(numbers, NUMBERS));
    await eventually(() => textsTo(records, sure).length > 0 && textsTo(records, numbers).length > 0, 'both answered');
    assert.ok(textsTo(records, sure)[0].startsWith(vi('emergency.intro')));
    assert.ok(textsTo(records, numbers)[0].startsWith(vi('emergency.info')));
  });
});
