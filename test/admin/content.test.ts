import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startAdminServer, type AdminServer } from './admin-server';

describe('admin content API (real server, temp content copy)', () => {
  let server: AdminServer;
  let editor: string;
  beforeEach(async () => {
    server = await startAdminServer();
    editor = await server.staff('editor1', ['editor']);
  });
  afterEach(async () => {
    await server.close();
  });

  const knowledge = () => server.running.assistant.knowledge.current();
  const officesFile = () => path.join(server.contentDir, 'offices.csv');

  describe('POST /api/admin/content/reload', () => {
    it('reloads valid content', async () => {
      const before = knowledge();
      const answer = await server.call('POST', '/api/admin/content/reload', { token: editor });
      assert.deepEqual([answer.status, answer.body], [200, { ok: true, errors: [] }]);
      assert.notEqual(knowledge(), before, 'a fresh Knowledge was swapped in');
    });

    it('refuses broken content with 422 and the problems, and keeps serving the previous content', async () => {
      const before = knowledge();
      fs.writeFileSync(path.join(server.contentDir, 'fields.yaml'), 'fields: [ { id: cu-tru, order: one');
      const answer = await server.call('POST', '/api/admin/content/reload', { token: editor });
      assert.equal(answer.status, 422);
      assert.equal(answer.body.ok, false);
      assert.ok(answer.body.errors.length > 0);
      assert.ok(answer.body.errors.some((e: { file: string }) => e.file.includes('fields.yaml')), JSON.stringify(answer.body.errors));
      assert.equal(knowledge(), before);
      const parse = await server.call('POST', '/model/parse', { json: { text: 'đăng ký tạm trú' } });
      assert.equal(parse.status, 200, 'the assistant still answers on the old content');
    });

    it('puts an edited procedure live: a new alias is understood and a new fee answered, without restart', async () => {
      const file = path.join(server.contentDir, 'procedures', 'tam-tru.yaml');
      const parse = (text: string) => server.call('POST', '/model/parse', { json: { text } });
      const alias = 'phiếu xanh lam số chín';
      assert.notEqual((await parse(`${alias} cần mang gì`)).body.entities.find((e: { entity: string }) => e.entity === 'procedure')?.value, 'tam-tru');
      const yaml = fs.readFileSync(file, 'utf8').replace('aliases: [', `aliases: [${alias}, `).replace('inPersonVnd: 15000', 'inPersonVnd: 16000');
      fs.writeFileSync(file, yaml);
      assert.equal((await server.call('POST', '/api/admin/content/reload', { token: editor })).status, 200);
      const parsed = await parse(`${alias} cần mang gì`);
      assert.equal(parsed.body.entities.find((e: { entity: string }) => e.entity === 'procedure')?.value, 'tam-tru');
      const reply = await server.call('POST', '/webhooks/rest/webhook', { json: { sender: 'reload-fee', message: '/procedure_fee{"procedure":"tam-tru"}' } });
      assert.ok(reply.body[0].text.includes('16.000 đ'), reply.body[0].text);
    });

    it('audits both outcomes', async () => {
      await server.call('POST', '/api/admin/content/reload', { token: editor });
      fs.writeFileSync(path.join(server.contentDir, 'fields.yaml'), 'fields: 42');
      await server.call('POST', '/api/admin/content/reload', { token: editor });
      const entries = await server.running.assistant.store.audit.list({ action: 'content.reload', limit: 10 });
      assert.deepEqual(entries.map((e) => [e.actor, e.detail?.ok]).reverse(), [['staff:editor1', true], ['staff:editor1', false]]);
    });
  });

  describe('PUT /api/admin/offices', () => {
    const put = (text: string, contentType = 'text/csv; charset=utf-8', token = editor) =>
      server.call('PUT', '/api/admin/offices', { token, text, headers: { 'content-type': contentType } });

    it('replaces the directory from a valid CSV and makes it live', async () => {
      const original = fs.readFileSync(officesFile(), 'utf8');
      const rows = original.trim().split('\n').length - 1;
      const changed = original.replace('Phòng QLXNC|', 'Phòng QLXNC|Phòng Hộ chiếu tỉnh|');
      assert.notEqual(changed, original);
      const answer = await put(changed);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual({ ok: answer.body.ok, count: answer.body.count, live: answer.body.reload.ok }, { ok: true, count: rows, live: true });
      assert.equal(fs.readFileSync(officesFile(), 'utf8'), changed);
      assert.ok(knowledge().getOffice('pc-qlxnc')?.aliases.includes('Phòng Hộ chiếu tỉnh'));
      const [entry] = await server.running.assistant.store.audit.list({ action: 'offices.import', limit: 1 });
      assert.deepEqual([entry.actor, entry.detail], ['staff:editor1', { ok: true, count: rows, reloaded: true }]);
    });

    it('refuses a CSV with bad rows with 422 and row numbers, and changes nothing', async () => {
      const original = fs.readFileSync(officesFile(), 'utf8');
      const before = knowledge();
      const lines = original.trim().split('\n');
      const broken = [...lines, lines[1]].join('\n'); // the first office again: duplicate id
      const answer = await put(broken);
      assert.equal(answer.status, 422);
      assert.equal(answer.body.ok, false);
      const dup = answer.body.errors.find((e: { field: string }) => e.field === 'id');
      assert.equal(dup?.row, lines.length + 1, JSON.stringify(answer.body.errors));
      assert.equal(fs.readFileSync(officesFile(), 'utf8'), original);
      assert.equal(knowledge(), before);
    });

    it('refuses a CSV with a missing column', async () => {
      const answer = await put('id,name\npc-x,Somewhere\n');
      assert.equal(answer.status, 422);
      assert.ok(answer.body.errors.some((e: { row?: number; field: string }) => e.row === 1 && e.field === 'procedures'));
    });

    it('needs text/csv (415), caps the size (413) and the editor role (403)', async () => {
      const original = fs.readFileSync(officesFile(), 'utf8');
      assert.equal((await put(original, 'application/json')).status, 415);
      assert.equal((await server.call('PUT', '/api/admin/offices', { token: editor })).status, 415);
      const huge = `${original}\n${'x'.repeat(2 * 1024 * 1024)}`;
      assert.equal((await put(huge)).status, 413);
      const desk = await server.staff('desk1', ['desk']);
      assert.equal((await put(original, 'text/csv', desk)).status, 403);
      assert.equal(fs.readFileSync(officesFile(), 'utf8'), original);
    });
  });
});
