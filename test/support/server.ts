import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { createAssistant, type Assistant, type AssistantOptions } from '../../src/assistant';
import type { RestMessage } from '../../src/channels/rest/rest-adapter';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/ops/logger';

/** A real assistant listening on a random loopback port, with its own temporary data folder. */
export interface RunningAssistant {
  url: string;
  assistant: Assistant;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts the whole assistant as `npm start` would (same composition root), with env overrides (and a clock, senders) for the test. */
export async function startAssistant(env: Record<string, string> = {}, options: AssistantOptions = {}): Promise<RunningAssistant> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assistant-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const assistant = await createAssistant(config, createLogger(config.LOG_LEVEL), options);
  const server: Server = await new Promise((resolve) => {
    const s = assistant.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    assistant,
    dataDir,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await assistant.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sends one web-chat message and answers the replies. */
export async function chat(url: string, sender: string, message: string): Promise<RestMessage[]> {
  const res = await fetch(`${url}/webhooks/rest/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sender, message }),
  });
  if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
  return res.json() as Promise<RestMessage[]>;
}

/** Starts one real assistant for the enclosing mocha `describe` and stops it afterwards; call the getter inside tests. */
export function useAssistant(env: Record<string, string> = {}): () => RunningAssistant {
  let running: RunningAssistant | undefined;
  before(async () => {
    running = await startAssistant(env);
  });
  after(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error('the assistant is not started yet (use the getter inside a test)');
    return running;
  };
}
