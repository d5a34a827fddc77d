import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { useAssistant, uniqueRedisPrefix } from '../support/server';
import { hubSignature, isolateNetwork, messengerEnv, pageDelivery, PAGE_ID } from '../support/messenger';
import { APP_ID, OA_ID, zaloEnv, zaloMac } from './zalo/zalo-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BUDGET = 3;

/** A Messenger delivery that needs no answer (a read receipt), signed unless told otherwise. */
async function messenger(url: string, from: string, signed: boolean): Promise<Response> {
  const body = pageDelivery([{ sender: { id: `psid-${randomUUID()}` }, recipient: { id: PAGE_ID }, timestamp: Date.now(), read: { watermark: Date.now() } }]);
  const signature = signed ? hubSignature(body) : hubSignature(body, 'not-the-app-secret');
  return fetch(`${url}/webhooks/messenger`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, 'x-forwarded-for': from }, body });
}

/** A Zalo "seen" receipt (acknowledged, nothing to answer): signed, forged, or signed but older than the replay window. */
async function zalo(url: string, from: string, kind: 'signed' | 'forged' | 'replayed'): Promise<Response> {
  const at = kind === 'replayed' ? Date.now() - 24 * 3600 * 1000 : Date.now();
  const raw = JSON.stringify({ app_id: APP_ID, event_name: 'user_seen_message', timestamp: String(at), sender: { id: OA_ID }, recipient: { id: `u${Date.now()}` }, message: { msg_ids: ['m1'] } });
  const mac = kind === 'forged' ? zaloMac(raw, String(at), APP_ID, 'a-guessed-secret') : zaloMac(raw, String(at));
  return fetch(`${url}/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': mac, 'x-forwarded-for': from }, body: raw });
}

for (const [mode, extra] of [
  ['in-process', {}],
  ['Redis', { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix('signature-budget') }],
] as [string, Record<string, string>][]) {
  describe(`Platform webhooks: only failed verifications are limited, per address (${mode})`, () => {
    isolateNetwork();
    const server = useAssistant({ ...messengerEnv, ...zaloEnv(), ...extra, TRUST_PROXY: 'loopback', WEBHOOK_FAILED_VERIFICATIONS_PER_HOUR: String(BUDGET) });
    const url = () => server().url;

    it('Messenger: signed deliveries are never limited; forged ones answer 403, then 429 with Retry-After, for that address only', async () => {
      for (let i = 0; i < 25; i++) assert.equal((await messenger(url(), '198.51.100.7', true)).status, 200, `signed delivery ${i}`);
      for (let i = 0; i < BUDGET; i++) assert.equal((await messenger(url(), '198.51.100.8', false)).status, 403, `forged ${i}`);
      const limited = await messenger(url(), '198.51.100.8', false);
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.equal((await messenger(url(), '198.51.100.8', true)).status, 200, 'a signed delivery from the same address still goes through');
      assert.equal((await messenger(url(), '198.51.100.9', false)).status, 403, 'another address has its own budget');
    });

    it('Zalo: forged and replayed deliveries spend the budget (401, 403, then 429); signed ones are never limited', async () => {
      for (let i = 0; i < 25; i++) assert.equal((await zalo(url(), '203.0.113.7', 'signed')).status, 200, `signed delivery ${i}`);
      assert.equal((await zalo(url(), '203.0.113.8', 'forged')).status, 401);
      assert.equal((await zalo(url(), '203.0.113.8', 'replayed')).status, 403);
      assert.equal((await zalo(url(), '203.0.113.8', 'forged')).status, 401);
      const limited = await zalo(url(), '203.0.113.8', 'forged');
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.equal((await zalo(url(), '203.0.113.8', 'signed')).status, 200);
    });
  });
}
