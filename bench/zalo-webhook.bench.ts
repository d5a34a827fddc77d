/**
 * Zalo webhook under a slow Zalo API: how fast deliveries are acknowledged (Zalo wants < 2 s) while every send takes
 * 2 s, and how long the answers take to get out. A local HTTP server stands in for openapi.zalo.me.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createAssistant } from '../src/assistant';
import { zaloSignature } from '../src/channels/zalo/zalo-signature';
import { loadConfig } from '../src/config';
import { createHttpServer } from '../src/http/app';
import { createLogger } from '../src/ops/logger';
import { percentile } from './support/stats';

const APP_ID = '3608465248940903967';
const OA_ID = '3886132808788086450';
const SECRET = 'bench-oa-secret';
const API_DELAY_MS = 2000;
const CITIZENS = 50;
const MESSAGES_EACH = 4;

export async function run(): Promise<void> {
  let sends = 0;
  const zalo = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        sends += 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: 0, message: 'Success', data: { message_id: `m${sends}` } }));
      }, API_DELAY_MS),
    );
  });
  zalo.listen(0, '127.0.0.1');
  await new Promise((r) => zalo.once('listening', r));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-zalo-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: 'bench-app-secret',
    ZALO_OA_SECRET_KEY: SECRET,
    ZALO_OA_ID: OA_ID,
    ZALO_ACCESS_TOKEN: 'bench-access',
    ZALO_REFRESH_TOKEN: 'bench-refresh',
    ZALO_API_BASE: `http://127.0.0.1:${(zalo.address() as AddressInfo).port}`,
  });
  const assistant = await createAssistant(config, createLogger('silent'));
  const server = createHttpServer(assistant.app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zalo`;
  let n = 0;
  const deliver = async (user: string, text: string): Promise<number> => {
    n += 1;
    const timestamp = String(Date.now());
    const raw = JSON.stringify({ app_id: APP_ID, event_name: 'user_send_text', sender: { id: user }, recipient: { id: OA_ID }, message: { msg_id: `bench${n}`, text }, timestamp });
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${zaloSignature(APP_ID, Buffer.from(raw), timestamp, SECRET)}` }, body: raw });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    return performance.now() - t;
  };
  try {
    const started = performance.now();
    const latencies = (
      await Promise.all(
        Array.from({ length: CITIZENS }, async (_, c) => {
          const own: number[] = [];
          for (let m = 0; m < MESSAGES_EACH; m++) own.push(await deliver(`24${String(c).padStart(17, '0')}`, m % 2 ? 'tạm biệt' : 'cảm ơn'));
          return own;
        }),
      )
    )
      .flat()
      .sort((a, b) => a - b);
    const acked = (performance.now() - started) / 1000;
    const total = CITIZENS * MESSAGES_EACH;
    while (sends < total) await new Promise((r) => setTimeout(r, 50));
    console.log(`Zalo webhook, ${CITIZENS} citizens × ${MESSAGES_EACH} messages, Zalo API answering in ${API_DELAY_MS} ms`);
    console.log(`  acknowledgement  p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (all ${total} in ${acked.toFixed(2)} s)`);
    console.log(`  all answers sent after ${((performance.now() - started) / 1000).toFixed(1)} s (each citizen's ${MESSAGES_EACH} in turn: ≥ ${(MESSAGES_EACH * API_DELAY_MS) / 1000} s)`);
  } finally {
    server.close();
    zalo.close();
    await assistant.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
