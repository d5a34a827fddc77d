import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fakeGraph, isolateNetwork, messengerEnv, pageDelivery, postWebhook, textEvent } from '../support/messenger';
import { chat, useAssistant } from '../support/server';
import { INTEGRATION_TOKEN, dossierBody, putDossier, uniqueCode } from '../dossiers/dossier-support';

/** The value of one series in the Prometheus text, 0 when absent (a counter never incremented). */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('/metrics through the real server', () => {
  isolateNetwork();
  const running = useAssistant({ ...messengerEnv, INTEGRATION_TOKENS: INTEGRATION_TOKEN });
  const scrape = async () => {
    const res = await fetch(`${running().url}/metrics`);
    assert.equal(res.status, 200);
    return res.text();
  };

  it('counts turns per channel, intents, fallbacks and emergency answers, and times parsing', async () => {
    const before = await scrape();
    const who = `m-${randomUUID()}`;
    const started = performance.now();
    await chat(running().url, who, 'xin chào');
    await chat(running().url, who, 'có cướp, nó đang dọa giết tôi');
    await chat(running().url, who, 'qwzx plmk vbnr');
    const turnsSeconds = (performance.now() - started) / 1000;
    const after = await scrape();
    const delta = (series: string) => value(after, series) - value(before, series);
    assert.equal(delta('assistant_turns_total{channel="rest",intent="greeting",path="route"}'), 1);
    assert.equal(delta('assistant_turns_total{channel="rest",intent="emergency",path="emergency"}'), 1, 'emergency answers');
    assert.match(after, /assistant_turns_total\{channel="rest",intent="[a-z_]+",path="fallback"\} \d/, 'fallbacks, for the fallback rate');
    assert.equal(delta('assistant_parse_duration_seconds_count{channel="rest"}'), 3);
    // Times in seconds, each part of its turn: more than nothing, less than the three turns took (milliseconds counted as
    // seconds would be a thousand times more). Measured against the turns, not a bound in ms a slow machine could miss.
    const parseSeconds = delta('assistant_parse_duration_seconds_sum{channel="rest"}');
    assert.ok(parseSeconds > 0 && parseSeconds < turnsSeconds, `${parseSeconds} s of parsing in ${turnsSeconds} s of turns`);
  });

  it('counts Messenger deliveries and the Graph API\'s errors by code', async () => {
    const graph = fakeGraph((call) =>
      call.path === '/me/messages' && (call.body.recipient as { id: string }).id === 'psid-broken'
        ? [400, { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id: 'x' } }]
        : [200, { recipient_id: 'psid', message_id: `m_${randomUUID()}` }],
    );
    const before = await scrape();
    for (const psid of ['psid-fine', 'psid-broken']) {
      assert.equal((await postWebhook(running().url, pageDelivery([textEvent(psid, 'cảm ơn')]))).status, 200);
    }
    await running().assistant.messenger!.idle();
    const after = await scrape();
    const delta = (series: string) => value(after, series) - value(before, series);
    assert.equal(delta('assistant_turns_total{channel="messenger",intent="thanks",path="route"}'), 2, 'turns per channel');
    assert.equal(delta('assistant_channel_sends_total{channel="messenger",purpose="reply",result="ok"}'), 1);
    assert.equal(delta('assistant_channel_sends_total{channel="messenger",purpose="reply",result="rejected"}'), 1);
    assert.equal(delta('assistant_platform_api_errors_total{channel="messenger",failure="rejected",code="100"}'), 1);
    assert.ok(graph.messages().length >= 2);
  });

  it('shows what waits: outbox and delivery journal by channel, and turns in progress', async () => {
    const { store } = running().assistant;
    await store.outbox.enqueue({ channel: 'rest', userId: `w-${randomUUID()}`, key: randomUUID(), kind: 'officer_reply', data: {} });
    const kept = await store.inboundJournal.add('zalo', '{}', 3600_000);
    const text = await scrape();
    assert.ok(value(text, 'assistant_outbox_waiting{channel="rest"}') >= 1);
    assert.equal(value(text, 'assistant_delivery_journal_waiting{channel="zalo"}'), 1);
    assert.match(text, /^assistant_turns_in_progress 0$/m);
    await store.inboundJournal.remove(kept);
    assert.equal(value(await scrape(), 'assistant_delivery_journal_waiting{channel="zalo"}'), 0, 'the gauge follows the store');
  });

  it('counts dossier lookups by outcome: wrong, locked (the last free try), verified', async () => {
    const code = uniqueCode();
    const put = await putDossier(running().url, INTEGRATION_TOKEN, code, dossierBody());
    assert.equal(put.status, 201);
    const before = await scrape();
    const who = `lk-${randomUUID()}`;
    await chat(running().url, who, `/dossier_status{"dossier_code":"${code}"}`);
    for (let i = 0; i < 5; i++) await chat(running().url, who, `000${i}`);
    await chat(running().url, who, `/dossier_status{"dossier_code":"${code}"}`);
    const other = `lk-${randomUUID()}`;
    await chat(running().url, other, `/dossier_status{"dossier_code":"${code}"}`);
    await chat(running().url, other, '5678');
    const after = await scrape();
    const delta = (outcome: string) => value(after, `assistant_dossier_lookups_total{outcome="${outcome}"}`) - value(before, `assistant_dossier_lookups_total{outcome="${outcome}"}`);
    assert.equal(delta('wrong'), 4);
    assert.equal(delta('locked'), 1);
    assert.equal(delta('verified'), 1);
  });

  it('stays closed to other machines without a staff token', async () => {
    const res = await fetch(`${running().url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    assert.equal(res.status, 401);
  });
});
