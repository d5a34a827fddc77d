import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { vi } from '../support/locale';
import { GRAPH_HOST, isolateNetwork, messengerEnv, pageDelivery, postWebhook, textEvent } from '../support/messenger';
import { useAssistant } from '../support/server';
import { API_BASE, deliver, events, eventually, sentAnswer, userId, zaloEnv } from '../channels/zalo/zalo-support';

/**
 * The platform's edge, mocked by nock, in one of four moods the test switches between: up, down (connection refused),
 * slow (answers after `slowMs`), or answering a status (429, 500). Every message it accepted is recorded.
 */
function platformEdge(host: string, path: RegExp, accept: (body: any) => { to: string; text: string } | undefined, answer: () => object) {
  const state = { mood: 'up' as 'up' | 'down' | 'slow' | number, slowMs: 2000, attempts: 0 };
  const accepted: { to: string; text: string }[] = [];
  nock(host)
    .persist()
    .post(path)
    .query(true)
    .reply(async (_uri, body) => {
      const message = accept(body);
      if (!message) return [200, answer()];
      state.attempts += 1;
      if (state.mood === 'down') throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      if (typeof state.mood === 'number') return [state.mood, { error: { message: 'fault', code: state.mood === 429 ? 4 : 2 } }, { 'retry-after': '0' }];
      if (state.mood === 'slow') await new Promise((r) => setTimeout(r, state.slowMs));
      accepted.push(message);
      return [200, answer()];
    });
  return { state, accepted, to: (who: string) => accepted.filter((m) => m.to === who).map((m) => m.text) };
}

describe('faults at the Facebook edge: nothing lost, nothing sent twice', function () {
  this.timeout(40_000);
  isolateNetwork();
  const running = useAssistant({ ...messengerEnv, KEPT_ANSWER_RETRY_SECONDS: '1' });
  const graph = () =>
    platformEdge(
      GRAPH_HOST,
      /\/me\/messages/,
      (b: { recipient: { id: string }; message?: { text?: string } }) => (b.message ? { to: b.recipient.id, text: b.message.text ?? '' } : undefined),
      () => ({ recipient_id: 'x', message_id: `m_${randomUUID()}` }),
    );
  const say = async (psid: string, text: string) => {
    const res = await postWebhook(running().url, pageDelivery([textEvent(psid, text)]));
    assert.equal(res.status, 200);
  };

  it('API down: the answer is kept and delivered once when it is back', async () => {
    const edge = graph();
    edge.state.mood = 'down';
    const psid = `down-${randomUUID()}`;
    await say(psid, 'cảm ơn');
    await running().assistant.messenger!.idle();
    assert.ok(edge.state.attempts >= 2, 'retried while down');
    assert.deepEqual(edge.to(psid), []);
    edge.state.mood = 'up';
    await eventually(() => edge.to(psid).length === 1, 'the kept answer, pushed again', 10_000);
    await say(psid, 'tạm biệt');
    await running().assistant.messenger!.idle();
    assert.deepEqual(edge.to(psid), [vi('thanks'), vi('goodbye')], 'each answer once, in order');
  });

  for (const status of [429, 500]) {
    it(`API answering ${status}: retried, then the answer goes out once`, async () => {
      const edge = graph();
      edge.state.mood = status;
      const psid = `s${status}-${randomUUID()}`;
      await say(psid, 'cảm ơn');
      // The next attempt finds the platform well again.
      await eventually(() => edge.state.attempts >= 1, 'a first attempt');
      edge.state.mood = 'up';
      await running().assistant.messenger!.idle();
      await eventually(() => edge.to(psid).length === 1, 'the answer', 10_000);
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(edge.to(psid), [vi('thanks')], 'once, also after the kept-answer retry would have run');
    });
  }

  it('API slow (2 s a send): the webhook is acknowledged at once and every answer goes out once', async () => {
    const edge = graph();
    edge.state.mood = 'slow';
    const citizens = Array.from({ length: 5 }, () => `slow-${randomUUID()}`);
    // What the API had accepted for each citizen when their webhook was acknowledged: nothing, since it takes 2 s a
    // send (compared with the API's own pace, not a bound in ms a slow machine could miss).
    const acceptedAtAck = await Promise.all(citizens.map((psid) => say(psid, 'cảm ơn').then(() => edge.to(psid))));
    assert.deepEqual(acceptedAtAck, citizens.map(() => []), 'acknowledged without waiting for the API');
    await running().assistant.messenger!.idle();
    for (const psid of citizens) assert.deepEqual(edge.to(psid), [vi('thanks')]);
  });
});

describe('faults at the Zalo edge: nothing lost, nothing sent twice', function () {
  this.timeout(40_000);
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());
  const running = useAssistant(zaloEnv({ KEPT_ANSWER_RETRY_SECONDS: '30' }));
  const zalo = () =>
    platformEdge(
      API_BASE,
      /\/v3\.0\/oa\/message\/cs/,
      (b: { recipient: { user_id: string }; message: { text: string } }) => ({ to: b.recipient.user_id, text: b.message.text }),
      () => sentAnswer(),
    );

  it('API answering 500 throughout: the answer waits and opens the citizen\'s next answer, once', async () => {
    const edge = zalo();
    edge.state.mood = 500;
    const user = userId();
    assert.equal((await deliver(running().url, events.text(user, 'cảm ơn'))).status, 200);
    await running().assistant.zalo!.idle();
    assert.ok(edge.state.attempts >= 2);
    assert.equal((await running().assistant.store.outbox.waiting()).zalo, 1, 'kept, not lost');
    edge.state.mood = 'up';
    assert.equal((await deliver(running().url, events.text(user, 'tạm biệt'))).status, 200);
    await running().assistant.zalo!.idle();
    const texts = edge.to(user).join('\n');
    assert.equal(texts.split(vi('thanks')).length - 1, 1, texts);
    assert.equal(texts.split(vi('goodbye')).length - 1, 1, texts);
    assert.ok(texts.indexOf(vi('thanks')) < texts.indexOf(vi('goodbye')));
    assert.equal((await running().assistant.store.outbox.waiting()).zalo ?? 0, 0);
  });

  it('API down then 429: the acknowledged delivery is answered once the API is back', async () => {
    const edge = zalo();
    edge.state.mood = 'down';
    const user = userId();
    assert.equal((await deliver(running().url, events.text(user, 'cảm ơn'))).status, 200);
    await eventually(() => edge.state.attempts >= 1, 'a first attempt');
    edge.state.mood = 429;
    await eventually(() => edge.state.attempts >= 2, 'a second attempt');
    edge.state.mood = 'up';
    await running().assistant.zalo!.idle();
    await eventually(() => edge.to(user).length === 1, 'the answer');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(edge.to(user).length, 1, 'once');
    assert.ok(edge.to(user)[0]!.startsWith(vi('thanks')));
  });
});
