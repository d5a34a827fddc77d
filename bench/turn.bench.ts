/** Whole web-chat turns through the real HTTP server: latency p50/p99 and turns per second, one sender at a time and many at once. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAssistant } from '../src/assistant';
import { loadConfig } from '../src/config';
import { createHttpServer } from '../src/http/app';
import { createLogger } from '../src/ops/logger';
import { percentile } from './support/stats';

const MESSAGES = ['xin chào', 'làm tạm trú cần giấy tờ gì', 'còn lệ phí thì sao', 'công an phường Trưng Vương ở đâu', 'hộ chiếu bao lâu có', 'menu'];
const ROUNDS = 60;
const SENDERS = 20;

async function post(url: string, sender: string, message: string): Promise<void> {
  const res = await fetch(`${url}/webhooks/rest/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sender, message }) });
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  await res.arrayBuffer();
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-turn-'));
  // The chat rate limit is off: one bench client sends hundreds of turns a second from one address.
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', CHAT_RATE_LIMIT_PER_MINUTE: '0' });
  const assistant = await createAssistant(config, createLogger('silent'));
  const server = createHttpServer(assistant.app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const m of MESSAGES) await post(url, 'warmup', m);
    const latencies: number[] = [];
    const started = performance.now();
    for (let r = 0; r < ROUNDS; r++) {
      for (const m of MESSAGES) {
        const t = performance.now();
        await post(url, 'one', m);
        latencies.push(performance.now() - t);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log('web chat turn (HTTP + parse + dialog + SQLite state), one sender');
    console.log(`  latency   p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`);
    console.log(`  rate      ${Math.round(latencies.length / seconds)} turns/s`);

    const concurrentStart = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, s) => {
        for (let r = 0; r < ROUNDS / 4; r++) for (const m of MESSAGES) await post(url, `many-${s}`, m);
      }),
    );
    const total = SENDERS * (ROUNDS / 4) * MESSAGES.length;
    console.log(`  ${SENDERS} senders at once: ${Math.round(total / ((performance.now() - concurrentStart) / 1000))} turns/s`);
  } finally {
    server.close();
    await assistant.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
