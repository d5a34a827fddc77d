import assert from 'node:assert/strict';
import nock from 'nock';
import type { RestMessage } from '../../../src/channels/rest/rest-adapter';
import { chat } from '../../support/server';
import { vi } from '../../support/locale';
import { API_BASE, deliver, escapeUnicode, events, eventually, sentAnswer, textsTo, userId, useZaloAssistant, zaloRecords } from './zalo-support';

/** The numbered menu a Zalo citizen sees for a web-chat reply with buttons. */
function numbered(reply: RestMessage, first = 1): string {
  const list = (reply.buttons ?? []).map((b, i) => `${first + i}. ${b.title}`).join('\n');
  return `${reply.text}\n\n${vi('zalo:menuHint')}\n${list}`;
}

describe('Zalo conversations', () => {
  const server = useZaloAssistant();

  it('answers a text through /v3.0/oa/message/cs with the access_token header and Zalo\'s body shape', async () => {
    const user = userId();
    let headers: Record<string, unknown> | undefined;
    nock(API_BASE)
      .post('/v3.0/oa/message/cs', { recipient: { user_id: user }, message: { text: vi('goodbye') } })
      .reply(function () {
        headers = this.req.headers;
        return [200, sentAnswer()];
      });
    assert.equal((await deliver(server().url, events.text(user, 'tạm biệt'))).status, 200);
    // nock marks the interceptor done when it matches, before the reply runs: wait for the reply itself.
    await eventually(() => headers !== undefined, 'the answer sent to Zalo');
    if (!headers) return assert.fail('no request reached Zalo');
    assert.equal(headers.access_token, 'access-token-1');
    assert.match(String(headers['content-type']), /^application\/json/);
    assert.equal(headers.authorization, undefined, 'Zalo takes the token in its own header, not as a bearer');
  });

  it('understands Vietnamese sent as \\u escapes exactly as raw UTF-8', async () => {
    const records = zaloRecords();
    const [raw, escaped] = [userId(), userId()];
    await deliver(server().url, events.text(raw, 'Làm hộ chiếu cần giấy tờ gì?'));
    await deliver(server().url, escapeUnicode(JSON.stringify(events.text(escaped, 'Làm hộ chiếu cần giấy tờ gì?'))));
    await eventually(() => textsTo(records, raw).length > 0 && textsTo(records, escaped).length > 0, 'both answered');
    assert.deepEqual(textsTo(records, escaped), textsTo(records, raw));
  });

  it('handles a redelivered message once', async () => {
    const records = zaloRecords();
    const user = userId();
    const event = events.text(user, 'cảm ơn');
    assert.equal((await deliver(server().url, event)).status, 200);
    await eventually(() => textsTo(records, user).length === 1, 'the first delivery answered');
    assert.equal((await deliver(server().url, event)).status, 200, 'a redelivery is acknowledged');
    // The citizen's next message runs after anything queued before it: if the redelivery had run, its answer is there.
    await deliver(server().url, events.text(user, 'tạm biệt'));
    await eventually(() => textsTo(records, user).includes(vi('goodbye')), 'the next message answered');
    assert.equal(textsTo(records, user).length, 2);
  });

  it('acknowledges at once while Zalo\'s API is slow, and keeps each citizen\'s answers in order', async () => {
    const user = userId();
    const log: string[] = [];
    const texts: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    nock(API_BASE)
      .persist()
      .post('/v3.0/oa/message/cs')
      .reply(function (_uri, body, callback) {
        texts.push((body as { message: { text: string } }).message.text);
        log.push(`api called ${texts.length}`);
        void slow.then(() => {
          log.push(`api replied ${texts.length}`);
          callback(null, [200, sentAnswer()]);
        });
      });
    assert.equal((await deliver(server().url, events.text(user, 'cảm ơn'))).status, 200);
    log.push('webhook 1 answered');
    assert.equal((await deliver(server().url, events.text(user, 'tạm biệt'))).status, 200);
    log.push('webhook 2 answered');
    await eventually(() => texts.length === 1, 'the first answer reaching Zalo');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(texts.length, 1, 'the second turn waits for the first one\'s send');
    release();
    await eventually(() => texts.length === 2, 'the second answer reaching Zalo');
    assert.ok(log.indexOf('webhook 2 answered') < log.indexOf('api replied 1'), log.join(', '));
    assert.ok(texts[0].startsWith(vi('thanks')));
    assert.equal(texts[1], vi('goodbye'));
  });

  it('draws buttons as a numbered menu, and takes "2" or "số 1" as that button\'s payload', async () => {
    const records = zaloRecords();
    const user = userId();
    const web = await chat(server().url, `web-${user}`, 'xin chào');
    await deliver(server().url, events.text(user, 'xin chào'));
    await eventually(() => textsTo(records, user).length === 2, 'greeting and menu');
    assert.deepEqual(textsTo(records, user), [web[0].text, numbered(web[1])]);

    const second = web[1].buttons![1];
    const tapped = await chat(server().url, `web-${user}`, second.payload);
    await deliver(server().url, events.text(user, '2'));
    await eventually(() => textsTo(records, user).length === 3, 'the answer to "2"');
    assert.equal(textsTo(records, user)[2], numbered(tapped[0]));

    const first = await chat(server().url, `web-${user}`, tapped[0].buttons![0].payload);
    await deliver(server().url, events.text(user, 'Số 1'));
    await eventually(() => textsTo(records, user).length >= 4, 'the answer to "số 1"');
    assert.ok(textsTo(records, user)[3].startsWith(first[0].text.slice(0, 200)), textsTo(records, user)[3].slice(0, 200));
  });

  it('answers a shared location (coordinates as strings) with the nearest offices, as the web chat does', async () => {
    const records = zaloRecords();
    const user = userId();
    const web = await chat(server().url, `web-${user}`, '/office_location{"latitude":21.5937,"longitude":105.848}');
    await deliver(server().url, events.location(user, '21.5937', '105.8480'));
    await eventually(() => textsTo(records, user).length > 0, 'the nearest offices');
    assert.ok(web[0].text.startsWith(vi('office:nearest')));
    assert.equal(textsTo(records, user).join('\n\n'), numbered(web[0]));
  });

  it('refuses a location it cannot read or that lies off the globe, politely', async () => {
    const records = zaloRecords();
    const [north, blank] = [userId(), userId()];
    await deliver(server().url, events.location(north, '91.5', '105.8'));
    await deliver(server().url, events.location(blank, '', ''));
    await eventually(() => textsTo(records, north).length > 0 && textsTo(records, blank).length > 0, 'both answered');
    assert.deepEqual(textsTo(records, north), [vi('zalo:badLocation')]);
    assert.deepEqual(textsTo(records, blank), [vi('zalo:badLocation')]);
    assert.ok(await server().assistant.store.contacts.get({ channel: 'zalo', userId: north }), 'the action is recorded without a bot turn');
  });

  it('asks to shorten a message over MAX_MESSAGE_CHARS instead of reading it, as the other channels do, and records the action', async () => {
    const records = zaloRecords();
    const user = userId();
    await deliver(server().url, events.text(user, 'căn cước '.repeat(300)));
    await eventually(() => textsTo(records, user).length > 0, 'the answer');
    assert.deepEqual(textsTo(records, user), [vi('errors.tooLong', { max: 2000 })]);
    assert.equal(await server().assistant.store.state.read(`zalo/${user}`), undefined, 'nothing was understood or remembered');
    assert.ok(await server().assistant.store.contacts.get({ channel: 'zalo', userId: user }), 'the action opens Zalo\'s window');
  });

  it('tells how to share a location on Zalo when the citizen picks "Chia sẻ vị trí"', async () => {
    const records = zaloRecords();
    const user = userId();
    const web = await chat(server().url, `web-${user}`, 'địa chỉ công an');
    const share = web[0].buttons!.findIndex((b) => b.title === vi('office:shareLocation'));
    await deliver(server().url, events.text(user, 'địa chỉ công an'));
    await eventually(() => textsTo(records, user).length === 1, 'the question');
    await deliver(server().url, events.text(user, String(share + 1)));
    await eventually(() => textsTo(records, user).length === 2, 'the how-to');
    assert.equal(textsTo(records, user)[1], vi('zalo:shareLocation'));
  });

  it('answers pictures, stickers, files, voice and business cards with the bot\'s polite text, and records the action', async () => {
    const records = zaloRecords();
    const kinds: [string, string][] = [
      ['user_send_image', 'image'],
      ['user_send_sticker', 'sticker'],
      ['user_send_file', 'file'],
      ['user_send_audio', 'audio'],
      ['user_send_video', 'video'],
      ['user_send_gif', 'gif'],
      ['user_send_link', 'link'],
      ['user_send_business_card', 'link'],
    ];
    const users = kinds.map(() => userId());
    for (const [i, [event, type]] of kinds.entries()) assert.equal((await deliver(server().url, events.attachment(users[i], event, type))).status, 200);
    await eventually(() => users.every((u) => textsTo(records, u).length === 1), 'every attachment answered');
    const withMenu = (key: string) => `${vi(key)}\n\n${vi('zalo:menuHint')}\n1. ${vi('menu.button')}`;
    for (const [i, u] of users.entries()) {
      assert.deepEqual(textsTo(records, u), [withMenu(kinds[i]![1] === 'sticker' ? 'attachment.sticker' : 'attachment.unsupported')], kinds[i]![0]);
      // The citizen acted: Zalo's 7-day window for notices and officers' replies counts from it.
      assert.ok(await server().assistant.store.contacts.get({ channel: 'zalo', userId: u }), `${kinds[i]![0]} recorded`);
    }
  });

  it('records a follow as an interaction and welcomes; records an unfollow', async () => {
    const records = zaloRecords();
    const user = userId();
    const at = Date.now() - 1000;
    const web = await chat(server().url, `web-${user}`, 'xin chào');
    await deliver(server().url, events.follow(user, 'follow', at));
    await eventually(() => textsTo(records, user).length === 2, 'the welcome');
    assert.deepEqual(textsTo(records, user), [web[0].text, numbered(web[1])]);
    const contacts = server().assistant.store.contacts;
    const followed = await contacts.get({ channel: 'zalo', userId: user });
    assert.equal(followed?.following, true);
    assert.deepEqual(followed?.lastInteractionAt, new Date(at));

    await deliver(server().url, events.follow(user, 'unfollow', at + 500));
    await eventually(async () => (await contacts.get({ channel: 'zalo', userId: user }))?.following === false, 'the unfollow recorded');
    assert.equal(textsTo(records, user).length, 2, 'nothing is sent to someone who left');
  });

  it('welcomes a citizen who pressed "Nhắn tin" (user_click_chatnow)', async () => {
    const records = zaloRecords();
    const user = userId();
    await deliver(server().url, events.chatNow(user));
    await eventually(() => textsTo(records, user).length === 2, 'the welcome');
    assert.equal(textsTo(records, user)[0], vi('greeting'));
  });
});

describe('Zalo sender (by channel name, for announcements and officers)', () => {
  const server = useZaloAssistant();
  const sender = () => server().assistant.senders.get('zalo') ?? assert.fail('no Zalo sender');
  const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600_000);

  it('refuses locally, without calling Zalo, when the citizen last acted more than 7 days ago', async () => {
    const user = userId();
    await server().assistant.store.contacts.recordInteraction({ channel: 'zalo', userId: user }, daysAgo(8));
    const result = await sender().send(user, [{ text: 'Thông báo' }], 'notice');
    assert.deepEqual(result, { ok: false, failure: 'window_closed', detail: 'last interaction more than 7 days ago' });
  });

  it('sends within the window and answers Zalo\'s message ids', async () => {
    const records = zaloRecords();
    const user = userId();
    await server().assistant.store.contacts.recordInteraction({ channel: 'zalo', userId: user }, daysAgo(6));
    const result = await sender().send(user, [{ text: 'Dạ, hồ sơ của anh/chị đã có kết quả.' }], 'notice');
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.messageIds.length, 1);
    assert.deepEqual(textsTo(records, user), ['Dạ, hồ sơ của anh/chị đã có kết quả.']);
  });

  it('maps Zalo\'s -230 to window_closed without retrying', async () => {
    const user = userId();
    await server().assistant.store.contacts.recordInteraction({ channel: 'zalo', userId: user }, daysAgo(1));
    const scope = nock(API_BASE).post('/v3.0/oa/message/cs').once().reply(200, { error: -230, message: 'User has not interacted with the OA in the past 7 days' });
    const result = await sender().send(user, [{ text: 'Thông báo' }], 'announcement');
    assert.deepEqual(result, { ok: false, failure: 'window_closed', code: '-230', detail: 'User has not interacted with the OA in the past 7 days', nothingSent: true });
    assert.ok(scope.isDone());
  });

  it('marks a citizen Zalo calls unreachable (-227) and never calls Zalo for them again', async () => {
    const user = userId();
    const contact = { channel: 'zalo', userId: user };
    await server().assistant.store.contacts.recordInteraction(contact, daysAgo(1));
    nock(API_BASE).post('/v3.0/oa/message/cs').once().reply(200, { error: -227, message: 'User was banned or inactive more than 45 days' });
    assert.equal((await sender().send(user, [{ text: 'Thông báo' }], 'announcement')).ok, false);
    assert.ok((await server().assistant.store.contacts.get(contact))?.unreachableAt instanceof Date);
    const again = await sender().send(user, [{ text: 'Thông báo' }], 'announcement');
    assert.equal(!again.ok && again.failure, 'unreachable');
  });
});
