import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { activityDay } from '../../src/store/activity-day';
import { chat } from '../support/server';
import { startAdminServer, type AdminServer } from './admin-server';

describe('Activity charts: conversations per day by channel, top questions, unanswered rate', function () {
  this.timeout(60_000);
  let server: AdminServer;

  before(async () => {
    server = await startAdminServer();
  });
  after(() => server?.close());

  it('counts each citizen once a day, every question, and the ones not understood, from real web-chat turns', async () => {
    const viewer = await server.staff('xembaocao1', ['viewer']);
    const before = await server.call('GET', '/api/admin/stats/activity?days=7', { token: viewer });
    assert.equal(before.status, 200, JSON.stringify(before.body));
    assert.deepEqual(before.body.totals, { conversations: 0, questions: 0, unanswered: 0 });
    assert.equal(before.body.days.length, 7);
    assert.equal(before.body.to, activityDay(new Date()));

    const [lan, hung] = [`web-${randomUUID()}`, `web-${randomUUID()}`];
    await chat(server.url, lan, 'đăng ký tạm trú cần giấy tờ gì');
    await chat(server.url, lan, 'làm hộ chiếu hết bao nhiêu tiền');
    await chat(server.url, hung, 'qưeqwe zxcvbn ghjkl');
    await chat(server.url, hung, 'đăng ký tạm trú cần giấy tờ gì');

    const after = await server.call('GET', '/api/admin/stats/activity?days=7', { token: viewer });
    assert.deepEqual(after.body.channels, ['rest']);
    const today = after.body.daily.find((d: { day: string }) => d.day === activityDay(new Date()));
    assert.deepEqual(today, { day: activityDay(new Date()), channel: 'rest', conversations: 2, questions: 4, unanswered: 1 });
    assert.equal(after.body.daily.length, 7, 'quiet days are zeros, not holes');
    assert.equal(after.body.unansweredRate, 0.25);
    assert.deepEqual(after.body.topIntents[0], { intent: 'procedure_documents', questions: 2 });
    assert.ok(!after.body.topIntents.some((t: { intent: string }) => t.intent === 'out_of_scope'), 'not understood is not a top question');
    assert.doesNotMatch(JSON.stringify(after.body), /web-|giấy tờ/, 'no citizen ids or words in the charts');
  });

  it('refuses a wrong range and callers without a staff session', async () => {
    const viewer = await server.login('xembaocao1', 'xembaocao1-password-long-enough');
    assert.equal((await server.call('GET', '/api/admin/stats/activity?days=0', { token: viewer })).status, 400);
    assert.equal((await server.call('GET', '/api/admin/stats/activity?days=400', { token: viewer })).status, 400);
    assert.equal((await server.call('GET', '/api/admin/stats/activity?from=2026-01-01', { token: viewer })).status, 400);
    assert.equal((await server.call('GET', '/api/admin/stats/activity')).status, 401);
  });
});
