/**
 * Fuzzing the public doors with thousands of malformed and hostile inputs (fast-check): the web chat's webhook,
 * /model/parse, and the Messenger and Zalo webhooks both unsigned and signed for real (so hostile bodies get past the
 * signature check and reach the parsers and the bot). Every answer must be below 500, the process must not crash or be
 * polluted, and the heap must come back to a bounded size once the accepted deliveries are processed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import zlib from 'node:zlib';
import fc from 'fast-check';
import nock from 'nock';
import { readDelivery } from '../../src/channels/messenger/messenger-events';
import { Database } from '../../src/store/sqlite/driver';
import { API_BASE, APP_ID, OA_ID, zaloEnv, zaloMac } from '../channels/zalo/zalo-support';
import { GRAPH_HOST, PAGE_ID, hubSignature, messengerEnv } from '../support/messenger';
import { startAssistant, uniqueRedisPrefix, type RunningAssistant } from '../support/server';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** A request as the fuzzer sends it. */
interface Attempt {
  body: Buffer;
  headers: Record<string, string>;
}

// ---- hostile pieces --------------------------------------------------------------------------------------------

const edgeStrings = [
  '',
  '\u0000',
  '\ud800', // lone surrogates: not valid UTF-16, not encodable as UTF-8
  'a\udfffb',
  '\ufeff{}',
  '\u202eRTL override',
  'zero\u200bwidth\u200djoin',
  'e\u0301'.repeat(2000), // combining marks
  '🇻🇳👨‍👩‍👧‍👦'.repeat(300),
  'Đăng ký tạm trú ở phường Phan Đình Phùng',
  'dang ky tam tru',
  '<script>alert(1)</script>',
  "'; DROP TABLE state; --",
  '${jndi:ldap://x}',
  '{{constructor.constructor("return process")()}}',
  '%s%s%s%n',
  '../../../../etc/passwd',
  '/dossier_status{"dossier_code":"\\u0000"}',
  '/change_language{"language":{"__proto__":1}}',
  '/human_agent',
  '113',
  '9'.repeat(400),
  'NaN',
  '-0',
  '1e309',
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 3, arbitrary: fc.constantFrom(...edgeStrings) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  // Long ones (up to the web chat's message cap and far past it); kept rare so the run stays short.
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 60_000 }).map((n) => 'Ơ'.repeat(n)) },
);
const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__');
const key = fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }, { weight: 1, arbitrary: protoKey }, { weight: 1, arbitrary: fc.constantFrom(...edgeStrings.slice(0, 8)) });

/** JSON text of a hostile value, written by hand so keys such as __proto__ and duplicate keys survive into the bytes. */
type Hostile = { t: 'atom'; v: unknown } | { t: 'array'; items: Hostile[] } | { t: 'object'; entries: [string, Hostile][] };
const { hostile } = fc.letrec<{ hostile: Hostile }>((tie) => ({
  hostile: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.integer(), fc.constant(1e308), hostileString).map((v): Hostile => ({ t: 'atom', v })),
    fc.array(tie('hostile'), { maxLength: 4 }).map((items): Hostile => ({ t: 'array', items })),
    fc.array(fc.tuple(key, tie('hostile')), { maxLength: 5 }).map((entries): Hostile => ({ t: 'object', entries })),
  ),
}));
function toJson(h: Hostile): string {
  if (h.t === 'atom') return JSON.stringify(h.v) ?? 'null';
  if (h.t === 'array') return `[${h.items.map(toJson).join(',')}]`;
  return `{${h.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
}
const hostileJson = hostile.map(toJson);
/** A value for a field that should be a string: anything JSON can carry, or a hostile string. */
const field = fc.oneof({ weight: 2, arbitrary: hostileString.map((s) => JSON.stringify(s)) }, { weight: 1, arbitrary: hostileJson });

/** Nesting deep enough to break anything recursive (the body limits still apply). */
const deepJson = fc.tuple(fc.integer({ min: 1000, max: 100_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) =>
  open === '[' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
);
const brokenJson = fc.oneof(
  fc.constantFrom('', '{', '{"sender":', 'null', '[]', '"just a string"', '12', 'true', '{"a":1,}', "{'a':1}", '{"a":NaN}', '\u0000', '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}'),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=koi8-r',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
);

/** Content-Encoding games: a plain body that lies about its encoding, a real one, and a gzip bomb. */
const encodings = fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'none', 'gzip-lie', 'gzip', 'deflate', 'br', 'unknown', 'bomb');
const GZIP_BOMB = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, '['));

function encode(text: string, how: string, contentType: string): Attempt {
  const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
  const raw = Buffer.from(text, 'utf8');
  switch (how) {
    case 'gzip-lie':
      return { body: raw, headers: { ...headers, 'content-encoding': 'gzip' } };
    case 'gzip':
      return { body: zlib.gzipSync(raw), headers: { ...headers, 'content-encoding': 'gzip' } };
    case 'deflate':
      return { body: zlib.deflateSync(raw), headers: { ...headers, 'content-encoding': 'deflate' } };
    case 'br':
      return { body: zlib.brotliCompressSync(raw), headers: { ...headers, 'content-encoding': 'br' } };
    case 'unknown':
      return { body: raw, headers: { ...headers, 'content-encoding': 'x-zip, identity' } };
    case 'bomb':
      return { body: GZIP_BOMB, headers: { ...headers, 'content-encoding': 'gzip' } };
    default:
      return { body: raw, headers };
  }
}

/** A hostile request for a door whose well-formed bodies look like `shaped`. */
const hostileRequest = (shaped: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 2, arbitrary: hostileJson }, { weight: 1, arbitrary: brokenJson }, { weight: 1, arbitrary: deepJson }),
      encodings,
      contentTypes,
    )
    .map(([text, how, type]) => encode(text, how, type));

// ---- the doors -------------------------------------------------------------------------------------------------

const obj = (...entries: [string, fc.Arbitrary<string>][]) =>
  fc.tuple(...entries.map(([k, v]) => fc.option(v, { freq: 6 }).map((s) => (s === null ? '' : `${JSON.stringify(k)}:${s}`)))).map((parts) => `{${parts.filter(Boolean).join(',')}}`);

const restBody = obj(['sender', field], ['message', field], ['metadata', hostileJson]);
const parseBody = obj(['text', field], ['locale', fc.oneof(fc.constantFrom('"vi"', '"en"', '"__proto__"'), field)]);

const messengerEvent = obj(
  ['sender', obj(['id', field])],
  ['recipient', obj(['id', fc.constant(JSON.stringify(PAGE_ID))])],
  ['timestamp', fc.oneof(fc.constant(String(Date.now())), field)],
  ['message', obj(['mid', fc.uuid().map((u) => JSON.stringify(`m_${u}`))], ['text', field], ['quick_reply', obj(['payload', field])], ['attachments', hostileJson], ['is_echo', field])],
  ['postback', obj(['payload', field], ['title', field])],
  ['pass_thread_control', hostileJson],
);
const messengerBody = obj(
  ['object', fc.oneof(fc.constant('"page"'), field)],
  ['entry', fc.array(obj(['id', fc.constant(JSON.stringify(PAGE_ID))], ['time', field], ['messaging', fc.array(messengerEvent, { maxLength: 3 }).map((e) => `[${e.join(',')}]`)], ['standby', hostileJson]), { maxLength: 3 }).map((e) => `[${e.join(',')}]`)],
);

const zaloEvents = ['user_send_text', 'user_send_image', 'user_send_location', 'user_send_sticker', 'follow', 'unfollow', 'oa_send_text', 'user_click_chatnow', 'user_received_message', 'anonymous_send_text'];
/** A Zalo body with a current timestamp (so a signed one passes the replay check) and hostile everything else. */
const zaloBody = fc
  .tuple(
    obj(
      ['app_id', fc.oneof(fc.constant(JSON.stringify(APP_ID)), field)],
      ['event_name', fc.oneof(fc.constantFrom(...zaloEvents).map((e) => JSON.stringify(e)), field)],
      ['sender', obj(['id', field])],
      ['follower', obj(['id', field])],
      ['recipient', obj(['id', fc.oneof(fc.constant(JSON.stringify(OA_ID)), field)])],
      ['user_id_by_app', field],
      ['message', obj(['msg_id', fc.uuid().map((u) => JSON.stringify(u.replace(/-/g, '')))], ['text', field], ['attachments', hostileJson])],
    ),
    fc.constantFrom('now', 'now', 'now', 'hostile'),
    field,
  )
  .map(([body, when, bad]) => {
    const timestamp = when === 'now' ? JSON.stringify(String(Date.now())) : bad;
    return body === '{}' ? `{"timestamp":${timestamp}}` : `{"timestamp":${timestamp},${body.slice(1)}`;
  });

describe('hostile and malformed input at every public door (fast-check)', function () {
  this.timeout(300_000);
  let server: RunningAssistant;
  const statuses = new Map<string, Map<number, number>>();
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);
  let heapBefore = 0;

  before(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    // The platforms answer every send as a success: the fuzz is about what comes in.
    nock(GRAPH_HOST).persist().post(/.*/).query(true).reply(200, { recipient_id: 'psid', message_id: 'm_sent' });
    nock(GRAPH_HOST).persist().get(/.*/).query(true).reply(200, {});
    nock(API_BASE).persist().post(/.*/).query(true).reply(200, { error: 0, message: 'Success', data: { message_id: 'z', user_id: 'u' } });
    nock(API_BASE).persist().get(/.*/).query(true).reply(200, { error: 0, message: 'Success', data: {} });
    server = await startAssistant({
      ...messengerEnv,
      ...zaloEnv(),
      CHAT_RATE_LIMIT_PER_MINUTE: '0',
      WEBHOOK_FAILED_VERIFICATIONS_PER_HOUR: '0',
      LOG_LEVEL: process.env.FUZZ_LOG ?? 'silent',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: uniqueRedisPrefix('fuzz'),
    });
    gc();
    heapBefore = process.memoryUsage().heapUsed;
  });

  after(async () => {
    await server?.close();
    nock.cleanAll();
    nock.enableNetConnect();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  });

  async function send(door: string, urlPath: string, attempt: Attempt): Promise<number> {
    const res = await fetch(`${server.url}${urlPath}`, { method: 'POST', headers: attempt.headers, body: new Uint8Array(attempt.body) });
    await res.arrayBuffer();
    const seen = statuses.get(door) ?? new Map<number, number>();
    seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
    statuses.set(door, seen);
    return res.status;
  }

  const below500 = (door: string, urlPath: string, sign?: (a: Attempt) => Attempt) => async (attempt: Attempt) => {
    const status = await send(door, urlPath, sign ? sign(attempt) : attempt);
    assert.ok(status < 500, `${door} answered ${status} to ${attempt.body.subarray(0, 300).toString('latin1')} with ${JSON.stringify(attempt.headers)}`);
  };

  it('reads signed Messenger bodies whose values refuse to become text or numbers (found by this fuzz)', () => {
    // {"toString":1} makes String() and Number() throw; a throw kept the delivery in the journal, replayed for ever.
    const poison = { toString: 1 };
    const body = {
      object: 'page',
      entry: [{ id: PAGE_ID, messaging: [
        { sender: { id: 'p' }, timestamp: poison, message: { mid: 'm1', attachments: [{ type: poison }, { type: 'location', payload: { coordinates: { lat: poison, long: [poison] } } }] } },
        { sender: { id: 'p' }, timestamp: [poison], postback: { title: 't' } },
      ] }],
    };
    assert.doesNotThrow(() => readDelivery({ object: poison, entry: [] }, '1'));
    assert.equal(readDelivery(body, '1').length, 2);
  });

  it('the web chat webhook answers every hostile body below 500', async () => {
    await fc.assert(fc.asyncProperty(hostileRequest(restBody), below500('rest', '/webhooks/rest/webhook')), { numRuns: 700 });
  });

  it('/model/parse answers every hostile body below 500', async () => {
    await fc.assert(fc.asyncProperty(hostileRequest(parseBody), below500('parse', '/model/parse')), { numRuns: 600 });
  });

  it('the Messenger webhook refuses unsigned and forged bodies, and survives hostile bodies signed for real', async () => {
    const forged = fc.tuple(hostileRequest(messengerBody), fc.constantFrom('', 'sha256=00', 'sha1=abc', 'sha256=' + 'f'.repeat(64), hubSignature('{}')));
    await fc.assert(
      fc.asyncProperty(forged, async ([attempt, signature]) => {
        const headers = signature ? { ...attempt.headers, 'x-hub-signature-256': signature } : attempt.headers;
        await below500('messenger-forged', '/webhooks/messenger')({ ...attempt, headers });
      }),
      { numRuns: 300 },
    );
    // Signed over the bytes as sent, with no Content-Encoding: the platform's own shape with hostile values inside.
    const signed = fc.oneof({ weight: 4, arbitrary: messengerBody }, { weight: 1, arbitrary: hostileJson }, { weight: 1, arbitrary: deepJson });
    await fc.assert(
      fc.asyncProperty(signed, async (text) => {
        const headers = { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(text) };
        await below500('messenger-signed', '/webhooks/messenger')({ body: Buffer.from(text, 'utf8'), headers });
      }),
      { numRuns: 400 },
    );
  });

  it('the Zalo webhook refuses unsigned and forged bodies, and survives hostile bodies signed for real', async () => {
    const forged = fc.tuple(hostileRequest(zaloBody), fc.constantFrom('', 'mac=00', 'mac=' + '0'.repeat(64), 'sha256=abc'));
    await fc.assert(
      fc.asyncProperty(forged, async ([attempt, mac]) => {
        const headers = mac ? { ...attempt.headers, 'x-zevent-signature': mac } : attempt.headers;
        await below500('zalo-forged', '/webhooks/zalo')({ ...attempt, headers });
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(zaloBody, async (text) => {
        const timestamp = /^\{"timestamp":"(\d+)"/.exec(text)?.[1] ?? '';
        await below500('zalo-signed', '/webhooks/zalo')({
          body: Buffer.from(text, 'utf8'),
          headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloMac(text, timestamp) },
        });
      }),
      { numRuns: 400 },
    );
  });

  it('leaves no crash, no polluted prototype, a ready server, and a bounded heap once accepted deliveries are processed', async () => {
    const db = new Database(path.join(server.dataDir, 'assistant.sqlite'), { readonly: true });
    try {
      let waiting = Infinity;
      // The signed fuzz leaves a backlog of turns: a few seconds here, given two minutes on a slow machine.
      for (const deadline = Date.now() + 120_000; waiting > 0 && Date.now() < deadline; ) {
        waiting = (db.prepare('SELECT count(*) AS n FROM inbound_journal').get() as { n: number }).n;
        if (waiting > 0) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(waiting, 0, 'every accepted delivery was processed (or given up on), none left hanging');
    } finally {
      db.close();
    }
    assert.deepEqual(crashes, []);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeBefore);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
    const chat = await fetch(`${server.url}/webhooks/rest/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sender: `after-${randomUUID()}`, message: 'xin chào' }) });
    assert.equal(chat.status, 200, 'a citizen is still answered');
    gc();
    const grown = process.memoryUsage().heapUsed - heapBefore;
    const total = [...statuses.values()].reduce((n, m) => n + [...m.values()].reduce((a, b) => a + b, 0), 0);
    console.log(`      fuzz: ${total} requests; status counts ${JSON.stringify(Object.fromEntries([...statuses].map(([d, m]) => [d, Object.fromEntries(m)])))}; heap ${(heapBefore / 2 ** 20).toFixed(1)} MB before, grew ${(grown / 2 ** 20).toFixed(1)} MB`);
    assert.ok(total >= 2500, `thousands of inputs (${total})`);
    assert.ok(grown < 48 * 2 ** 20, `heap grew ${(grown / 2 ** 20).toFixed(1)} MB over the fuzz`);
  });
});
