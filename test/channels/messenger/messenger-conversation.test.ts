import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { ECHO_METADATA } from '../../../src/channels/messenger/messenger-client';
import type { OfficerSignals } from '../../../src/channels/officer-signals';
import type { ChannelUser } from '../../../src/store';
import { vi } from '../../support/locale';
import { APP_SECRET, fakeGraph, isolateNetwork, messengerEnv, mid, PAGE_ID, PAGE_TOKEN, pageDelivery, postWebhook, textEvent } from '../../support/messenger';
import { chat, useAssistant } from '../../support/server';

/** Officer signals as the hand-off would receive them. */
function recordingOfficers() {
  const heard: string[] = [];
  const signals: OfficerSignals = {
    async officerSpoke(user: ChannelUser, at: Date) {
      heard.push(`spoke ${user.channel}/${user.userId} ${at.toISOString()}`);
    },
    async handedBack(user: ChannelUser) {
      heard.push(`back ${user.channel}/${user.userId}`);
    },
  };
  return { heard, signals };
}

const menuPayloads = [
  ...['cu-tru', 'can-cuoc', 'xuat-nhap-canh', 'giao-thong', 'pccc', 'antt', 'tu-phap'].map((field) => [field, `/procedure_list{"field":"${field}"}`]),
  ['dossier', '/dossier_status'],
  ['office', '/office_location'],
  ['human', '/human_agent'],
];
const mainMenuQuickReplies = menuPayloads.map(([key, payload]) => ({ content_type: 'text', title: vi(`menu.items.${key}`), payload }));
const menuQuickReply = { content_type: 'text', title: vi('menu.button'), payload: '/help' };

/** Writes every non-ASCII character as a \u escape, as Meta may send it. */
const escapeUnicode = (json: string) => json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('Messenger conversation through the real server', () => {
  isolateNetwork();
  const officers = recordingOfficers();
  const assistant = useAssistant(messengerEnv, { officerSignals: officers.signals });
  const url = () => assistant().url;
  const settled = () => assistant().assistant.messenger!.idle();

  /** Posts events (signed), checks the 200 and waits until the channel has handled them. */
  async function deliver(events: unknown[], field: 'messaging' | 'standby' = 'messaging'): Promise<void> {
    const res = await postWebhook(url(), pageDelivery(events, field));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'EVENT_RECEIVED');
    await settled();
  }

  it('answers a text message through the Send API: exact request bodies, signed calls', async () => {
    const graph = fakeGraph();
    await deliver([textEvent('psid-hello', 'xin chào')]);
    assert.deepEqual(graph.messages(), [
      { recipient: { id: 'psid-hello' }, messaging_type: 'RESPONSE', message: { text: vi('greeting'), metadata: ECHO_METADATA } },
      {
        recipient: { id: 'psid-hello' },
        messaging_type: 'RESPONSE',
        message: { text: vi('menu.prompt'), quick_replies: mainMenuQuickReplies, metadata: ECHO_METADATA },
      },
    ]);
    const [call] = graph.calls;
    assert.equal(call.path, '/me/messages');
    assert.equal(call.query.get('access_token'), PAGE_TOKEN);
    assert.equal(call.query.get('appsecret_proof'), createHmac('sha256', APP_SECRET).update(PAGE_TOKEN).digest('hex'));
    const contact = await assistant().assistant.store.contacts.get({ channel: 'messenger', userId: 'psid-hello' });
    assert.equal(contact?.locale, 'vi', 'the citizen action is recorded in contacts');
  });

  it('reads Vietnamese the same whether Meta sends raw UTF-8 or \\u escapes', async () => {
    const graph = fakeGraph();
    const text = 'Tôi muốn làm lại căn cước bị mất thì cần giấy tờ gì';
    const raw = pageDelivery([textEvent('psid-raw', text)]);
    const escaped = escapeUnicode(pageDelivery([textEvent('psid-escaped', text)]));
    assert.ok(escaped.includes('\\u00f4') && !/[^\x00-\x7f]/.test(escaped), 'the escaped body is pure ASCII');
    for (const body of [raw, escaped]) assert.equal((await postWebhook(url(), body)).status, 200);
    await settled();
    const texts = (psid: string) => graph.messages().filter((m) => (m.recipient as { id: string }).id === psid).map((m) => (m.message as { text?: string }).text);
    assert.ok(texts('psid-raw').length > 0);
    assert.deepEqual(texts('psid-escaped'), texts('psid-raw'));
    const web = await chat(url(), 'web-same-question', text);
    assert.equal(texts('psid-raw')[0], web[0].text, 'the same bot answers Messenger and the web chat alike');
  });

  it('asks to shorten a message over MAX_MESSAGE_CHARS instead of running a turn, as the other channels do', async () => {
    const graph = fakeGraph();
    await deliver([textEvent('psid-long', 'căn cước '.repeat(300))]);
    assert.deepEqual(graph.messages().map((m) => (m.message as { text: string }).text), [vi('errors.tooLong', { max: 2000 })]);
    assert.equal(await assistant().assistant.store.state.read('messenger/psid-long'), undefined, 'no turn ran');
  });

  it('processes a redelivered message once', async () => {
    const graph = fakeGraph();
    const body = pageDelivery([textEvent('psid-dup', 'cảm ơn', mid())]);
    const answers = await Promise.all([postWebhook(url(), body), postWebhook(url(), body)]);
    assert.deepEqual(answers.map((r) => r.status), [200, 200]);
    assert.equal((await postWebhook(url(), body)).status, 200);
    await settled();
    assert.deepEqual(graph.messages().map((m) => (m.message as { text: string }).text), [vi('thanks')]);
  });

  it('acknowledges at once while the Send API is slow, and keeps one citizen\'s turns in order', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const graph = fakeGraph(async (_call, n) => {
      if (n === 1) await gate;
      return [200, { recipient_id: 'psid-slow', message_id: `m_${n}` }];
    });
    const first = await postWebhook(url(), pageDelivery([textEvent('psid-slow', 'xin chào')]));
    const second = await postWebhook(url(), pageDelivery([textEvent('psid-slow', 'cảm ơn')]));
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    // The first answer goes out in a turn slot after its turn's; the second turn waits behind it for Meta.
    while (graph.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(graph.calls.length, 1, 'both deliveries were answered while the first send was still waiting for Meta');
    // Long enough for the waiting turn to deserve "typing…" (the adapter shows it after a second).
    await new Promise((r) => setTimeout(r, 1500));
    open();
    await settled();
    const sequence = graph.calls.map((c) => (c.body.sender_action as string) ?? (c.body.message as { text: string }).text);
    assert.deepEqual(sequence, [vi('greeting'), vi('menu.prompt'), 'typing_on', vi('thanks')]);
  });

  it('continues from postback and quick-reply payloads exactly as a web-chat tap', async () => {
    const graph = fakeGraph();
    const tapped = '/procedure_fee{"procedure":"ho-chieu"}';
    await deliver([{ sender: { id: 'psid-postback' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), postback: { mid: mid(), title: 'Lệ phí', payload: tapped } }]);
    await deliver([{ sender: { id: 'psid-quick' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid: mid(), text: 'Lệ phí', quick_reply: { payload: tapped } } }]);
    const web = await chat(url(), 'web-tap', tapped);
    const first = (psid: string) => graph.messages().find((m) => (m.recipient as { id: string }).id === psid)?.message as { text?: string; attachment?: unknown };
    const textOf = (m: { text?: string; attachment?: unknown } | undefined) => m?.text ?? (m?.attachment as { payload: { text: string } } | undefined)?.payload.text;
    assert.equal(textOf(first('psid-postback')), web[0].text);
    assert.equal(textOf(first('psid-quick')), web[0].text);
  });

  it('welcomes Get Started with a referral, and a referral in an existing thread', async () => {
    const graph = fakeGraph();
    await deliver([
      {
        sender: { id: 'psid-start' },
        recipient: { id: PAGE_ID },
        timestamp: Date.now(),
        postback: { mid: mid(), title: 'Bắt đầu', payload: 'GET_STARTED', referral: { ref: 'tram-cong-an-phuong-1', source: 'SHORTLINK', type: 'OPEN_THREAD' } },
      },
    ]);
    await deliver([{ sender: { id: 'psid-ref' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), referral: { ref: 'thu-tuc-ho-chieu', source: 'SHORTLINK', type: 'OPEN_THREAD' } }]);
    for (const psid of ['psid-start', 'psid-ref']) {
      const texts = graph.messages().filter((m) => (m.recipient as { id: string }).id === psid).map((m) => (m.message as { text: string }).text);
      assert.deepEqual(texts, [vi('greeting'), vi('menu.prompt')], psid);
      assert.ok(await assistant().assistant.store.contacts.get({ channel: 'messenger', userId: psid }), 'Get Started is a citizen action');
    }
  });

  describe('attachments get a polite answer', () => {
    const attachmentMessage = (psid: string, attachments: object[], extra: object = {}) => ({
      sender: { id: psid },
      recipient: { id: PAGE_ID },
      timestamp: Date.now(),
      message: { mid: mid(), attachments, ...extra },
    });

    for (const [kind, attachments, key] of [
      ['a photo', [{ type: 'image', payload: { url: 'https://scontent.example/photo.jpg' } }], 'attachment.unsupported'],
      ['a voice message', [{ type: 'audio', payload: { url: 'https://cdn.example/a.mp4' } }], 'attachment.unsupported'],
      ['a video', [{ type: 'video', payload: { url: 'https://cdn.example/v.mp4' } }], 'attachment.unsupported'],
      ['a file', [{ type: 'file', payload: { url: 'https://cdn.example/don.pdf' } }], 'attachment.unsupported'],
      ['a shared link', [{ type: 'fallback', payload: null, title: 'Cổng dịch vụ công' }], 'attachment.unsupported'],
      ['a sticker', [{ type: 'sticker', payload: { url: 'https://cdn.example/s.png', sticker_id: 1234 } }], 'attachment.sticker'],
      ['the like sticker', [{ type: 'image', payload: { url: 'https://cdn.example/like.png', sticker_id: 369239263222822 } }], 'attachment.sticker'],
    ] as const) {
      it(`${kind}: ${key}`, async () => {
        const graph = fakeGraph();
        const psid = `psid-att-${kind.replace(/\W/g, '')}`;
        await deliver([attachmentMessage(psid, [...attachments], kind === 'the like sticker' ? { sticker_id: 369239263222822 } : {})]);
        assert.deepEqual(graph.messages(), [
          { recipient: { id: psid }, messaging_type: 'RESPONSE', message: { text: vi(key), quick_replies: [menuQuickReply], metadata: ECHO_METADATA } },
        ]);
      });
    }

    it('a shared location with coordinates: the nearest offices', async () => {
      const graph = fakeGraph();
      const location = { type: 'location', title: 'Vị trí của tôi', payload: { coordinates: { lat: 21.5942, long: 105.8482 } } };
      await deliver([attachmentMessage('psid-location', [location])]);
      const [first] = graph.messages();
      const text = (first.message as { text?: string; attachment?: { payload: { text: string } } }).text ?? (first.message as { attachment: { payload: { text: string } } }).attachment.payload.text;
      assert.ok(text.startsWith(vi('office:nearest')), text.slice(0, 80));
    });
  });

  it('ignores our own echoes, delivery and read receipts, reactions and unknown events', async () => {
    const graph = fakeGraph();
    const before = officers.heard.length;
    const psid = 'psid-quiet';
    // None of these can change anything: the delivery is answered without being kept in the journal.
    const journal = assistant().assistant.store.inboundJournal;
    const add = journal.add;
    let kept = 0;
    journal.add = (...args) => ((kept += 1), add.apply(journal, args));
    const delivered = deliver([
      { sender: { id: PAGE_ID }, recipient: { id: psid }, timestamp: Date.now(), message: { is_echo: true, app_id: 1517776481860111, metadata: ECHO_METADATA, mid: mid(), text: 'Dạ' } },
      { sender: { id: psid }, recipient: { id: PAGE_ID }, delivery: { mids: [mid()], watermark: Date.now() } },
      { sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), read: { watermark: Date.now() } },
      { sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), reaction: { mid: mid(), action: 'react', reaction: 'love', emoji: '❤' } },
      { sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), something_new: { value: 1 } },
      { sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid: mid() } },
      'not an event',
    ]);
    await delivered.finally(() => (journal.add = add));
    assert.equal(kept, 0, 'not journaled');
    assert.deepEqual(graph.calls, []);
    assert.equal(officers.heard.length, before);
    assert.equal(await assistant().assistant.store.contacts.get({ channel: 'messenger', userId: psid }), undefined);
  });

  it('answers nothing on standby but records that the citizen wrote', async () => {
    const graph = fakeGraph();
    const at = Date.now() - 60_000;
    await deliver([{ sender: { id: 'psid-standby' }, recipient: { id: PAGE_ID }, timestamp: at, message: { mid: mid(), text: 'Cán bộ ơi, hồ sơ của tôi sao rồi?' } }], 'standby');
    assert.deepEqual(graph.calls, []);
    const contact = await assistant().assistant.store.contacts.get({ channel: 'messenger', userId: 'psid-standby' });
    assert.deepEqual(contact?.lastInteractionAt, new Date(at));
  });

  it('tells the hand-off when an officer writes from the Page Inbox, once per echo', async () => {
    const graph = fakeGraph();
    const at = Date.now();
    const echo = { sender: { id: PAGE_ID }, recipient: { id: 'psid-officer' }, timestamp: at, message: { is_echo: true, app_id: 263902037430900, mid: mid(), text: 'Chào anh, tôi là cán bộ trực.' } };
    await deliver([echo]);
    await deliver([echo]);
    await deliver([{ ...echo, message: { ...echo.message, mid: mid() } }], 'standby');
    assert.deepEqual(
      officers.heard.filter((h) => h.includes('psid-officer')),
      [`spoke messenger/psid-officer ${new Date(at).toISOString()}`, `spoke messenger/psid-officer ${new Date(at).toISOString()}`],
    );
    assert.deepEqual(graph.calls, [], 'the bot does not answer an officer');
  });

  it('tells the hand-off when the Page Inbox passes the conversation back', async () => {
    const graph = fakeGraph();
    await deliver([
      { sender: { id: 'psid-back' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), pass_thread_control: { previous_owner_app_id: '263902037430900', new_owner_app_id: '1517776481860111', metadata: 'done' } },
    ]);
    assert.ok(officers.heard.includes('back messenger/psid-back'));
    assert.deepEqual(graph.calls, []);
  });
});
