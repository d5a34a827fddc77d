import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RunningAssistant } from '../support/server';
import { INTEGRATION_TOKEN, dossierBody, putDossier, say, startDossierAssistant, uniqueCode } from './dossier-support';

describe('Dossier status notices through the outbox', () => {
  let server: RunningAssistant;
  before(async () => {
    server = await startDossierAssistant();
  });
  after(async () => {
    await server.close();
  });

  const push = (code: string, status: string, updatedAt: string) =>
    putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status, updatedAt, unit: 'Công an xã Phú Bình' }));

  async function subscribedCitizen(code: string): Promise<string> {
    const who = `watcher-${randomUUID()}`;
    await say(server.url, who, `/dossier_status{"dossier_code":"${code}"}`);
    const answer = await say(server.url, who, '5678');
    const subscribe = answer.payloads.find((p) => p.includes('"dossier_action":"subscribe"'));
    assert.ok(subscribe, 'the verified answer offers notifications');
    assert.match((await say(server.url, who, subscribe)).text, /sẽ báo anh\/chị/);
    return who;
  }

  it('queues one message per status change and shows it once, on the next visit', async () => {
    const code = uniqueCode();
    await push(code, 'processing', '2026-03-13T09:00:00+07:00');
    const who = await subscribedCitizen(code);
    await push(code, 'ready', '2026-03-15T09:00:00+07:00');
    await push(code, 'ready', '2026-03-15T09:00:00+07:00'); // the one-stop system retries
    await push(code, 'ready', '2026-03-15T11:00:00+07:00'); // a newer update without a status change
    await push(code, 'processing', '2026-03-14T09:00:00+07:00'); // an older update, ignored
    const pending = await server.assistant.store.outbox.pending({ channel: 'rest', userId: who }, 10);
    assert.equal(pending.length, 1);
    const next = await say(server.url, who, 'xin chào');
    assert.match(next.text, new RegExp(`hồ sơ ${code.replace(/\./g, '\\.')} vừa cập nhật ngày 15/03/2026: Có kết quả, chờ trả`));
    assert.equal(next.text.includes('Nguyễn'), false, 'a notice carries no personal data');
    const after = await say(server.url, who, 'xin chào');
    assert.doesNotMatch(after.text, /vừa cập nhật/, 'never shown twice');
    assert.equal((await server.assistant.store.outbox.pending({ channel: 'rest', userId: who }, 10)).length, 0);
  });

  it('asks a citizen who did not verify for the digits before subscribing, and lets them unsubscribe', async () => {
    const code = uniqueCode();
    await push(code, 'received', '2026-03-12T09:00:00+07:00');
    const who = `unverified-${randomUUID()}`;
    const ask = await say(server.url, who, `/dossier_status{"dossier_code":"${code}","dossier_action":"subscribe"}`);
    assert.match(ask.text, /4 số cuối/);
    assert.deepEqual(await server.assistant.store.dossiers.watchers(code), []);
    const done = await say(server.url, who, '5678');
    assert.match(done.text, /sẽ báo anh\/chị/);
    assert.deepEqual((await server.assistant.store.dossiers.watchers(code)).map((w) => w.userId), [who]);
    const stop = done.payloads.find((p) => p.includes('"dossier_action":"unsubscribe"'))!;
    await say(server.url, who, stop);
    assert.deepEqual(await server.assistant.store.dossiers.watchers(code), []);
    await push(code, 'processing', '2026-03-13T09:00:00+07:00');
    assert.doesNotMatch((await say(server.url, who, 'xin chào')).text, /vừa cập nhật/);
  });

  it('tells each watcher once per change, in their own language', async () => {
    const code = uniqueCode();
    await push(code, 'received', '2026-03-12T09:00:00+07:00');
    const vi = await subscribedCitizen(code);
    const en = `watcher-en-${randomUUID()}`;
    await say(server.url, en, '/change_language{"language":"en"}');
    await say(server.url, en, `/dossier_status{"dossier_code":"${code}","dossier_action":"subscribe"}`);
    await say(server.url, en, '5678');
    await push(code, 'supplement_required', '2026-03-13T09:00:00+07:00');
    await push(code, 'processing', '2026-03-14T09:00:00+07:00');
    const viNotices = (await say(server.url, vi, 'xin chào')).text;
    assert.match(viNotices, /Cần bổ sung hồ sơ[\s\S]*Đang giải quyết/, 'both changes, oldest first');
    assert.match((await say(server.url, en, 'hello')).text, /Documents needed[\s\S]*Being processed/);
  });
});
