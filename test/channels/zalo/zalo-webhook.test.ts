import assert from 'node:assert/strict';
import nock from 'nock';
import { startAssistant } from '../../support/server';
import { API_BASE, deliver, escapeUnicode, events, eventually, onlyZaloInterceptors, userId, useZaloAssistant, zaloEnv, zaloMac } from './zalo-support';

const sent = { error: 0, message: 'Success', data: { message_id: 'c0ffee00c0ffee00c0ff' } };

describe('Zalo webhook: POST /webhooks/zalo', () => {
  const server = useZaloAssistant();

  /** Answers every consultation message; answers the recipients in order (a turn may still be sending after a test). */
  function zaloAccepts(): string[] {
    const recipients: string[] = [];
    nock(API_BASE)
      .persist()
      .post('/v3.0/oa/message/cs', (b: { recipient: { user_id: string } }) => recipients.push(b.recipient.user_id) > 0)
      .reply(200, sent);
    return recipients;
  }
  const refusals = async (reason: string) => {
    const text = await (await fetch(`${server().url}/metrics`)).text();
    return Number(new RegExp(`assistant_webhook_refusals_total\\{channel="zalo",reason="${reason}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  };

  it('accepts a delivery signed the Zalo way, Vietnamese as raw UTF-8, and answers the citizen', async () => {
    const recipients = zaloAccepts();
    const user = userId();
    const res = await deliver(server().url, events.text(user, 'Cho tôi hỏi thủ tục đăng ký tạm trú'));
    assert.equal(res.status, 200);
    await eventually(() => recipients.includes(user), 'a reply to Zalo');
  });

  it('verifies the bytes as received: the same text with \\u escapes has its own valid signature', async () => {
    const recipients = zaloAccepts();
    const user = userId();
    const raw = escapeUnicode(JSON.stringify(events.text(user, 'Cho tôi hỏi thủ tục đăng ký tạm trú')));
    assert.match(raw, /\\u1ee7/, 'Vietnamese is escaped in the body');
    const res = await deliver(server().url, raw);
    assert.equal(res.status, 200);
    await eventually(() => recipients.includes(user), 'a reply to Zalo');
    // Signed over the unescaped (re-serialised) text, the same delivery is refused: the raw bytes are what count.
    const body = JSON.parse(raw) as { timestamp: string };
    const reserialised = JSON.stringify(JSON.parse(raw));
    assert.equal((await deliver(server().url, raw, zaloMac(reserialised, body.timestamp))).status, 401);
  });

  it('refuses a forged or missing signature with 401 and processes nothing', async () => {
    const recipients = zaloAccepts();
    const user = userId();
    const before = await refusals('bad_signature');
    const event = events.text(user, 'xin chào');
    const raw = JSON.stringify(event);
    const forged = [
      null,
      '',
      zaloMac(raw, String(event.timestamp), '1111111111111111111'),
      zaloMac(raw, String(event.timestamp), undefined, 'the App Secret, not the OA secret key'),
      zaloMac(raw.replace('xin chào', 'xin chao'), String(event.timestamp)),
      `mac=${'0'.repeat(64)}`,
      zaloMac(raw, String(event.timestamp)).slice(4),
    ];
    for (const signature of forged) {
      const res = await deliver(server().url, raw, signature);
      assert.equal(res.status, 401, `signature ${signature}`);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unauthorized');
    }
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(recipients.filter((r) => r === user), [], 'nothing was answered');
    assert.equal((await refusals('bad_signature')) - before, forged.length);
  });

  it('refuses a signed body older than the replay window, or from the future, with 403', async () => {
    const recipients = zaloAccepts();
    const user = userId();
    const before = await refusals('replay');
    const fourHoursAgo = Date.now() - 4 * 3600_000;
    assert.equal((await deliver(server().url, events.text(user, 'xin chào', fourHoursAgo))).status, 403);
    assert.equal((await deliver(server().url, events.text(user, 'xin chào', Date.now() + 3600_000))).status, 403);
    assert.equal((await refusals('replay')) - before, 2);
    assert.ok(!recipients.includes(user));
    // Zalo's last redelivery comes about 1 h 51 min after the event: still inside the default 3 h window.
    assert.equal((await deliver(server().url, events.text(user, 'xin chào', Date.now() - 111 * 60_000))).status, 200);
    await eventually(() => recipients.includes(user), 'the late redelivery answered');
  });

  it('answers malformed JSON, a body without a timestamp and an array with 400, never 5xx', async () => {
    for (const raw of ['{"event_name": "user_send_text", ', '[]', '"text"', JSON.stringify({ event_name: 'user_send_text' }), JSON.stringify({ timestamp: 'yesterday' }), '']) {
      const res = await fetch(`${server().url}/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloMac(raw, '') }, body: raw });
      assert.equal(res.status, 400, raw);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'bad_request');
    }
  });

  it('answers a body over 1 MB with 413', async () => {
    const event = events.text(userId(), 'a'.repeat(1024 * 1024));
    const res = await deliver(server().url, event);
    assert.equal(res.status, 413);
  });

  it('acknowledges receipts, reactions and unknown events without answering anyone', async () => {
    const recipients = zaloAccepts();
    const user = userId();
    const at = String(Date.now());
    const others = [
      { app_id: '3608465248940903967', event_name: 'user_seen_message', sender: { id: '3886132808788086450' }, recipient: { id: user }, message: { msg_ids: ['63ecf43f0df7dba892e6'] }, timestamp: at },
      { app_id: '3608465248940903967', event_name: 'user_received_message', sender: { id: '3886132808788086450' }, recipient: { id: user }, message: { msg_id: '63ecf43f0df7dba892e6' }, timestamp: at },
      { app_id: '3608465248940903967', event_name: 'user_reacted_message', sender: { id: user }, recipient: { id: '3886132808788086450' }, message: { msg_id: '63ecf43f0df7dba892e6', react_icon: '/-heart' }, timestamp: at },
      { app_id: '3608465248940903967', event_name: 'add_user_to_tag', oa_id: '3886132808788086450', tag: { user_ids: [user], name: 'xa-tan-cuong' }, timestamp: at },
      { app_id: '3608465248940903967', event_name: 'something_new', timestamp: at },
      // Another OA linked to the same app (the department configured ZALO_OA_ID).
      { ...events.text(user, 'xin chào'), recipient: { id: '1234567890123456789' } },
      // A user event without a sender cannot be answered.
      { ...events.text(user, 'xin chào'), sender: {} },
    ];
    for (const body of others) assert.equal((await deliver(server().url, body)).status, 200, String(body.event_name));
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(recipients.filter((r) => r === user), []);
  });
});

describe('Zalo webhook settings', () => {
  onlyZaloInterceptors();

  it('accepts any age with ZALO_MAX_EVENT_AGE_SECONDS=0', async () => {
    const running = await startAssistant(zaloEnv({ ZALO_MAX_EVENT_AGE_SECONDS: '0' }));
    try {
      const scope = nock(API_BASE).post('/v3.0/oa/message/cs').times(2).reply(200, sent);
      assert.equal((await deliver(running.url, events.text(userId(), 'xin chào', Date.now() - 30 * 24 * 3600_000))).status, 200);
      await eventually(() => scope.isDone(), 'the greeting and the menu sent');
    } finally {
      await running.close();
    }
  });

  it('is off (404) without credentials, and still serves the domain-verification file', async () => {
    const running = await startAssistant({ ZALO_SITE_VERIFICATION: 'MeVd6DceSpupfjWIxOznI1I4v7FuyZOgD3Gp' });
    try {
      assert.equal(running.assistant.senders.has('zalo'), false);
      assert.equal((await deliver(running.url, events.text(userId(), 'xin chào'))).status, 404);
      for (const file of ['zalo_verifierMeVd6DceSpupfjWIxOznI1I4v7FuyZOgD3Gp.html', 'zalo-verifier-MeVd6DceSpupfjWIxOznI1I4v7FuyZOgD3Gp.html']) {
        const res = await fetch(`${running.url}/${file}`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /text\/html/);
        assert.match(await res.text(), /<meta property="zalo-platform-site-verification" content="MeVd6DceSpupfjWIxOznI1I4v7FuyZOgD3Gp" \/>/);
      }
      assert.equal((await fetch(`${running.url}/zalo_verifierSOMETHINGELSE.html`)).status, 404);
    } finally {
      await running.close();
    }
  });
});
