import assert from 'node:assert/strict';
import type { RunningAssistant } from '../support/server';
import { ADMIN, INTEGRATION_TOKEN, dossierBody, login, putDossier, staffToken, startDossierAssistant, uniqueCode } from './dossier-support';

describe('Dossier API: PUT /api/admin/dossiers/:code', () => {
  let server: RunningAssistant;
  before(async () => {
    server = await startDossierAssistant();
  });
  after(async () => {
    await server.close();
  });

  describe('authentication', () => {
    it('refuses a call without a token or with a wrong one (401) and stores nothing', async () => {
      const code = uniqueCode();
      assert.equal((await putDossier(server.url, undefined, code, dossierBody())).status, 401);
      assert.equal((await putDossier(server.url, 'not-a-token', code, dossierBody())).status, 401);
      assert.equal(await server.assistant.store.dossiers.get(code), undefined);
    });

    it('accepts the integration token and desk staff, and refuses staff without the desk role (403)', async () => {
      assert.equal((await putDossier(server.url, INTEGRATION_TOKEN, uniqueCode(), dossierBody())).status, 201);
      const desk = await staffToken(server.url, 'motcua', ['desk']);
      assert.equal((await putDossier(server.url, desk, uniqueCode(), dossierBody())).status, 201);
      const editor = await staffToken(server.url, 'bientap', ['editor']);
      const code = uniqueCode();
      const refused = await putDossier(server.url, editor, code, dossierBody());
      assert.equal(refused.status, 403);
      assert.equal(await server.assistant.store.dossiers.get(code), undefined);
    });

    it('lets the integration token only write: reading a dossier or the report is refused', async () => {
      const code = uniqueCode();
      await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody());
      const headers = { authorization: `Bearer ${INTEGRATION_TOKEN}` };
      assert.equal((await fetch(`${server.url}/api/admin/dossiers/${code}`, { headers })).status, 403);
      assert.equal((await fetch(`${server.url}/api/admin/reports/dossiers`, { headers })).status, 403);
    });
  });

  describe('validation', () => {
    it('answers 400 naming every bad field, and stores nothing', async () => {
      const code = uniqueCode();
      const res = await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'done', dueAt: 'next week', phone: '12', procedure: 'cap-so-do' }));
      assert.equal(res.status, 400);
      assert.equal(res.json.error.code, 'bad_request');
      for (const field of ['status', 'dueAt', 'phone', 'procedure']) assert.match(res.json.error.message, new RegExp(`\\b${field}\\b`));
      assert.deepEqual(res.json.error.details.fields.map((f: { field: string }) => f.field).sort(), ['dueAt', 'phone', 'procedure', 'status']);
      assert.equal(await server.assistant.store.dossiers.get(code), undefined);
    });

    it('names a missing required field and a code with characters a code cannot have', async () => {
      const { applicantName: _dropped, ...withoutName } = dossierBody();
      const missing = await putDossier(server.url, INTEGRATION_TOKEN, uniqueCode(), withoutName);
      assert.equal(missing.status, 400);
      assert.match(missing.json.error.message, /applicantName/);
      const badCode = await putDossier(server.url, INTEGRATION_TOKEN, 'HS_2026/01*', dossierBody());
      assert.equal(badCode.status, 400);
      assert.match(badCode.json.error.message, /\bcode\b/);
    });

    it('normalises the code (trim, upper case, no spaces) and keeps only the masked name and the last 4 phone digits', async () => {
      const code = uniqueCode();
      const res = await putDossier(server.url, INTEGRATION_TOKEN, ` ${code.toLowerCase().replace('-', ' - ')} `, dossierBody());
      assert.equal(res.status, 201);
      assert.equal(res.json.code, code);
      const stored = await server.assistant.store.dossiers.get(code);
      assert.equal(stored?.applicantMasked, 'Nguyễn V. B.');
      assert.equal(stored?.phoneLast4, '5678');
      assert.equal(JSON.stringify(stored).includes('0912'), false, 'the full phone is not stored');
      assert.equal(JSON.stringify(stored).includes('Bình'), false, 'the full name is not stored');
    });
  });

  describe('ordering and idempotency', () => {
    it('applies a newer update, ignores an older one, and answers a replay idempotently', async () => {
      const code = uniqueCode();
      const first = await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'received', updatedAt: '2026-03-12T08:00:00+07:00' }));
      assert.deepEqual([first.status, first.json.outcome], [201, 'created']);
      const newer = await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'processing', updatedAt: '2026-03-13T08:00:00+07:00' }));
      assert.deepEqual([newer.status, newer.json.outcome], [200, 'applied']);
      const older = await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'received', updatedAt: '2026-03-12T20:00:00+07:00' }));
      assert.deepEqual([older.status, older.json.outcome, older.json.status], [200, 'ignored', 'processing']);
      const replay = await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'processing', updatedAt: '2026-03-13T08:00:00+07:00' }));
      assert.deepEqual([replay.status, replay.json.outcome], [200, 'applied']);
      const stored = await server.assistant.store.dossiers.get(code);
      assert.equal(stored?.status, 'processing');
      const history = await server.assistant.store.dossiers.history(code);
      assert.deepEqual(history.map((h) => h.status), ['received', 'processing'], 'the replay and the ignored update add no history');
    });

    it('stamps completedAt when a final status arrives without one', async () => {
      const code = uniqueCode();
      await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'returned', updatedAt: '2026-03-18T10:00:00+07:00' }));
      assert.deepEqual((await server.assistant.store.dossiers.get(code))?.completedAt, new Date('2026-03-18T03:00:00Z'));
    });
  });

  describe('GET /api/admin/dossiers/:code', () => {
    it('shows desk staff the record and its history without the phone, and records the view in the audit log', async () => {
      const code = uniqueCode();
      await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'received', updatedAt: '2026-03-12T08:00:00+07:00' }));
      await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'ready', updatedAt: '2026-03-15T08:00:00+07:00' }));
      const admin = await login(server.url, ADMIN.username, ADMIN.password);
      const res = await fetch(`${server.url}/api/admin/dossiers/${code.toLowerCase()}`, { headers: { authorization: `Bearer ${admin}` } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as Record<string, any>;
      assert.equal(body.status, 'ready');
      assert.equal(body.applicantName, 'Nguyễn V. B.');
      assert.deepEqual(body.history.map((h: { status: string }) => h.status), ['received', 'ready']);
      assert.equal(JSON.stringify(body).includes('5678'), false);
      const audit = await server.assistant.store.audit.list({ action: 'dossier.staff_view', target: `dossier:${code}`, limit: 5 });
      assert.equal(audit[0]?.actor, `staff:${ADMIN.username}`);
      const missing = await fetch(`${server.url}/api/admin/dossiers/${uniqueCode()}`, { headers: { authorization: `Bearer ${admin}` } });
      assert.equal(missing.status, 404);
    });
  });
});
