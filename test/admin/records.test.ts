import assert from 'node:assert/strict';
import { ADMIN, startAdminServer, type AdminServer } from './admin-server';

describe('admin staff lists and audit query (real server)', () => {
  let server: AdminServer;
  let admin: string;
  let desk: string;
  let editor: string;
  before(async () => {
    server = await startAdminServer();
    admin = await server.login(ADMIN.username, ADMIN.password);
    desk = await server.staff('desk1', ['desk']);
    editor = await server.staff('editor1', ['editor']);
    const { store } = server.running.assistant;
    await store.feedback.add({ channel: 'web', userId: 'u1', text: 'Cảm ơn' });
    await store.unanswered.add({ channel: 'zalo', userId: 'u2', text: 'hỏi gì đó', intent: 'nlu_fallback', confidence: 0.2 });
    await store.handoffs.open({ channel: 'web', userId: 'u1', locale: 'vi', reason: 'human_agent', transcript: [] });
    await store.handoffs.open({ channel: 'messenger', userId: 'u3', locale: 'vi', reason: 'human_agent', transcript: [] });
  });
  after(async () => {
    await server.close();
  });

  it('lists feedback and unanswered questions', async () => {
    const feedback = await server.call('GET', '/api/admin/feedback', { token: desk });
    assert.deepEqual(feedback.body.feedback.map((f: { userId: string }) => f.userId), ['u1']);
    const unanswered = await server.call('GET', '/api/admin/unanswered', { token: editor });
    assert.deepEqual(unanswered.body.unanswered.map((u: { intent: string }) => u.intent), ['nlu_fallback']);
  });

  it('honours limit and validates it, naming the parameter', async () => {
    assert.equal((await server.call('GET', '/api/admin/handoffs?limit=1', { token: desk })).body.handoffs.length, 1);
    for (const bad of ['0', '501', 'ten', '1.5']) {
      const answer = await server.call('GET', `/api/admin/feedback?limit=${bad}`, { token: desk });
      assert.equal(answer.status, 400, bad);
      assert.ok(answer.body.error.message.includes('"limit"'), answer.body.error.message);
    }
  });

  it('filters the audit trail by action, target and since, newest first', async () => {
    const all = await server.call('GET', '/api/admin/audit?action=account.create', { token: admin });
    assert.deepEqual(all.body.entries.map((e: { target: string }) => e.target), ['editor1', 'desk1']);
    const one = await server.call('GET', '/api/admin/audit?action=account.create&target=desk1', { token: admin });
    assert.deepEqual(one.body.entries.map((e: { actor: string }) => e.actor), [`staff:${ADMIN.username}`]);
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    assert.deepEqual((await server.call('GET', `/api/admin/audit?since=${future}`, { token: admin })).body.entries, []);
    assert.equal((await server.call('GET', '/api/admin/audit?limit=1', { token: admin })).body.entries.length, 1);
    const badSince = await server.call('GET', '/api/admin/audit?since=yesterday', { token: admin });
    assert.equal(badSince.status, 400);
    assert.ok(badSince.body.error.message.includes('"since"'));
  });
});
