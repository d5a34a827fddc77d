import assert from 'node:assert/strict';
import { ECHO_METADATA } from '../../src/channels/messenger/messenger-client';
import { vi } from '../support/locale';
import { fakeGraph, isolateNetwork, messengerEnv, mid, pageDelivery, PAGE_ID, postWebhook } from '../support/messenger';
import type { RunningAssistant } from '../support/server';
import { deliver, events, sentAnswer, userId, zaloBodies, zaloEnv } from '../channels/zalo/zalo-support';
import { INTEGRATION_TOKEN, dossierBody, putDossier, startDossierAssistant, uniqueCode } from './dossier-support';

const HOUR = 3600_000;
const CHANGED_ON = '2026-03-15T09:00:00+07:00';

/** A status notice as the watcher reads it (in Vietnamese), and its one button. */
const noticeText = (code: string, status: string) =>
  `${vi('dossier:notice.changed', { code, status: vi(`dossier:status.${status}.label`), date: '15/03/2026' })}\n${vi(`dossier:status.${status}.next`)}`;
const details = (code: string) => ({ title: vi('dossier:buttons.details'), payload: `/dossier_status{"dossier_code":"${code}"}` });
const subscribePayload = (code: string) => `/dossier_status{"dossier_code":"${code}","dossier_action":"subscribe"}`;

/** A Send API body: a text with one button, which the Messenger renderer draws as a quick reply. */
const messengerBody = (psid: string, messagingType: string, text: string, button: { title: string; payload: string }) => ({
  recipient: { id: psid },
  messaging_type: messagingType,
  message: { text, quick_replies: [{ content_type: 'text', ...button }], metadata: ECHO_METADATA },
});
const thanksOnMessenger = (psid: string) => messengerBody(psid, 'RESPONSE', vi('thanks'), { title: vi('menu.button'), payload: '/help' });

/** A consultation body: the text, then its buttons as a numbered menu (numbers run on across one answer). */
const zaloBody = (user: string, text: string, buttonTitle: string, number = 1) => ({
  recipient: { user_id: user },
  message: { text: `${text}\n\n${vi('zalo:menuHint')}\n${number}. ${buttonTitle}` },
});

describe('Dossier status notices on Messenger and Zalo', function () {
  // One whole assistant with both channels; every step waits for real background work on a shared machine.
  this.timeout(60_000);
  isolateNetwork();
  let server: RunningAssistant;
  before(async () => {
    // No replay window, so a test can play a citizen who last wrote days ago.
    server = await startDossierAssistant({ ...messengerEnv, ...zaloEnv({ ZALO_MAX_EVENT_AGE_SECONDS: '0' }) });
  });
  after(async () => {
    await server?.close();
  });

  const changeStatus = async (code: string, status: string, updatedAt = CHANGED_ON) => {
    assert.ok([200, 201].includes((await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status, updatedAt }))).status));
    await server.assistant.outboxPush.idle();
  };
  const newDossier = async () => {
    const code = uniqueCode();
    await changeStatus(code, 'processing', '2026-03-13T09:00:00+07:00');
    return code;
  };
  const waiting = (channel: string, userId: string) => server.assistant.store.outbox.pending({ channel, userId }, 10);

  /** A Messenger citizen writes (a quick-reply tap when `payload` is given) at `at`; resolves once it is handled. */
  const messengerSays = async (psid: string, text: string, at = Date.now(), payload?: string) => {
    const message = payload ? { mid: mid(), text, quick_reply: { payload } } : { mid: mid(), text };
    const res = await postWebhook(server.url, pageDelivery([{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: at, message }]));
    assert.equal(res.status, 200);
    await server.assistant.messenger!.idle();
  };
  const zaloSays = async (user: string, text: string, at = Date.now()) => {
    assert.equal((await deliver(server.url, events.text(user, text, at))).status, 200);
    await server.assistant.zalo!.idle();
  };
  const watches = async (code: string, user: string) => (await server.assistant.store.dossiers.watchers(code)).some((w) => w.userId === user);
  /** The citizen taps "notify me" and proves the dossier is theirs with the phone's last 4 digits, at `at`. */
  const messengerWatch = async (psid: string, code: string, at = Date.now()) => {
    await messengerSays(psid, vi('dossier:buttons.subscribe'), at, subscribePayload(code));
    await messengerSays(psid, '5678', at);
    assert.ok(await watches(code, psid), 'the citizen watches the dossier');
  };
  const zaloWatch = async (user: string, code: string, at = Date.now()) => {
    await zaloSays(user, subscribePayload(code), at);
    await zaloSays(user, '5678', at);
    assert.ok(await watches(code, user), 'the citizen watches the dossier');
  };

  describe('Messenger', () => {
    it('sends the notice at once inside the 24-hour window, as an UPDATE, and only once', async () => {
      const graph = fakeGraph();
      const psid = `psid-${uniqueCode()}`;
      const code = await newDossier();
      await messengerWatch(psid, code);
      const before = graph.messages().length;
      await changeStatus(code, 'ready');
      await changeStatus(code, 'ready'); // the one-stop system retries the same change
      assert.deepEqual(graph.messages().slice(before), [messengerBody(psid, 'UPDATE', noticeText(code, 'ready'), details(code))]);
      assert.deepEqual(await waiting('messenger', psid), []);
      await messengerSays(psid, 'cảm ơn');
      assert.deepEqual(graph.messages().slice(before + 1), [thanksOnMessenger(psid)], 'not shown again in the next answer');
    });

    it('keeps the notice outside the window and opens the citizen\'s next answer with it, once', async () => {
      const graph = fakeGraph();
      const psid = `psid-${uniqueCode()}`;
      const code = await newDossier();
      await messengerWatch(psid, code, Date.now() - 25 * HOUR);
      const before = graph.messages().length;
      await changeStatus(code, 'ready');
      assert.deepEqual(graph.messages().slice(before), [], 'no call to Meta outside the window');
      assert.equal((await waiting('messenger', psid)).length, 1);
      await messengerSays(psid, 'cảm ơn');
      assert.deepEqual(graph.messages().slice(before), [messengerBody(psid, 'RESPONSE', noticeText(code, 'ready'), details(code)), thanksOnMessenger(psid)]);
      await messengerSays(psid, 'cảm ơn');
      assert.deepEqual(graph.messages().slice(before + 2), [thanksOnMessenger(psid)]);
      assert.deepEqual(await waiting('messenger', psid), []);
    });

    it('never messages a citizen Meta called unavailable again, until they write', async () => {
      const psid = `psid-${uniqueCode()}`;
      let blocked = false;
      const graph = fakeGraph((_call, n) =>
        blocked ? [400, { error: { message: 'This person isn\'t available right now.', type: 'OAuthException', code: 551, error_subcode: 1545041 } }] : [200, { recipient_id: psid, message_id: `m_sent_${n}` }],
      );
      const code = await newDossier();
      await messengerWatch(psid, code);
      blocked = true;
      const before = graph.calls.length;
      await changeStatus(code, 'supplement_required');
      assert.equal(graph.calls.length, before + 1, 'one try, refused');
      assert.ok((await server.assistant.store.contacts.get({ channel: 'messenger', userId: psid }))?.unreachableAt);
      await changeStatus(code, 'ready', '2026-03-16T09:00:00+07:00');
      assert.equal(graph.calls.length, before + 1, 'no call for the next change');
      blocked = false;
      await messengerSays(psid, 'cảm ơn');
      const answer = graph.messages().slice(-3).map((m) => (m.message as { text: string }).text);
      assert.match(answer[0]!, /Cần bổ sung/);
      assert.match(answer[1]!, /Có kết quả/);
      assert.equal(answer[2], vi('thanks'));
    });
  });

  describe('Zalo', () => {
    it('sends the notice at once inside the 7-day window, and only once', async () => {
      const bodies = zaloBodies();
      const user = userId();
      const code = await newDossier();
      await zaloWatch(user, code);
      const before = bodies.length;
      await changeStatus(code, 'ready');
      await changeStatus(code, 'ready');
      assert.deepEqual(bodies.slice(before), [zaloBody(user, noticeText(code, 'ready'), details(code).title)]);
      assert.deepEqual(await waiting('zalo', user), []);
      await zaloSays(user, 'cảm ơn');
      assert.deepEqual(bodies.slice(before + 1), [zaloBody(user, vi('thanks'), vi('menu.button'))], 'not shown again in the next answer');
    });

    it('keeps the notice outside the window and opens the citizen\'s next answer with it, once', async () => {
      const bodies = zaloBodies();
      const user = userId();
      const code = await newDossier();
      await zaloWatch(user, code, Date.now() - 8 * 24 * HOUR);
      const before = bodies.length;
      await changeStatus(code, 'ready');
      assert.deepEqual(bodies.slice(before), [], 'no call to Zalo outside the window');
      assert.equal((await waiting('zalo', user)).length, 1);
      await zaloSays(user, 'cảm ơn');
      assert.deepEqual(bodies.slice(before), [
        zaloBody(user, noticeText(code, 'ready'), details(code).title),
        zaloBody(user, vi('thanks'), vi('menu.button'), 2),
      ]);
      await zaloSays(user, 'cảm ơn');
      assert.deepEqual(bodies.slice(before + 2), [zaloBody(user, vi('thanks'), vi('menu.button'))]);
      assert.deepEqual(await waiting('zalo', user), []);
    });

    it('never messages a citizen Zalo called unreachable again, until they write', async () => {
      const user = userId();
      let blocked = false;
      const bodies = zaloBodies(() => (blocked ? { error: -217, message: 'User has blocked invitations from this OA' } : sentAnswer()));
      const code = await newDossier();
      await zaloWatch(user, code);
      blocked = true;
      const before = bodies.length;
      await changeStatus(code, 'supplement_required');
      assert.equal(bodies.length, before + 1, 'one try, refused');
      await changeStatus(code, 'ready', '2026-03-16T09:00:00+07:00');
      assert.equal(bodies.length, before + 1, 'no call for the next change');
      blocked = false;
      await zaloSays(user, 'cảm ơn');
      const answer = bodies.slice(before + 1).map((b) => (b.message as { text: string }).text);
      assert.equal(answer.length, 3);
      assert.match(answer[0]!, /Cần bổ sung/);
      assert.match(answer[1]!, /Có kết quả/);
      assert.ok(answer[2]!.startsWith(vi('thanks')));
    });
  });
});
