import { createHmac } from 'node:crypto';
import nock from 'nock';

/** Where the tests' Graph API lives: nock answers for it, nothing leaves the machine. */
export const GRAPH_HOST = 'https://graph.facebook.test';
export const GRAPH_VERSION = '/v25.0';
export const PAGE_ID = '106000000000001';
export const APP_SECRET = 'test-app-secret-ứng-dụng';
export const VERIFY_TOKEN = 'test-verify-token';
export const PAGE_TOKEN = 'test-page-access-token';

/** The environment that turns the Messenger channel on against the nock Graph API. */
export const messengerEnv: Record<string, string> = {
  MESSENGER_VERIFY_TOKEN: VERIFY_TOKEN,
  MESSENGER_APP_SECRET: APP_SECRET,
  MESSENGER_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
  MESSENGER_API_BASE: `${GRAPH_HOST}${GRAPH_VERSION}`,
};

/** The X-Hub-Signature-256 header Meta would send for these exact bytes. */
export function hubSignature(body: string, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A page delivery as Meta sends it: one entry holding `messaging` (or `standby`) events. */
export function pageDelivery(events: unknown[], field: 'messaging' | 'standby' = 'messaging'): string {
  return JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), [field]: events }] });
}

let sequence = 0;
/** A unique message id per call (`m_` + random), as Meta's mids are unique. */
export const mid = () => `m_${Date.now().toString(36)}${(++sequence).toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** A citizen's text message, shaped like Meta's documented sample. */
export function textEvent(psid: string, text: string, id = mid()): object {
  return { sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid: id, text } };
}

/** POSTs a body to the webhook, signed correctly unless a header is given. */
export function postWebhook(url: string, body: string, signature: string | null = hubSignature(body)): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return fetch(`${url}/webhooks/messenger`, { method: 'POST', headers, body });
}

/** A request the fake Graph API received: its path and JSON body. */
export interface GraphCall {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/**
 * A Graph API that records every call and answers with the replies given for it, in order (the last one repeats);
 * by default a Send API success. Turn the network off around it with `isolateNetwork`.
 */
export function fakeGraph(answer: (call: GraphCall, n: number) => Promise<[number, object]> | [number, object] = (_c, n) => [200, { recipient_id: 'psid', message_id: `m_sent_${n}` }]) {
  const calls: GraphCall[] = [];
  const scope = nock(GRAPH_HOST)
    .persist()
    .post(/.*/)
    .query(true)
    .reply(async (uri, body) => {
      const url = new URL(uri, GRAPH_HOST);
      const json = (typeof body === 'string' ? JSON.parse(body) : body) as Record<string, unknown>;
      const call: GraphCall = { path: url.pathname.slice(GRAPH_VERSION.length), query: url.searchParams, body: json };
      calls.push(call);
      return answer(call, calls.length);
    });
  return {
    calls,
    /** Message bodies sent to the Send API (typing indicators left out). */
    messages: () => calls.filter((c) => c.path === '/me/messages' && 'message' in c.body).map((c) => c.body),
    scope,
  };
}

/** Only loopback (the assistant under test) may be reached for real; everything else must be mocked. */
export function isolateNetwork(): void {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    nock.cleanAll();
  });
  after(() => {
    nock.enableNetConnect();
  });
}
