import assert from 'node:assert/strict';
import { useAssistant } from '../../support/server';
import { fakeGraph, hubSignature, isolateNetwork, messengerEnv, pageDelivery, postWebhook, textEvent, VERIFY_TOKEN } from '../../support/messenger';

describe('Messenger webhook: handshake and guards', () => {
  isolateNetwork();
  const assistant = useAssistant(messengerEnv);
  const url = () => assistant().url;
  const handshake = (query: string) => fetch(`${url()}/webhooks/messenger?${query}`);
  const refusals = async (reason: string) => {
    const text = await (await fetch(`${url()}/metrics`)).text();
    return Number(new RegExp(`assistant_webhook_refusals_total\\{channel="messenger",reason="${reason}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  };

  it('answers the verification handshake with the challenge', async () => {
    const res = await handshake(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '1158201444');
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  });

  it('refuses a handshake with a wrong token or mode, and a malformed challenge', async () => {
    assert.equal((await handshake('hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1')).status, 403);
    assert.equal((await handshake(`hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`)).status, 403);
    assert.equal((await handshake('hub.challenge=1')).status, 403);
    const reflected = await handshake(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=%3Cscript%3E`);
    assert.equal(reflected.status, 400);
  });

  describe('a delivery that is not what Meta signed is refused and nothing is processed', () => {
    const body = pageDelivery([textEvent('forged-1', 'xin chào')]);

    for (const [name, signature, status] of [
      ['missing signature', null, 401],
      ['signed with another secret', hubSignature(body, 'not-the-app-secret'), 403],
      ['signature of other bytes', hubSignature(`${body} `), 403],
      ['signature too short', hubSignature(body).slice(0, -2), 403],
      ['signature too long', `${hubSignature(body)}00`, 403],
      ['SHA-1 header form', `sha1=${'0'.repeat(40)}`, 403],
    ] as const) {
      it(`${name} → ${status}`, async () => {
        const graph = fakeGraph();
        const before = await refusals('bad_signature');
        const res = await postWebhook(url(), body, signature);
        assert.equal(res.status, status);
        assert.equal((await refusals('bad_signature')) - before, 1, 'counted for alerting, as Zalo\'s');
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, status === 401 ? 'unauthorized' : 'forbidden');
        await assistant().assistant.messenger!.idle();
        assert.deepEqual(graph.calls, [], 'nothing was sent');
        assert.equal(await assistant().assistant.store.contacts.get({ channel: 'messenger', userId: 'forged-1' }), undefined);
      });
    }
  });

  it('refuses a body over 1 MB with 413', async () => {
    const huge = pageDelivery([textEvent('big-1', 'a'.repeat(1024 * 1024))]);
    const res = await postWebhook(url(), huge);
    assert.equal(res.status, 413);
  });

  it('refuses signed malformed JSON with 400', async () => {
    const before = await refusals('malformed');
    const res = await postWebhook(url(), '{"object":"page","entry":[');
    assert.equal(res.status, 400);
    assert.equal((await refusals('malformed')) - before, 1);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'bad_request');
  });

  it('acknowledges signed JSON that is not a page delivery, and answers nothing', async () => {
    const graph = fakeGraph();
    for (const body of ['{"object":"instagram","entry":[]}', '[]', '"page"', '{"object":"page","entry":[{"id":"1","changes":[{"field":"feed"}]}]}']) {
      assert.equal((await postWebhook(url(), body)).status, 200, body);
    }
    await assistant().assistant.messenger!.idle();
    assert.deepEqual(graph.calls, []);
  });
});

describe('Messenger channel without credentials', () => {
  const assistant = useAssistant({ MESSENGER_VERIFY_TOKEN: VERIFY_TOKEN });

  it('is off: its routes answer 404 and no sender is registered', async () => {
    assert.equal(assistant().assistant.messenger, undefined);
    assert.equal(assistant().assistant.senders.has('messenger'), false);
    assert.equal((await fetch(`${assistant().url}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`)).status, 404);
    assert.equal((await postWebhook(assistant().url, pageDelivery([]))).status, 404);
  });
});
