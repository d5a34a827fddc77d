import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { createAssistant, type Assistant, type AssistantOptions } from '../../src/assistant';
import type { RestMessage } from '../../src/channels/rest/rest-adapter';
import { loadConfig } from '../../src/config';
import { createHttpServer } from '../../src/http/app';
import { createLogger, type Logger } from '../../src/ops/logger';
import { testModelCache } from './model-cache';

/** A real assistant listening on a random loopback port, with its own temporary data folder. */
export interface RunningAssistant {
  url: string;
  assistant: Assistant;
  dataDir: string;
  /** As SIGTERM closes it; `by`: the close's deadline (Assistant.close). */
  close(options?: { by?: number }): Promise<void>;
}

/** Trained models (and parsed YAML) of the assistants this process starts; see test/support/model-cache.ts. */
const sharedModelCache = testModelCache('assistant');

/** Puts into `to` each file of `from` it lacks: a hard link (caches are replaced by a rename, never written in place), else a copy. */
function shareFiles(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    const [source, target] = [path.join(from, name), path.join(to, name)];
    if (name.endsWith('.tmp') || fs.existsSync(target)) continue;
    try {
      fs.linkSync(source, target);
    } catch (err) {
      // Another instance of a multi-instance test shared it first (EEXIST); another disk cannot link (EXDEV).
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') fs.copyFileSync(source, target);
    }
  }
}

/**
 * Starts the whole assistant as `npm start` would (same composition root), with env overrides (and a clock, senders) for the test.
 * The chat rate limit is off unless a test sets CHAT_RATE_LIMIT_PER_MINUTE: tests talk fast, all from 127.0.0.1.
 * Staff passwords are hashed at a low scrypt cost unless a test sets STAFF_PASSWORD_COST (OWASP's cost takes
 * seconds per hash on a busy shared machine; test/admin/passwords.test.ts and the upgrade test use it). A test that
 * reads the log lines passes its own `logger`.
 */
export async function startAssistant(env: Record<string, string> = {}, options: AssistantOptions = {}, logger?: Logger): Promise<RunningAssistant> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assistant-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', CHAT_RATE_LIMIT_PER_MINUTE: '0', STAFF_PASSWORD_COST: '12', ...env });
  const modelCache = path.join(config.dataDir, 'model-cache');
  shareFiles(sharedModelCache, modelCache);
  const assistant = await createAssistant(config, logger ?? createLogger(config.LOG_LEVEL), options);
  shareFiles(modelCache, sharedModelCache);
  const server: Server = await new Promise((resolve) => {
    const s = createHttpServer(assistant.app).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    assistant,
    dataDir,
    async close(how = {}) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await assistant.close(how.by);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A Redis key prefix of its own for one test run (tests share one Redis with other runs on the machine). */
export function uniqueRedisPrefix(topic: string): string {
  return `test:${topic}:${process.pid}:${randomUUID()}:`;
}

/** Sends one web-chat message (optionally as if forwarded for `forwardedFor`) and answers the replies. */
export async function chat(url: string, sender: string, message: string, forwardedFor?: string): Promise<RestMessage[]> {
  const res = await fetch(`${url}/webhooks/rest/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ sender, message }),
  });
  if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
  return res.json() as Promise<RestMessage[]>;
}

/** Starts one real assistant for the enclosing mocha `describe` and stops it afterwards; call the getter inside tests. */
export function useAssistant(env: Record<string, string> = {}, options: AssistantOptions = {}): () => RunningAssistant {
  let running: RunningAssistant | undefined;
  before(async () => {
    running = await startAssistant(env, options);
  });
  after(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error('the assistant is not started yet (use the getter inside a test)');
    return running;
  };
}
