import { randomBytes, randomUUID } from 'node:crypto';
import { chat, startAssistant, type RunningAssistant } from '../support/server';

/** The integration token every dossier test server accepts. */
export const INTEGRATION_TOKEN = randomBytes(32).toString('hex');
export const ADMIN = { username: 'quantri', password: 'mat-khau-rat-dai-123' };

/** A real assistant with an integration token and a first admin. */
export function startDossierAssistant(env: Record<string, string> = {}): Promise<RunningAssistant> {
  return startAssistant({ INTEGRATION_TOKENS: INTEGRATION_TOKEN, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, ...env });
}

/** Codes handed out in this process: only 87,480 fit the digits allowed, and a suite's few hundred random picks collided. */
const issuedCodes = new Set<string>();

/** A unique code in the portals' shape, so tests sharing Redis never meet (never the same twice in one process). */
export function uniqueCode(prefix = 'G22.42'): string {
  // Only the digits 0–2 (and a valid date), so a code echoed in a reply never looks like the test phone (0912 345 678).
  const pick = <T>(list: readonly T[], n: number) => list[n % list.length];
  for (;;) {
    let n = parseInt(randomUUID().slice(0, 8), 16);
    const date = `${pick(['20', '21', '22'], n)}${pick(['01', '02', '10', '11', '12'], (n = Math.floor(n / 3)))}${pick(['01', '02', '10', '11', '12', '20', '21', '22'], (n = Math.floor(n / 5)))}`;
    const seq = (Math.floor(n / 8) % 3 ** 6).toString(3).padStart(6, '0');
    const code = `${prefix}-${date}-${seq}`;
    if (issuedCodes.has(code)) continue;
    issuedCodes.add(code);
    return code;
  }
}

/** A contract body; the phone ends in 5678 and the applicant is Nguyễn Văn Bình. */
export function dossierBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    procedure: 'tam-tru',
    status: 'processing',
    receivedAt: '2026-03-12T08:00:00+07:00',
    dueAt: '2099-03-20T17:00:00+07:00',
    updatedAt: '2026-03-13T09:00:00+07:00',
    applicantName: 'Nguyễn Văn Bình',
    phone: '0912 345 678',
    note: 'Bổ sung hợp đồng thuê nhà có công chứng',
    ...overrides,
  };
}

/** PUT /api/admin/dossiers/:code with a bearer token. */
export async function putDossier(url: string, token: string | undefined, code: string, body: unknown): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/api/admin/dossiers/${encodeURIComponent(code)}`, { method: 'PUT', headers, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** Signs in and answers the bearer token. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Creates a staff account with the given roles (as the first admin) and answers its token. */
export async function staffToken(url: string, username: string, roles: string[]): Promise<string> {
  const admin = await login(url, ADMIN.username, ADMIN.password);
  const password = `${username}-mat-khau-dai-456`;
  const res = await fetch(`${url}/api/admin/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ username, password, roles }),
  });
  if (res.status !== 201) throw new Error(`account creation answered ${res.status}: ${await res.text()}`);
  return login(url, username, password);
}

/** Every reply text of one chat turn, joined. */
export async function say(url: string, sender: string, message: string): Promise<{ text: string; payloads: string[] }> {
  const replies = await chat(url, sender, message);
  return { text: replies.map((r) => r.text).join('\n'), payloads: replies.flatMap((r) => (r.buttons ?? []).map((b) => b.payload)) };
}
