/**
 * Messenger webhooks through the real HTTP server against a Graph API that takes GRAPH_DELAY_MS per call: how fast
 * Meta hears 200 (verify, journal, ack) and how long until every citizen's answers are sent.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createAssistant } from '../src/assistant';
import { loadConfig } from '../src/config';
import { createHttpServer } from '../src/http/app';
import { createLogger } from '../src/ops/logger';
import { percentile } from './support/stats';

const MESSAGES = ['xin chào', 'làm tạm trú cần giấy tờ gì', 'còn lệ phí thì sao', 'công an phường Trưng Vương ở đâu', 'hộ chiếu bao lâu có', 'cảm ơn'];
const CITIZENS = 20;
const GRAPH_DELAY_MS = 300;
const SECRET = 'bench-secret';

/** A stand-in Graph API on loopback: every call answers after GRAPH_DELAY_MS. */
async function slowGraph(): Promise<{ url: string; calls: () => number; close: () => void }> {
  let calls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ message_id: `m_${calls}` })), GRAPH_DELAY_MS);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v25.0`, calls: () => calls, close: () => server.close() };
}

export async function run(): Promise<void> {
  const graph = await slowGraph();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-messenger-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    MESSENGER_VERIFY_TOKEN: 'v',
    MESSENGER_APP_SECRET: SECRET,
    MESSENGER_PAGE_ACCESS_TOKEN: 't',
    MESSENGER_API_BASE: graph.url,
  });
  const assistant = await createAssistant(config, createLogger('silent'));
  const server = createHttpServer(assistant.app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/messenger`;
  let n = 0;
  const post = async (psid: string, text: string): Promise<number> => {
    const body = JSON.stringify({ object: 'page', entry: [{ id: 'page', time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: 'page' }, timestamp: Date.now(), message: { mid: `m_bench_${++n}`, text } }] }] });
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    return performance.now() - t;
  };
  try {
    // The ack path alone: one delivery at a time on an otherwise idle process.
    const quiet: number[] = [];
    for (let i = 0; i < 30; i++) {
      quiet.push(await post('quiet', MESSAGES[i % MESSAGES.length]));
      await assistant.messenger!.idle();
    }
    quiet.sort((a, b) => a - b);
    const started = performance.now();
    const acks = (
      await Promise.all(Array.from({ length: CITIZENS }, async (_, c) => {
        const own: number[] = [];
        for (const m of MESSAGES) own.push(await post(`citizen-${c}`, m));
        return own;
      }))
    ).flat();
    const acked = performance.now() - started;
    await assistant.messenger!.idle();
    const answered = (performance.now() - started) / 1000;
    acks.sort((a, b) => a - b);
    console.log(`Messenger webhooks: ${CITIZENS} citizens × ${MESSAGES.length} messages, Graph API answering in ${GRAPH_DELAY_MS} ms`);
    console.log(`  ack on an idle process         p50 ${percentile(quiet, 50).toFixed(2)} ms, p99 ${percentile(quiet, 99).toFixed(2)} ms`);
    console.log(`  ack while answering the others p50 ${percentile(acks, 50).toFixed(2)} ms, p99 ${percentile(acks, 99).toFixed(2)} ms, all acknowledged in ${(acked / 1000).toFixed(2)} s`);
    console.log(`  every answer sent after ${answered.toFixed(2)} s (${graph.calls()} Graph calls; one citizen's sends run one after another)`);
  } finally {
    server.close();
    await assistant.close();
    graph.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
