import assert from 'node:assert/strict';
import nock from 'nock';
import { ECHO_METADATA } from '../../../src/channels/messenger/messenger-client';
import { ThreadControlError } from '../../../src/channels/messenger/messenger-handoff';
import type { ChannelSender } from '../../../src/channels/outbound/channel-sender';
import { vi } from '../../support/locale';
import { fakeGraph, GRAPH_HOST, isolateNetwork, messengerEnv, pageDelivery, postWebhook, textEvent } from '../../support/messenger';
import { useAssistant } from '../../support/server';

const HOUR = 3600_000;
const graphError = (status: number, code: number, subcode?: number, message = `(#${code}) error`): [number, object] => [
  status,
  { error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbCdEf' } },
];

describe('Messenger sending: retries, failures named for the next move, windows', () => {
  isolateNetwork();
  const assistant = useAssistant(messengerEnv);
  const sender = (): ChannelSender => assistant().assistant.senders.get('messenger')!;
  const contacts = () => assistant().assistant.store.contacts;
  const user = (userId: string) => ({ channel: 'messenger', userId });
  const actedAgo = (userId: string, ms: number) => contacts().recordInteraction(user(userId), new Date(Date.now() - ms));
  const reply = [{ text: 'Dạ, hồ sơ của anh/chị đã có kết quả.' }];
  const metrics = async () => (await fetch(`${assistant().url}/metrics`)).text();

  async function converse(psid: string, text: string): Promise<void> {
    assert.equal((await postWebhook(assistant().url, pageDelivery([textEvent(psid, text)]))).status, 200);
    await assistant().assistant.messenger!.idle();
  }

  it('retries a 500 and delivers on the next attempt', async () => {
    const graph = fakeGraph((_c, n) => (n === 1 ? [500, { error: { message: 'An unknown error occurred', code: 1 } }] : [200, { message_id: `m_${n}` }]));
    await converse('psid-500', 'cảm ơn');
    assert.equal(graph.calls.length, 2);
    assert.deepEqual(graph.calls[0].body, graph.calls[1].body, 'the same message, sent again');
    assert.equal((graph.calls[1].body.message as { text: string }).text, vi('thanks'));
  });

  it('does not retry a permanent error (100) and stops the reply there', async () => {
    const graph = fakeGraph(() => graphError(400, 100, undefined, '(#100) Invalid parameter'));
    await converse('psid-100', 'xin chào');
    assert.equal(graph.calls.length, 1, 'neither retried nor followed by the next part');
    assert.match(await metrics(), /assistant_channel_sends_total\{channel="messenger",purpose="reply",result="rejected"\} 1/);
  });

  it('retries a rate limit (613) and then names it', async () => {
    const graph = fakeGraph(() => graphError(400, 613));
    await actedAgo('psid-613', HOUR);
    const result = await sender().send('psid-613', reply, 'notice');
    assert.deepEqual(result, { ok: false, failure: 'rate_limited', code: '613', detail: '(#613) error', nothingSent: true });
    assert.equal(graph.calls.length, 4, 'four attempts in all');
  });

  it('hands a Retry-After longer than its backoff back to the caller without waiting', async () => {
    // One answer only: a second attempt would find no mock and fail as a network error instead.
    const scope = nock(GRAPH_HOST).post(/.*/).query(true).once().reply(429, { error: { message: 'Too many calls', code: 4 } }, { 'Retry-After': '120' });
    await actedAgo('psid-429', HOUR);
    const result = await sender().send('psid-429', reply, 'notice');
    assert.deepEqual(result, { ok: false, failure: 'rate_limited', code: '4', detail: 'Too many calls', retryAfterSeconds: 120, nothingSent: true });
    assert.ok(scope.isDone());
  });

  it('retries network errors and then reports a temporary failure', async () => {
    nock(GRAPH_HOST).post(/.*/).query(true).times(4).replyWithError('socket hang up');
    await actedAgo('psid-net', HOUR);
    const result = await sender().send('psid-net', reply, 'reply');
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.failure, 'temporary');
    assert.ok(nock.isDone(), 'all four attempts were made');
  });

  it('names Meta\'s window error (10/2018278) window_closed, without retrying', async () => {
    const graph = fakeGraph(() => graphError(400, 10, 2018278, '(#10) This message is sent outside of allowed window.'));
    await actedAgo('psid-window', 23 * HOUR);
    const result = await sender().send('psid-window', reply, 'notice');
    assert.equal(!result.ok && result.failure, 'window_closed');
    assert.equal(!result.ok && result.code, '10/2018278');
    assert.equal(graph.calls.length, 1);
  });

  it('refuses locally, without calling Meta, when contacts say the window is closed', async () => {
    const graph = fakeGraph();
    await actedAgo('psid-old', 25 * HOUR);
    await actedAgo('psid-older', 8 * 24 * HOUR);
    for (const purpose of ['reply', 'notice', 'announcement'] as const) {
      const result = await sender().send('psid-old', reply, purpose);
      assert.equal(!result.ok && result.failure, 'window_closed', purpose);
    }
    assert.equal(((await sender().send('psid-older', reply, 'officer')) as { failure: string }).failure, 'window_closed', 'HUMAN_AGENT ends after 7 days');
    assert.equal(((await sender().send('psid-never', reply, 'notice')) as { failure: string }).failure, 'window_closed', 'no recorded action, no window');
    assert.deepEqual(graph.calls, []);
  });

  it('sends inside the window as RESPONSE or UPDATE, and an officer\'s late answer with the HUMAN_AGENT tag', async () => {
    const graph = fakeGraph();
    await actedAgo('psid-fresh', HOUR);
    await actedAgo('psid-3days', 3 * 24 * HOUR);
    for (const purpose of ['reply', 'officer', 'notice', 'announcement'] as const) assert.equal((await sender().send('psid-fresh', reply, purpose)).ok, true);
    const late = await sender().send('psid-3days', [{ text: 'Chào anh, tôi là cán bộ trực.' }], 'officer');
    assert.deepEqual(late, { ok: true, messageIds: ['m_sent_5'] });
    assert.deepEqual(
      graph.messages().map((m) => [m.messaging_type, m.tag]),
      [['RESPONSE', undefined], ['RESPONSE', undefined], ['UPDATE', undefined], ['UPDATE', undefined], ['MESSAGE_TAG', 'HUMAN_AGENT']],
    );
    assert.deepEqual(graph.messages()[4], {
      recipient: { id: 'psid-3days' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Chào anh, tôi là cán bộ trực.', metadata: ECHO_METADATA },
    });
  });

  it('marks a citizen Meta calls unavailable (551) unreachable, and reachable again once they write', async () => {
    let blocked = true;
    const graph = fakeGraph((_c, n) => (blocked ? graphError(400, 551, 1545041, "This person isn't available right now.") : [200, { message_id: `m_${n}` }]));
    await converse('psid-blocked', 'cảm ơn');
    assert.ok((await contacts().get(user('psid-blocked')))?.unreachableAt, 'marked unreachable');
    const calls = graph.calls.length;
    const later = await sender().send('psid-blocked', reply, 'notice');
    assert.equal(!later.ok && later.failure, 'unreachable');
    assert.equal(graph.calls.length, calls, 'no call for an unreachable citizen');
    blocked = false;
    await converse('psid-blocked', 'xin chào');
    assert.equal((await contacts().get(user('psid-blocked')))?.unreachableAt, undefined);
    assert.ok(graph.messages().some((m) => (m.message as { text?: string }).text === vi('greeting')));
  });

  it('reports the channel not ready when Meta refuses the token (190), until a call goes through again', async () => {
    let refused = true;
    fakeGraph((_c, n) => (refused ? graphError(400, 190, 460, 'Error validating access token') : [200, { message_id: `m_${n}` }]));
    await actedAgo('psid-token', HOUR);
    const result = await sender().send('psid-token', reply, 'notice');
    assert.equal(!result.ok && result.failure, 'auth');
    const ready = await fetch(`${assistant().url}/readyz`);
    assert.equal(ready.status, 503);
    const body = (await ready.json()) as { checks: { name: string; ok: boolean; error?: string }[] };
    const messenger = body.checks.find((c) => c.name === 'messenger');
    assert.equal(messenger?.ok, false);
    assert.match(messenger?.error ?? '', /190/);
    assert.match(await metrics(), /assistant_channel_ready\{channel="messenger"\} 0/);
    refused = false;
    assert.equal((await sender().send('psid-token', reply, 'notice')).ok, true);
    assert.equal((await fetch(`${assistant().url}/readyz`)).status, 200);
    assert.match(await metrics(), /assistant_channel_ready\{channel="messenger"\} 1/);
  });

  it('names "another app controls the thread" (10/2018300) handed_over when the thread cannot be taken, and never takes it for a notice', async () => {
    const graph = fakeGraph(() => graphError(400, 10, 2018300));
    await actedAgo('psid-inbox', HOUR);
    const result = await sender().send('psid-inbox', reply, 'officer');
    assert.equal(!result.ok && result.failure, 'handed_over');
    assert.deepEqual(graph.calls.map((c) => c.path), ['/me/messages', '/me/take_thread_control'], 'one try to take the thread, no resend');
    graph.calls.length = 0;
    const notice = await sender().send('psid-inbox', reply, 'notice');
    assert.equal(!notice.ok && notice.failure, 'handed_over');
    assert.deepEqual(graph.calls.map((c) => c.path), ['/me/messages'], 'a notice waits for the thread');
  });

  it('passes a conversation to the Page Inbox and takes it back', async () => {
    const graph = fakeGraph(() => [200, { success: true }]);
    const control = assistant().assistant.handoffControls.get('messenger')!;
    await control.officerTakesOver('psid-handoff');
    await control.botTakesBack('psid-handoff');
    assert.deepEqual(
      graph.calls.map((c) => [c.path, c.body]),
      [
        ['/me/pass_thread_control', { recipient: { id: 'psid-handoff' }, target_app_id: '263902037430900', metadata: 'handoff: the citizen asked for an officer' }],
        ['/me/take_thread_control', { recipient: { id: 'psid-handoff' }, metadata: 'handoff closed: the assistant answers again' }],
      ],
    );
    nock.cleanAll();
    fakeGraph(() => graphError(400, 10, 2018300));
    await assert.rejects(control.officerTakesOver('psid-handoff'), (err: unknown) => err instanceof ThreadControlError && err.failure === 'handed_over');
  });
});
