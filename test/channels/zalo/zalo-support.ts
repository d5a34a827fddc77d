import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { createZaloTokenRefresher } from '../../../src/channels/zalo/zalo-oauth';
import { ZaloTokens } from '../../../src/channels/zalo/zalo-tokens';
import { createMemoryCoordination } from '../../../src/coordination';
import { createLogger } from '../../../src/ops/logger';
import { createMetrics, type Metrics } from '../../../src/ops/metrics';
import type { Store } from '../../../src/store';
import { createSqliteStore } from '../../../src/store/sqlite';
import { useAssistant, type RunningAssistant } from '../../support/server';

/** Stand-ins for the department's Zalo app and OA; ids are strings of the length Zalo uses. */
export const APP_ID = '3608465248940903967';
export const OA_ID = '3886132808788086450';
export const OA_SECRET_KEY = 'oa-secret-key-from-webhook-settings';
export const APP_SECRET = 'app-secret-key';
export const API_BASE = 'https://openapi.zalo.me';
export const OAUTH_BASE = 'https://oauth.zaloapp.com';

/** The environment of an assistant with the Zalo channel on (tokens as an OA admin's first consent gives them). */
export function zaloEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_OA_SECRET_KEY: OA_SECRET_KEY,
    ZALO_OA_ID: OA_ID,
    ZALO_ACCESS_TOKEN: 'access-token-1',
    ZALO_REFRESH_TOKEN: 'refresh-token-1',
    ZALO_API_BASE: API_BASE,
    ZALO_OAUTH_BASE: OAUTH_BASE,
    ...extra,
  };
}

/** The signature as Zalo computes it: SHA-256 over the UTF-8 of app id + body + timestamp + OA secret key, hex. */
export function zaloMac(rawBody: string, timestamp: string, appId = APP_ID, secret = OA_SECRET_KEY): string {
  return `mac=${createHash('sha256').update(appId + rawBody + timestamp + secret, 'utf8').digest('hex')}`;
}

/** Writes non-ASCII characters as \u escapes, the other way a JSON body may carry Vietnamese. */
export function escapeUnicode(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

let sequence = 0;
/** A msg_id shaped like Zalo's (20 hex characters), unique within the run. */
export function messageId(): string {
  sequence += 1;
  return `${process.pid.toString(16)}${Date.now().toString(16)}${sequence.toString(16)}`.padStart(20, '0').slice(-20);
}

/** A user id shaped like Zalo's (19 digits), unique within the run. */
export function userId(): string {
  sequence += 1;
  return `24${String(Date.now()).slice(-9)}${String(sequence).padStart(8, '0')}`;
}

type Body = Record<string, unknown>;
const base = (event: string, at: number): Body => ({ app_id: APP_ID, user_id_by_app: '5521772797175877300', event_name: event, timestamp: String(at) });

/** Event bodies shaped like Zalo's documented samples. */
export const events = {
  text: (user: string, text: string, at = Date.now(), msgId = messageId()): Body => ({
    ...base('user_send_text', at),
    sender: { id: user },
    recipient: { id: OA_ID },
    message: { msg_id: msgId, text },
  }),
  location: (user: string, latitude: string, longitude: string, at = Date.now()): Body => ({
    ...base('user_send_location', at),
    sender: { id: user },
    recipient: { id: OA_ID },
    message: { msg_id: messageId(), text: '', attachments: [{ type: 'location', payload: { coordinates: { latitude, longitude } } }] },
  }),
  attachment: (user: string, event: string, type: string, at = Date.now()): Body => ({
    ...base(event, at),
    sender: { id: user },
    recipient: { id: OA_ID },
    message: { msg_id: messageId(), attachments: [{ type, payload: { url: 'https://f6.photo.talk.zdn.vn/photo.jpg' } }] },
  }),
  follow: (user: string, event: 'follow' | 'unfollow', at = Date.now()): Body => ({
    ...base(event, at),
    oa_id: OA_ID,
    follower: { id: user },
    source: 'oa_profile',
  }),
  chatNow: (user: string, at = Date.now()): Body => ({ ...base('user_click_chatnow', at), oa_id: OA_ID, user_id: user }),
  echo: (user: string, text: string, msgId: string, adminId?: string, at = Date.now()): Body => ({
    ...base('oa_send_text', at),
    sender: adminId ? { id: OA_ID, admin_id: adminId } : { id: OA_ID },
    recipient: { id: user },
    message: { msg_id: msgId, text },
  }),
};

/** Posts a raw body to the webhook, signed the Zalo way unless `signature` says otherwise. */
export async function deliver(url: string, body: Body | string, signature?: string | null): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = typeof body === 'string' ? String((JSON.parse(body) as Body).timestamp) : String(body.timestamp);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const mac = signature === undefined ? zaloMac(raw, timestamp) : signature;
  if (mac !== null) headers['x-zevent-signature'] = mac;
  return fetch(`${url}/webhooks/zalo`, { method: 'POST', headers, body: raw });
}

/**
 * Resolves once `done()` holds (the channel processes after answering the webhook); fails after `timeoutMs`, by
 * default long enough for a turn or two on a machine several times slower than a developer's (it returns as soon
 * as the effect is there, so a long bound costs nothing when the test passes).
 */
export async function eventually(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One consultation message as Zalo received it. */
export interface Consultation {
  userId: string;
  text: string;
  accessToken: string;
  /** The id Zalo answered with (its echo carries it as `msg_id`). */
  messageId: string;
}

let sentSequence = 0;
/** Zalo's success answer to a send, with a fresh message id. */
export function sentAnswer(): { error: 0; message: string; data: { message_id: string; user_id: string } } {
  sentSequence += 1;
  return { error: 0, message: 'Success', data: { message_id: `5e47${sentSequence.toString(16).padStart(16, '0')}`, user_id: '' } };
}

/** Accepts every consultation message until nock is cleaned, recording them in arrival order. */
export function zaloRecords(): Consultation[] {
  const records: Consultation[] = [];
  nock(API_BASE)
    .persist()
    .post('/v3.0/oa/message/cs')
    .reply(function (_uri, body) {
      const { recipient, message } = body as { recipient: { user_id: string }; message: { text: string } };
      const answer = sentAnswer();
      records.push({ userId: recipient.user_id, text: message.text, accessToken: String(this.req.headers.access_token), messageId: answer.data.message_id });
      return [200, answer];
    });
  return records;
}

/**
 * Records every consultation body Zalo receives, whole, until nock is cleaned; `answer` may refuse some the way Zalo
 * does (HTTP 200 with `error` < 0).
 */
export function zaloBodies(answer: (body: { recipient: { user_id: string } }) => object = () => sentAnswer()): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  nock(API_BASE)
    .persist()
    .post('/v3.0/oa/message/cs')
    .reply((_uri, body) => {
      bodies.push(body as Record<string, unknown>);
      return [200, answer(body as { recipient: { user_id: string } })];
    });
  return bodies;
}

/** What one citizen received, in order. */
export const textsTo = (records: Consultation[], user: string) => records.filter((r) => r.userId === user).map((r) => r.text);

/**
 * For the enclosing mocha `describe`: only loopback is reachable (a call to Zalo without an interceptor fails), and
 * interceptors are cleared after each test.
 */
export function onlyZaloInterceptors(): void {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());
}

/** An assistant with the Zalo channel on, for the enclosing `describe`, behind onlyZaloInterceptors(). */
export function useZaloAssistant(extra: Record<string, string> = {}): () => RunningAssistant {
  onlyZaloInterceptors();
  return useAssistant(zaloEnv(extra));
}

/** Real token handling on a fresh SQLite store, seeded as the configuration would, with the test's clock. */
export interface TokenFixture {
  store: Store;
  metrics: Metrics;
  tokens: ZaloTokens;
  close(): Promise<void>;
}

export async function openTokenFixture(now?: () => Date): Promise<TokenFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zalo-tokens-'));
  const store = createSqliteStore(dir);
  const coordination = createMemoryCoordination();
  const metrics = createMetrics();
  const refresh = createZaloTokenRefresher({ oauthBase: OAUTH_BASE, appId: APP_ID, appSecret: APP_SECRET });
  const tokens = new ZaloTokens({ repository: store.channelTokens, coordination, refresh, logger: createLogger('silent'), metrics, now });
  await tokens.seed('access-token-1', 'refresh-token-1');
  return {
    store,
    metrics,
    tokens,
    async close() {
      tokens.stop();
      await coordination.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An interceptor for Zalo's token endpoint refreshing `refreshToken` (form fields as Zalo's docs give them). */
export function refreshOf(refreshToken: string): nock.Interceptor {
  return nock(OAUTH_BASE).post('/v4/oa/access_token', { refresh_token: refreshToken, app_id: APP_ID, grant_type: 'refresh_token' });
}
