/**
 * Signed platform webhooks at a fixed 500 deliveries a second against the built assistant in its own process, while a
 * local stand-in for the Zalo and Graph APIs answers every send after 2 s: how fast each platform hears its 200.
 * The acknowledgement must not wait for the answer (Zalo wants it within 2 s, Meta within 20 s, and both retry).
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zaloSignature } from '../src/channels/zalo/zalo-signature';
import { load, type LoadResult } from './support/load';
import { startAssistant } from './support/processes';
import type { BenchOptions, Figure } from './support/report';

const RATE = 500;
const API_DELAY_MS = 2000;
const CITIZENS = 5000;
const APP_ID = '3608465248940903967';
const OA_ID = '3886132808788086450';
const ZALO_SECRET = 'bench-oa-secret';
const META_SECRET = 'bench-app-secret';
const TEXTS = ['xin chào', 'làm tạm trú cần giấy tờ gì', 'cảm ơn', 'hộ chiếu bao lâu có'];

export async function run(options: BenchOptions): Promise<Figure[]> {
  const seconds = options.quick ? 4 : 10;
  let sends = 0;
  const api = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        sends++;
        res.setHeader('content-type', 'application/json');
        // One answer both senders accept: Zalo reads error/data, the Graph API message_id.
        res.end(JSON.stringify({ error: 0, message: 'Success', data: { message_id: `m${sends}` }, recipient_id: 'r', message_id: `m${sends}` }));
      }, API_DELAY_MS),
    );
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const assistant = await startAssistant({
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: 'bench-app-secret',
    ZALO_OA_SECRET_KEY: ZALO_SECRET,
    ZALO_OA_ID: OA_ID,
    ZALO_ACCESS_TOKEN: 'bench-access',
    ZALO_REFRESH_TOKEN: 'bench-refresh',
    ZALO_API_BASE: apiUrl,
    MESSENGER_VERIFY_TOKEN: 'v',
    MESSENGER_APP_SECRET: META_SECRET,
    MESSENGER_PAGE_ACCESS_TOKEN: 't',
    MESSENGER_API_BASE: `${apiUrl}/v25.0`,
  });
  const figures: Figure[] = [];
  try {
    const run = Date.now();
    const zalo = (i: number) => {
      const timestamp = String(Date.now());
      const body = JSON.stringify({
        app_id: APP_ID,
        event_name: 'user_send_text',
        sender: { id: `24${String(i % CITIZENS).padStart(17, '0')}` },
        recipient: { id: OA_ID },
        message: { msg_id: `bench${run}z${i}`, text: TEXTS[i % TEXTS.length] },
        timestamp,
      });
      return { body, headers: { 'x-zevent-signature': `mac=${zaloSignature(APP_ID, Buffer.from(body), timestamp, ZALO_SECRET)}` } };
    };
    const messenger = (i: number) => {
      const now = Date.now();
      const body = JSON.stringify({
        object: 'page',
        entry: [{ id: 'page', time: now, messaging: [{ sender: { id: `psid${i % CITIZENS}` }, recipient: { id: 'page' }, timestamp: now, message: { mid: `m_${run}_${i}`, text: TEXTS[i % TEXTS.length] } }] }],
      });
      return { body, headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', META_SECRET).update(body).digest('hex')}` } };
    };
    const results: [string, LoadResult][] = [];
    for (const [name, path, request] of [
      ['Zalo', '/webhooks/zalo', zalo],
      ['Messenger', '/webhooks/messenger', messenger],
    ] as const) {
      const r = await load({ url: `${assistant.url}${path}`, seconds, connections: 50, rate: RATE, request });
      results.push([name, r]);
      figures.push({
        name: `${name} signed webhook ack p99 at ${RATE} req/s, API answering in 2 s`,
        value: `${r.p99} ms (${Math.round(r.rps)} req/s, errors ${r.errors})`,
        target: '≤ 20 ms',
        met: r.p99 <= 20 && r.errors === 0 && r.rps >= RATE * 0.95,
      });
      // Let the answers of this platform drain before the next one is measured.
      await new Promise((r) => setTimeout(r, API_DELAY_MS + 1000));
    }
    console.log(`Signed webhooks at ${RATE} deliveries/s for ${seconds} s each, ${CITIZENS} citizens, platform API answering in ${API_DELAY_MS} ms`);
    for (const [name, r] of results) {
      console.log(`  ${name.padEnd(10)} ack p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; ${Math.round(r.rps)} req/s, errors ${r.errors} of ${r.requests}`);
    }
    console.log(`  sends answered by the stand-in API so far: ${sends}`);
  } finally {
    await assistant.stop();
    api.close();
  }
  return figures;
}
