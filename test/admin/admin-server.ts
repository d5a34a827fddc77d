/** Test harness for the admin API: the real assistant on a loopback port, with a temp content copy and known staff. */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { Router, type RequestHandler } from 'express';
import { createAdminModule, type AdminAuth } from '../../src/admin';
import { loadConfig, projectRoot } from '../../src/config';
import { createHttpApp } from '../../src/http/app';
import { loadTranslator } from '../../src/i18n/translator';
import { createLogger } from '../../src/ops/logger';
import type { Role } from '../../src/store/ports';
import type { AssistantOptions } from '../../src/assistant';
import { startAssistant, type RunningAssistant } from '../support/server';

/** The bootstrap admin every test server starts with. */
export const ADMIN = { username: 'chief', password: 'tram gac sang som 47 ngon' };
/** The one-stop system's integration token configured on every test server. */
export const INTEGRATION_TOKEN = 'one-stop-integration-token-0123456789abcdef';

/** Answer of one API call: status, parsed JSON body (or text), headers. */
export interface ApiAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** Options of one API call. */
export interface CallOptions {
  token?: string;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** A running assistant plus helpers to call its admin API. */
export interface AdminServer {
  url: string;
  running: RunningAssistant;
  contentDir: string;
  env: Record<string, string>;
  call(method: string, path: string, options?: CallOptions): Promise<ApiAnswer>;
  /** Logs in and answers the token; throws unless the login succeeds. */
  login(username: string, password: string): Promise<string>;
  /** Creates an account with `roles` through the API (as the admin) and answers its token. */
  staff(username: string, roles: Role[]): Promise<string>;
  close(): Promise<void>;
}

/** Sends one request to `base` and reads the answer. */
export async function callApi(base: string, method: string, urlPath: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) body = options.text;
  const res = await fetch(`${base}${urlPath}`, { method, headers, body });
  const raw = await res.text();
  let parsed: unknown = raw;
  try {
    parsed = raw ? JSON.parse(raw) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Copies the shipped content into a temp dir, so a test may break or replace files. */
export function copyContent(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-content-'));
  fs.cpSync(path.join(projectRoot, 'content'), dir, { recursive: true });
  return dir;
}

/** Starts the real assistant with ADMIN / INTEGRATION_TOKEN configured and a private content copy. */
export async function startAdminServer(env: Record<string, string> = {}, options: AssistantOptions = {}): Promise<AdminServer> {
  const contentDir = copyContent();
  const fullEnv = {
    CONTENT_DIR: contentDir,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    INTEGRATION_TOKENS: `short-lived-other-token-abcdefghijklmnop,${INTEGRATION_TOKEN}`,
    ...env,
  };
  const running = await startAssistant(fullEnv, options);
  const call = (method: string, urlPath: string, options?: CallOptions) => callApi(running.url, method, urlPath, options);
  const login = async (username: string, password: string) => {
    const answer = await call('POST', '/api/admin/login', { json: { username, password } });
    if (answer.status !== 200) throw new Error(`login of ${username} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body.token as string;
  };
  let adminToken: string | undefined;
  return {
    url: running.url,
    running,
    contentDir,
    env: fullEnv,
    call,
    login,
    async staff(username, roles) {
      adminToken ??= await login(ADMIN.username, ADMIN.password);
      const password = `${username}-password-long-enough`;
      const created = await call('POST', '/api/admin/accounts', { token: adminToken, json: { username, password, roles } });
      if (created.status !== 201) throw new Error(`creating ${username} answered ${created.status}: ${JSON.stringify(created.body)}`);
      return login(username, password);
    },
    async close() {
      await running.close();
      fs.rmSync(contentDir, { recursive: true, force: true });
    },
  };
}

/**
 * A second tiny app sharing the server's store, coordination and content, with a route guarded by `guard`
 * (as the dossier routes will be), so guards can be driven over HTTP before those routes exist.
 */
export async function startProbe(server: AdminServer, guard: (auth: AdminAuth) => RequestHandler): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig({ DATA_DIR: server.running.dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...server.env });
  const logger = createLogger('silent');
  const { assistant } = server.running;
  const translator = loadTranslator(path.join(server.contentDir, 'locales'));
  const admin = await createAdminModule({ config, store: assistant.store, coordination: assistant.coordination, knowledge: assistant.knowledge, translator, logger });
  const router = Router();
  router.put('/probe/:code', guard(admin.auth), (_req, res) => {
    res.json({ actor: res.locals.actor });
  });
  const app = createHttpApp({ logger, routers: [router] });
  const listening: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = listening.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => listening.close(() => resolve())),
  };
}
