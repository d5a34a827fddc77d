import assert from 'node:assert/strict';
import { ECHO_METADATA } from '../../src/channels/messenger/messenger-client';
import { startAdminServer, type AdminServer } from '../admin/admin-server';
import { vi } from '../support/locale';
import { fakeGraph, isolateNetwork, messengerEnv, mid, PAGE_ID, pageDelivery, postWebhook, type GraphCall } from '../support/messenger';
import { manualClock, type ManualClock } from '../store/contract/clock-contract';

// Monday 13 April 2026, 09:00 in Thái Nguyên: working hours.
const MONDAY_MORNING = '2026-04-13T02:00:00.000Z';
const HOUR_MS = 3600_000;
const PAUSE_MINUTES = 30;
/** The Page Inbox (MESSENGER_INBOX_APP_ID's default) and our own app, as Meta names them in handover events. */
const INBOX_APP_ID = '263902037430900';
const OUR_APP_ID = '1517776481860111';

/**
 * The Graph API with Meta's thread control: a conversation belongs to our app until it is passed to another app, and
 * only the app holding it may send (otherwise error 10/2018300), as the Messenger Platform documents.
 */
function graphWithThreadControl() {
  const inboxHolds = new Set<string>();
  const psidOf = (call: GraphCall) => (call.body.recipient as { id: string }).id;
  const graph = fakeGraph((call, n) => {
    if (call.path === '/me/pass_thread_control') {
      if (call.body.target_app_id === INBOX_APP_ID) inboxHolds.add(psidOf(call));
      return [200, { success: true }];
    }
    if (call.path === '/me/take_thread_control') {
      inboxHolds.delete(psidOf(call));
      return [200, { success: true }];
    }
    if (inboxHolds.has(psidOf(call))) {
      return [400, { error: { message: '(#10) This app is not the thread owner', type: 'OAuthException', code: 10, error_subcode: 2018300, fbtrace_id: 'A1' } }];
    }
    return [200, { recipient_id: psidOf(call), message_id: `m_sent_${n}` }];
  });
  return {
    ...graph,
    /** The Page Inbox marks the conversation done in Meta Business Suite: the thread comes back to our app. */
    inboxIsDone: (psid: string) => inboxHolds.delete(psid),
    /** Each call as [edge, what was sent]: the text of a message, the target app of a pass, or the step. */
    steps: () =>
      graph.calls.map((c) => {
        const message = c.body.message as { text?: string } | undefined;
        if (message) return [c.path, c.body.messaging_type, c.body.tag ?? null, message.text];
        if (c.path === '/me/pass_thread_control') return [c.path, c.body.target_app_id, c.body.metadata];
        return [c.path, c.body.metadata ?? c.body.sender_action];
      }),
  };
}

describe('hand-off on Messenger, through the real server with the Graph API at the edge', () => {
  isolateNetwork();
  let server: AdminServer;
  let clock: ManualClock;
  let desk: string;

  before(async () => {
    clock = manualClock(MONDAY_MORNING);
    server = await startAdminServer({ ...messengerEnv, HANDOFF_BOT_PAUSE_MINUTES: String(PAUSE_MINUTES) }, { now: clock.now });
    desk = await server.staff('motcua1', ['desk']);
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => clock.set(MONDAY_MORNING));

  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString());
  const settled = () => server.running.assistant.messenger!.idle();
  /** Posts events as Meta would (signed) and waits until the channel has handled them. */
  async function deliver(events: unknown[], field: 'messaging' | 'standby' = 'messaging'): Promise<void> {
    const res = await postWebhook(server.url, pageDelivery(events, field));
    assert.equal(res.status, 200);
    await settled();
  }
  /** A citizen's message, stamped with the test's clock as Meta stamps it with the time it was sent. */
  const message = (psid: string, text: string) => ({ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: clock.now().getTime(), message: { mid: mid(), text } });
  /** Meta's handover event: the conversation now belongs to `newOwner`. */
  const handover = (psid: string, previousOwner: string, newOwner: string) => ({
    sender: { id: psid },
    recipient: { id: PAGE_ID },
    timestamp: clock.now().getTime(),
    pass_thread_control: { previous_owner_app_id: previousOwner, new_owner_app_id: newOwner, metadata: '' },
  });
  const referenceIn = (text: string) => /HT-\d{8}-\d{4}/.exec(text)?.[0] ?? assert.fail(`no reference in "${text}"`);
  const sentTexts = (graph: ReturnType<typeof fakeGraph>) => graph.messages().map((m) => (m.message as { text: string }).text);
  async function askForOfficer(graph: ReturnType<typeof fakeGraph>, psid: string): Promise<string> {
    await deliver([message(psid, 'cho tôi gặp cán bộ')]);
    const answer = sentTexts(graph).find((t) => /HT-\d{8}-\d{4}/.test(t)) ?? assert.fail(`no hand-off answer in ${JSON.stringify(sentTexts(graph))}`);
    const id = referenceIn(answer);
    assert.ok(answer.startsWith(vi('handoff:opened', { reference: id })), answer);
    return id;
  }
  const transcript = async (id: string) =>
    ((await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk })).body.transcript as { from: string; text: string; officer?: string; failure?: string }[]).map(
      (l) => [l.from, l.text],
    );
  const handoff = async (id: string) => (await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk })).body.handoff;

  it('passes the thread to the Page Inbox when an officer claims, and takes it to send the officer\'s console reply', async () => {
    const graph = graphWithThreadControl();
    const psid = 'psid-ho-claim';
    await deliver([message(psid, 'làm hộ chiếu cần giấy tờ gì')]);
    const id = await askForOfficer(graph, psid);
    assert.ok(sentTexts(graph).some((t) => t.includes(vi('handoff:onDuty'))));
    const queued = (await server.call('GET', '/api/admin/handoffs', { token: desk })).body.handoffs.find((h: { id: string }) => h.id === id);
    assert.deepEqual([queued.channel, queued.userId, queued.status], ['messenger', psid, 'waiting']);

    graph.calls.length = 0;
    later(HOUR_MS);
    const claimed = await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });
    assert.deepEqual([claimed.status, claimed.body.notice, claimed.body.handoff.botPaused], [200, { sent: true }, true]);
    // Meta tells every subscribed app that the Page Inbox owns the conversation now: not a hand-back.
    await deliver([handover(psid, OUR_APP_ID, INBOX_APP_ID)]);
    assert.deepEqual(graph.steps(), [
      ['/me/messages', 'RESPONSE', null, vi('handoff:claimed', { reference: id })],
      ['/me/pass_thread_control', INBOX_APP_ID, 'handoff: the citizen asked for an officer'],
    ]);

    graph.calls.length = 0;
    const reply = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Chào anh, anh cần làm hộ chiếu lần đầu phải không ạ?' } });
    assert.deepEqual([reply.status, reply.body.delivery], [201, { sent: true }]);
    const said = vi('handoff:officerSays', { text: 'Chào anh, anh cần làm hộ chiếu lần đầu phải không ạ?' });
    assert.deepEqual(graph.steps(), [
      ['/me/messages', 'RESPONSE', null, said],
      ['/me/take_thread_control', 'handoff: an officer answers from the console'],
      ['/me/messages', 'RESPONSE', null, said],
    ]);
    assert.ok(graph.messages().every((m) => (m.message as { metadata?: string }).metadata === ECHO_METADATA));
    assert.equal((await handoff(id)).status, 'engaged');
  });

  it('tags an officer\'s reply HUMAN_AGENT between 24 hours and 7 days, and reports the closed window after 7 days', async () => {
    const graph = graphWithThreadControl();
    const psid = 'psid-ho-window';
    const id = await askForOfficer(graph, psid);
    const asked = clock.now().getTime();
    await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });

    graph.calls.length = 0;
    clock.set(new Date(asked + 23 * HOUR_MS).toISOString());
    await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Anh còn ở đó không ạ?' } });
    clock.set(new Date(asked + 25 * HOUR_MS).toISOString());
    const tagged = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Hồ sơ của anh đã xong.' } });
    assert.deepEqual(tagged.body.delivery, { sent: true });
    clock.set(new Date(asked + 7 * 24 * HOUR_MS - 60_000).toISOString());
    await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Mời anh đến nhận kết quả.' } });
    assert.deepEqual(
      graph.messages().map((m) => [m.messaging_type, m.tag ?? null, (m.message as { text: string }).text]),
      [
        ['RESPONSE', null, vi('handoff:officerSays', { text: 'Anh còn ở đó không ạ?' })],
        ['RESPONSE', null, vi('handoff:officerSays', { text: 'Anh còn ở đó không ạ?' })],
        ['MESSAGE_TAG', 'HUMAN_AGENT', vi('handoff:officerSays', { text: 'Hồ sơ của anh đã xong.' })],
        ['MESSAGE_TAG', 'HUMAN_AGENT', vi('handoff:officerSays', { text: 'Mời anh đến nhận kết quả.' })],
      ],
      'the first reply found the thread with the Page Inbox and took it; the next ones needed no take',
    );

    graph.calls.length = 0;
    clock.set(new Date(asked + 7 * 24 * HOUR_MS + 60_000).toISOString());
    const late = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Anh còn cần hỗ trợ không?' } });
    assert.deepEqual([late.status, late.body.delivery], [201, { sent: false, failure: 'window_closed' }]);
    assert.deepEqual(graph.calls, [], 'a closed window costs no call');
    const lines = await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk });
    assert.deepEqual(lines.body.transcript.at(-1), { at: clock.now().toISOString(), from: 'officer', text: 'Anh còn cần hỗ trợ không?', officer: 'motcua1', failure: 'window_closed' });
  });

  it('keeps what the citizen and the officer say on standby for the console, answering nothing but an emergency', async () => {
    const graph = graphWithThreadControl();
    const psid = 'psid-ho-standby';
    const id = await askForOfficer(graph, psid);
    await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });
    await deliver([handover(psid, OUR_APP_ID, INBOX_APP_ID)]);

    graph.calls.length = 0;
    later(5 * 60_000);
    await deliver([message(psid, 'tôi ở phường Phan Đình Phùng, cần làm hộ chiếu')], 'standby');
    await deliver([{ postback: { mid: mid(), title: 'Menu', payload: '/help' }, sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: clock.now().getTime() }], 'standby');
    const echo = { sender: { id: PAGE_ID }, recipient: { id: psid }, timestamp: clock.now().getTime(), message: { is_echo: true, app_id: Number(INBOX_APP_ID), mid: mid(), text: 'Dạ anh chờ em kiểm tra một chút.' } };
    await deliver([echo], 'standby');
    assert.deepEqual(graph.calls, [], 'nothing is said over the officer, not even "typing…"');
    assert.equal((await handoff(id)).botPaused, true);

    await deliver([message(psid, 'cứu với nhà tôi đang cháy')], 'standby');
    const [refused, take, emergency] = graph.steps();
    assert.equal(graph.calls.length, 3, JSON.stringify(graph.steps()));
    assert.deepEqual(take, ['/me/take_thread_control', 'the assistant answers the citizen']);
    assert.deepEqual(refused, emergency, 'refused while the Page Inbox held the thread, sent once the bot took it');
    assert.ok(String(emergency![3]).startsWith(vi('emergency.intro')), String(emergency![3]));
    assert.equal(emergency![1], 'RESPONSE');

    assert.deepEqual((await transcript(id)).slice(-5), [
      ['citizen', 'tôi ở phường Phan Đình Phùng, cần làm hộ chiếu'],
      ['citizen', '/help'],
      ['officer', 'Dạ anh chờ em kiểm tra một chút.'],
      ['citizen', 'cứu với nhà tôi đang cháy'],
      ['bot', emergency![3]],
    ]);
  });

  it('pauses the bot when an officer writes from the Page Inbox, and resumes it, telling the citizen, when the inbox is done', async () => {
    const graph = graphWithThreadControl();
    const psid = 'psid-ho-inbox';
    const id = await askForOfficer(graph, psid);

    graph.calls.length = 0;
    later(2 * 60_000);
    const echo = { sender: { id: PAGE_ID }, recipient: { id: psid }, timestamp: clock.now().getTime(), message: { is_echo: true, app_id: Number(INBOX_APP_ID), mid: mid(), text: 'Chào chị, em là cán bộ trực ban.' } };
    await deliver([echo]);
    await deliver([echo]);
    const engaged = await handoff(id);
    assert.deepEqual([engaged.status, engaged.botPaused, engaged.claimedBy], ['engaged', true, undefined]);
    later(60_000);
    await deliver([message(psid, 'dạ em cần hỏi về tạm trú')]);
    assert.deepEqual(graph.calls, [], 'the bot does not talk over the officer');
    assert.deepEqual((await transcript(id)).slice(-2), [
      ['officer', 'Chào chị, em là cán bộ trực ban.'],
      ['citizen', 'dạ em cần hỏi về tạm trú'],
    ]);

    // The officer marks the conversation done in Meta Business Suite: the Page Inbox passes the thread back to us.
    later(10 * 60_000);
    await deliver([handover(psid, INBOX_APP_ID, OUR_APP_ID)]);
    assert.equal((await handoff(id)).status, 'closed');
    assert.deepEqual(graph.steps(), [['/me/messages', 'RESPONSE', null, vi('handoff:closed', { reference: id })]], 'no take: the thread is already ours');
    const audit = await server.call('GET', `/api/admin/audit?target=${id}`, { token: await server.login('chief', 'tram gac sang som 47 ngon') });
    assert.deepEqual(audit.body.entries.map((e: { action: string; actor: string }) => [e.action, e.actor]), [['handoff.close', 'platform:messenger']]);

    graph.calls.length = 0;
    await deliver([message(psid, 'xin chào')]);
    assert.equal(sentTexts(graph)[0], vi('greeting'), 'the bot answers again');
  });

  it('stays quiet past the pause while the Page Inbox holds the thread, until the inbox hands it back', async () => {
    const graph = graphWithThreadControl();
    const psid = 'psid-ho-inbox-holds';
    await deliver([message(psid, 'làm hộ chiếu cần giấy tờ gì')]);
    // An officer answers in the Page Inbox, which takes the conversation: Meta tells us, and echoes on standby.
    await deliver([handover(psid, OUR_APP_ID, INBOX_APP_ID)]);
    const echo = { sender: { id: PAGE_ID }, recipient: { id: psid }, timestamp: clock.now().getTime(), message: { is_echo: true, app_id: Number(INBOX_APP_ID), mid: mid(), text: 'Anh cho em xin số điện thoại ạ.' } };
    await deliver([echo], 'standby');

    graph.calls.length = 0;
    later((PAUSE_MINUTES + 10) * 60_000);
    await deliver([message(psid, 'số của tôi là 0912 345 678')], 'standby');
    assert.deepEqual(graph.calls, [], 'the thread is not the bot\'s: the pause running out changes nothing');
    const { handoffs } = (await server.call('GET', '/api/admin/handoffs', { token: desk })).body;
    const opened = handoffs.find((h: { userId: string }) => h.userId === psid);
    assert.deepEqual([opened.reason, opened.newFromCitizen], ['officer_wrote', true]);
    assert.deepEqual(await transcript(opened.id), [
      ['officer', 'Anh cho em xin số điện thoại ạ.'],
      ['citizen', 'số của tôi là 0912 345 678'],
    ]);

    await deliver([handover(psid, INBOX_APP_ID, OUR_APP_ID)]);
    assert.deepEqual(graph.steps(), [['/me/messages', 'RESPONSE', null, vi('handoff:closed', { reference: opened.id })]]);
  });

  it('takes the thread back from the Page Inbox when the officer closes in the console, then tells the citizen', async () => {
    const graph = graphWithThreadControl();
    const psid = 'psid-ho-close';
    const id = await askForOfficer(graph, psid);
    await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });
    await deliver([handover(psid, OUR_APP_ID, INBOX_APP_ID)]);

    graph.calls.length = 0;
    const closed = await server.call('POST', `/api/admin/handoffs/${id}/close`, { token: desk });
    assert.deepEqual([closed.status, closed.body.closed, closed.body.notice], [200, true, { sent: true }]);
    assert.deepEqual(graph.steps(), [
      ['/me/take_thread_control', 'handoff closed: the assistant answers again'],
      ['/me/messages', 'RESPONSE', null, vi('handoff:closed', { reference: id })],
    ]);
    assert.deepEqual(graph.messages()[0]!.message, { text: vi('handoff:closed', { reference: id }), quick_replies: [{ content_type: 'text', title: vi('menu.button'), payload: '/help' }], metadata: ECHO_METADATA });

    graph.calls.length = 0;
    await deliver([message(psid, 'xin chào')]);
    assert.equal(sentTexts(graph)[0], vi('greeting'));
  });

  it('tells a citizen who asks out of office hours that no officer is on duty, when one will answer, and the reference', async () => {
    clock.set('2026-04-18T03:00:00.000Z'); // Saturday 18 April 2026, 10:00 in Thái Nguyên
    const graph = graphWithThreadControl();
    const id = await askForOfficer(graph, 'psid-ho-weekend');
    assert.match(id, /^HT-20260418-\d{4}$/);
    const [answer] = graph.messages();
    assert.equal(answer!.messaging_type, 'RESPONSE');
    const text = (answer!.message as { text: string }).text;
    const hours = 'Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00';
    assert.ok(text.includes(vi('handoff:offDuty', { hours, next: '07:30 Thứ Hai 20/04/2026' })), text);
    assert.ok(!text.includes(vi('handoff:onDuty')));
    assert.ok(text.includes(vi('handoff:urgent')));
    assert.deepEqual(graph.calls.filter((c) => c.path !== '/me/messages'), [], 'nothing is passed to an empty Page Inbox');
  });
});
