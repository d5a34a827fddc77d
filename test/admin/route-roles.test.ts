/**
 * Every route of the staff side (/api/admin/… and the /admin page), found by walking the Express router stack of the
 * real assistant, with the callers it admits proven over HTTP. A route added without an entry below fails this test
 * until its role requirement is written down here (and so reviewed).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import nock from 'nock';
import type { Role } from '../../src/store/ports';
import { chat } from '../support/server';
import { API_BASE as ZALO_API_BASE, zaloEnv } from '../channels/zalo/zalo-support';
import { INTEGRATION_TOKEN, startAdminServer, type AdminServer } from './admin-server';

/** Who may call a route: anyone, any staff, staff with one of these roles (admin always), or also the integration token. */
type Access = { public: true } | { staff: 'any' | Role[]; integration?: true };

const ANYONE: Access = { public: true };
const ANY_STAFF: Access = { staff: 'any' };
const only = (...roles: Role[]): Access => ({ staff: roles });

const EXPECTED: Record<string, Access> = {
  'GET /admin': ANYONE,
  'GET /admin/assets/*': ANYONE,
  'GET /api/admin/labels': ANYONE,
  'POST /api/admin/login': ANYONE,
  'POST /api/admin/logout': ANY_STAFF,
  'GET /api/admin/me': ANY_STAFF,
  'PUT /api/admin/me/password': ANY_STAFF,
  'GET /api/admin/accounts': only('admin'),
  'POST /api/admin/accounts': only('admin'),
  'PATCH /api/admin/accounts/:username': only('admin'),
  'GET /api/admin/audit': only('admin'),
  'POST /api/admin/content/reload': only('editor'),
  'PUT /api/admin/offices': only('editor'),
  'GET /api/admin/unanswered': only('editor'),
  'GET /api/admin/feedback': only('desk', 'editor'),
  'GET /api/admin/stats/activity': ANY_STAFF,
  'GET /api/admin/reports/dossiers': ANY_STAFF,
  'PUT /api/admin/dossiers/:code': { staff: ['desk'], integration: true },
  'POST /api/admin/dossiers/import': only('desk'),
  'GET /api/admin/dossiers': only('desk'),
  'GET /api/admin/dossiers/imports': only('desk'),
  'GET /api/admin/dossiers/template.csv': only('desk'),
  'GET /api/admin/dossiers/:code': only('desk'),
  'GET /api/admin/handoffs': only('desk'),
  'GET /api/admin/handoffs/:id': only('desk'),
  'POST /api/admin/handoffs/:id/claim': only('desk'),
  'POST /api/admin/handoffs/:id/messages': only('desk'),
  'POST /api/admin/handoffs/:id/close': only('desk'),
  'POST /api/admin/citizen-data/export': only('admin'),
  'POST /api/admin/citizen-data/erase': only('admin'),
  'GET /api/admin/announcements/options': only('propaganda'),
  'GET /api/admin/announcements': only('propaganda'),
  'POST /api/admin/announcements': only('propaganda'),
  'POST /api/admin/announcements/preview': only('propaganda'),
  'POST /api/admin/announcements/audience': only('propaganda'),
  'GET /api/admin/announcements/:id': only('propaganda'),
  'GET /api/admin/announcements/:id/deliveries': only('propaganda'),
  'GET /api/admin/announcements/:id/deliveries.csv': only('propaganda'),
  'POST /api/admin/announcements/:id/zalo-article': only('propaganda'),
  'PUT /api/admin/announcements/:id': only('propaganda'),
  'POST /api/admin/announcements/:id/schedule': only('propaganda'),
  'POST /api/admin/announcements/:id/send': only('propaganda'),
  'POST /api/admin/announcements/:id/cancel': only('propaganda'),
};

/** POSTs that change nothing (they read a body too large or structured for a query string): no audit entry is due. */
const READS_BY_POST = new Set(['POST /api/admin/announcements/preview', 'POST /api/admin/announcements/audience']);

/** Path parameters filled with values that match nothing, so an admitted call changes nothing. */
const PARAMS: Record<string, string> = { code: 'G00.00-000000-999999', id: 'HT-20000101-9999', username: 'khong-ai-ca' };

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD path` of every route in the app, nested routers included. */
function enumerateRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const method of Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m] && m !== '_all')) found.push(`${method.toUpperCase()} ${String(path)}`);
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

/** The entry of EXPECTED that lists a route: assets share one entry. */
const entryOf = (route: string) => (route.startsWith('GET /admin/assets/') ? 'GET /admin/assets/*' : route);
const isStaffSide = (route: string) => / \/(api\/)?admin(\/|$)/.test(route);

describe('Every staff route and who may call it (enumerated from the Express router)', function () {
  this.timeout(120_000);
  let server: AdminServer;
  let routes: string[];
  const tokens: Partial<Record<Role | 'integration', string>> = {};
  const STAFF_ROLES: Role[] = ['admin', 'desk', 'editor', 'propaganda', 'viewer'];

  before(async () => {
    server = await startAdminServer();
    routes = enumerateRoutes(server.running.assistant.app).filter(isStaffSide);
    tokens.admin = await server.login('chief', 'tram gac sang som 47 ngon');
    for (const role of STAFF_ROLES.filter((r) => r !== 'admin')) tokens[role] = await server.staff(`vaitro-${role}`, [role]);
    tokens.integration = INTEGRATION_TOKEN;
  });
  after(() => server?.close());

  it('finds the routes, and every one is listed with its requirement (no listed route is gone either)', () => {
    assert.ok(routes.length >= Object.keys(EXPECTED).length, routes.join('\n'));
    const unlisted = routes.filter((r) => !(entryOf(r) in EXPECTED));
    assert.deepEqual(unlisted, [], `routes without a role requirement in this test: ${unlisted.join(', ')}`);
    const gone = Object.keys(EXPECTED).filter((e) => !routes.some((r) => entryOf(r) === e));
    assert.deepEqual(gone, [], 'listed routes that no longer exist');
  });

  it('answers each route as its requirement says, for no token, the integration token and each role', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const access = EXPECTED[entryOf(route)]!;
      const [method, pattern] = route.split(' ') as [string, string];
      const path = pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(PARAMS[name] ?? 'x'));
      const send = async (token?: string) => {
        const answer = await server.call(method, path, { ...(token ? { token } : {}), ...(method === 'GET' ? {} : { json: {} }) });
        return answer.status;
      };
      const anonymous = await send();
      if ('public' in access) {
        if (anonymous === 401 || anonymous === 403) failures.push(`${route}: public, yet ${anonymous} without a token`);
        continue;
      }
      if (anonymous !== 401) failures.push(`${route}: ${anonymous} without a token, expected 401`);
      const integration = await send(tokens.integration);
      const integrationExpected = access.integration ? 'admitted' : 403;
      if (access.integration ? integration === 401 || integration === 403 : integration !== 403) {
        failures.push(`${route}: integration token got ${integration}, expected ${integrationExpected}`);
      }
      for (const role of STAFF_ROLES) {
        const admitted = access.staff === 'any' || role === 'admin' || access.staff.includes(role);
        const status = await send(tokens[role]);
        if (admitted && (status === 401 || status === 403)) failures.push(`${route}: ${role} refused with ${status}`);
        if (!admitted && status !== 403) failures.push(`${route}: ${role} got ${status}, expected 403`);
        // Signing out ends the session the call used: sign in again for the next route.
        if (route === 'POST /api/admin/logout' && admitted) {
          tokens[role] = await server.login(role === 'admin' ? 'chief' : `vaitro-${role}`, role === 'admin' ? 'tram gac sang som 47 ngon' : `vaitro-${role}-password-long-enough`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});

describe('Every write through a staff route lands on the audit trail, under the caller\'s name', function () {
  this.timeout(120_000);
  let server: AdminServer;

  before(async () => {
    // The Zalo channel and its article broadcast on, so that route can succeed too (nock stands in for Zalo).
    server = await startAdminServer({ ...zaloEnv(), ZALO_ARTICLE_BROADCAST: 'true' });
  });
  after(async () => {
    nock.cleanAll();
    await server?.close();
  });

  it('audits one successful call of each write route the router holds', async () => {
    const admin = await server.login('chief', 'tram gac sang som 47 ngon');
    const desk = await server.staff('ghinhat-desk', ['desk']);
    const editor = await server.staff('ghinhat-editor', ['editor']);
    const ownPassword = await server.staff('ghinhat-doimk', ['viewer']);
    await chat(server.url, 'web-ghi-nhat-ky', 'tôi muốn gặp cán bộ');
    const citizen = { channel: 'rest', userId: 'web-xin-xoa-du-lieu' };
    const propaganda = await server.staff('ghinhat-tuyentruyen', ['propaganda']);
    const draft = { title: 'Cảnh báo lừa đảo', body: 'Công an không gọi điện yêu cầu chuyển tiền.', topics: ['scam_alerts'], channels: ['rest'], communes: [] };
    /** A new draft announcement's id, for the routes that act on one. */
    const drafted = async () => (await server.call('POST', '/api/admin/announcements', { token: propaganda, json: draft })).body.announcement.id as string;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    await chat(server.url, citizen.userId, 'làm căn cước ở đâu');
    const [handoff] = (await server.call('GET', '/api/admin/handoffs', { token: desk })).body.handoffs;
    const offices = fs.readFileSync(path.join(server.contentDir, 'offices.csv'), 'utf8');
    const code = 'G22.42-261205-000042';
    const dossier = { procedure: 'tam-tru', status: 'received', receivedAt: '2026-12-01', dueAt: '2026-12-08', updatedAt: '2026-12-01T08:00:00+07:00', applicantName: 'Lê Văn Nam', phone: '0912000111' };
    const csv = `code,procedure,status,receivedAt,dueAt,updatedAt,applicantName,phone\nG22.42-261205-000043,tam-tru,received,2026-12-01,2026-12-08,2026-12-01,Lê Thị Hoa,0912000222\n`;
    const staffPassword = 'ghinhat-desk-password-long-enough';

    // One successful call per write route, and the audit action and actor it must leave.
    const writes: Record<string, () => Promise<{ status: number; action: string; actor: string }>> = {
      'POST /api/admin/login': async () => ({ ...(await server.call('POST', '/api/admin/login', { json: { username: 'ghinhat-editor', password: 'ghinhat-editor-password-long-enough' } })), action: 'session.login', actor: 'staff:ghinhat-editor' }),
      'POST /api/admin/logout': async () => ({ ...(await server.call('POST', '/api/admin/logout', { token: await server.login('ghinhat-editor', 'ghinhat-editor-password-long-enough') })), action: 'session.logout', actor: 'staff:ghinhat-editor' }),
      'PUT /api/admin/me/password': async () => ({ ...(await server.call('PUT', '/api/admin/me/password', { token: ownPassword, json: { currentPassword: 'ghinhat-doimk-password-long-enough', newPassword: 'mat khau moi cua mot cua 2026' } })), action: 'account.password_change', actor: 'staff:ghinhat-doimk' }),
      'POST /api/admin/accounts': async () => ({ ...(await server.call('POST', '/api/admin/accounts', { token: admin, json: { username: 'ghinhat-moi', password: 'mot mat khau du dai 2026', roles: ['viewer'] } })), action: 'account.create', actor: 'staff:chief' }),
      'PATCH /api/admin/accounts/:username': async () => ({ ...(await server.call('PATCH', '/api/admin/accounts/ghinhat-moi', { token: admin, json: { disabled: true } })), action: 'account.update', actor: 'staff:chief' }),
      'POST /api/admin/content/reload': async () => ({ ...(await server.call('POST', '/api/admin/content/reload', { token: editor })), action: 'content.reload', actor: 'staff:ghinhat-editor' }),
      'PUT /api/admin/offices': async () => ({ ...(await server.call('PUT', '/api/admin/offices', { token: editor, text: offices, headers: { 'content-type': 'text/csv' } })), action: 'offices.import', actor: 'staff:ghinhat-editor' }),
      'PUT /api/admin/dossiers/:code': async () => ({ ...(await server.call('PUT', `/api/admin/dossiers/${code}`, { token: INTEGRATION_TOKEN, json: dossier })), action: 'dossier.write', actor: `integration:` }),
      'POST /api/admin/dossiers/import': async () => ({ ...(await server.call('POST', '/api/admin/dossiers/import', { token: await server.login('ghinhat-desk', staffPassword), text: csv, headers: { 'content-type': 'text/csv' } })), action: 'dossier.import', actor: 'staff:ghinhat-desk' }),
      'POST /api/admin/handoffs/:id/claim': async () => ({ ...(await server.call('POST', `/api/admin/handoffs/${handoff.id}/claim`, { token: await server.login('ghinhat-desk', staffPassword), json: {} })), action: 'handoff.claim', actor: 'staff:ghinhat-desk' }),
      'POST /api/admin/handoffs/:id/messages': async () => ({ ...(await server.call('POST', `/api/admin/handoffs/${handoff.id}/messages`, { token: await server.login('ghinhat-desk', staffPassword), json: { text: 'Dạ, cán bộ đây ạ.' } })), action: 'handoff.reply', actor: 'staff:ghinhat-desk' }),
      'POST /api/admin/handoffs/:id/close': async () => ({ ...(await server.call('POST', `/api/admin/handoffs/${handoff.id}/close`, { token: await server.login('ghinhat-desk', staffPassword) })), action: 'handoff.close', actor: 'staff:ghinhat-desk' }),
      'POST /api/admin/announcements': async () => ({ ...(await server.call('POST', '/api/admin/announcements', { token: propaganda, json: draft })), action: 'announcement.create', actor: 'staff:ghinhat-tuyentruyen' }),
      'PUT /api/admin/announcements/:id': async () => ({ ...(await server.call('PUT', `/api/admin/announcements/${await drafted()}`, { token: propaganda, json: { ...draft, title: 'Cảnh báo lừa đảo qua mạng' } })), action: 'announcement.edit', actor: 'staff:ghinhat-tuyentruyen' }),
      'POST /api/admin/announcements/:id/schedule': async () => ({ ...(await server.call('POST', `/api/admin/announcements/${await drafted()}/schedule`, { token: propaganda, json: { at: tomorrow } })), action: 'announcement.schedule', actor: 'staff:ghinhat-tuyentruyen' }),
      'POST /api/admin/announcements/:id/send': async () => ({ ...(await server.call('POST', `/api/admin/announcements/${await drafted()}/send`, { token: propaganda })), action: 'announcement.send', actor: 'staff:ghinhat-tuyentruyen' }),
      'POST /api/admin/announcements/:id/zalo-article': async () => {
        nock(ZALO_API_BASE).post('/v2.0/oa/message').reply(200, { error: 0, message: 'Success', data: { message_id: 'bc-audit' } });
        const answer = await server.call('POST', `/api/admin/announcements/${await drafted()}/zalo-article`, { token: propaganda, json: { articleId: 'a1b2c3' } });
        return { ...answer, action: 'announcement.zalo_article', actor: 'staff:ghinhat-tuyentruyen' };
      },
      'POST /api/admin/announcements/:id/cancel': async () => ({ ...(await server.call('POST', `/api/admin/announcements/${await drafted()}/cancel`, { token: propaganda })), action: 'announcement.cancel', actor: 'staff:ghinhat-tuyentruyen' }),
      'POST /api/admin/citizen-data/export': async () => ({ ...(await server.call('POST', '/api/admin/citizen-data/export', { token: admin, json: citizen })), action: 'citizen_data.export', actor: 'staff:chief' }),
      'POST /api/admin/citizen-data/erase': async () => ({ ...(await server.call('POST', '/api/admin/citizen-data/erase', { token: admin, json: citizen })), action: 'citizen_data.erase', actor: 'staff:chief' }),
    };
    const writeRoutes = [...new Set(enumerateRoutes(server.running.assistant.app).filter(isStaffSide).filter((r) => !r.startsWith('GET ') && !READS_BY_POST.has(r)))];
    assert.deepEqual(writeRoutes.filter((r) => !(r in writes)).sort(), [], 'a write route without a proof of its audit entry here');

    const problems: string[] = [];
    for (const route of writeRoutes) {
      const { status, action, actor } = await writes[route]!();
      if (status >= 300) problems.push(`${route}: answered ${status}`);
      const trail = await server.call('GET', `/api/admin/audit?action=${encodeURIComponent(action)}&limit=5`, { token: admin });
      const latest = trail.body.entries[0];
      if (!latest || !String(latest.actor).startsWith(actor)) problems.push(`${route}: no ${action} entry by ${actor} (latest: ${JSON.stringify(latest)})`);
    }
    assert.deepEqual(problems, []);
  });
});
