import assert from 'node:assert/strict';
import { startAdminServer, type AdminServer } from '../admin/admin-server';
import { deliver, events, eventually, messageId, onlyZaloInterceptors, textsTo, userId, zaloEnv, zaloRecords, type Consultation } from '../channels/zalo/zalo-support';
import { vi } from '../support/locale';
import { manualClock, type ManualClock } from '../store/contract/clock-contract';

// Monday 13 April 2026, 09:00 in Thái Nguyên: working hours.
const MONDAY_MORNING = '2026-04-13T02:00:00.000Z';
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const PAUSE_MINUTES = 30;
/** An OA admin's id, as Zalo puts it in `sender.admin_id` when an officer types in OA Manager. */
const OA_ADMIN = '1234567890123456789';

describe('hand-off on Zalo, through the real server with the Zalo OpenAPI at the edge', () => {
  onlyZaloInterceptors();
  let server: AdminServer;
  let clock: ManualClock;
  let desk: string;

  before(async () => {
    clock = manualClock(MONDAY_MORNING);
    // Events carry the test clock's time, months away from the machine's: the replay window is off, the rest is real.
    server = await startAdminServer(zaloEnv({ ZALO_MAX_EVENT_AGE_SECONDS: '0', HANDOFF_BOT_PAUSE_MINUTES: String(PAUSE_MINUTES) }), { now: clock.now });
    desk = await server.staff('motcua1', ['desk']);
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => clock.set(MONDAY_MORNING));

  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString());
  const at = () => clock.now().getTime();
  const referenceIn = (text: string) => /HT-\d{8}-\d{4}/.exec(text)?.[0] ?? assert.fail(`no reference in "${text}"`);
  /** The citizen writes; resolves once Zalo has received `answers` more messages for them. */
  async function write(records: Consultation[], user: string, text: string, answers = 1): Promise<string[]> {
    const before = textsTo(records, user).length;
    assert.equal((await deliver(server.url, events.text(user, text, at()))).status, 200);
    await eventually(() => textsTo(records, user).length >= before + answers, `an answer to "${text}"`);
    return textsTo(records, user).slice(before);
  }
  async function askForOfficer(records: Consultation[], user: string): Promise<{ id: string; answer: string }> {
    const [answer] = await write(records, user, 'cho tôi gặp cán bộ');
    const id = referenceIn(answer!);
    assert.ok(answer!.startsWith(vi('handoff:opened', { reference: id })), answer);
    return { id, answer: answer! };
  }
  const handoffView = async (id: string) => (await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk })).body;
  const lines = async (id: string) => ((await handoffView(id)).transcript as { from: string; text: string }[]).map((l) => [l.from, l.text]);
  const openFor = async (user: string) =>
    ((await server.call('GET', '/api/admin/handoffs', { token: desk })).body.handoffs as { id: string; userId: string; reason: string; botPaused: boolean; status: string }[]).find(
      (h) => h.userId === user,
    );

  it('lets an officer claim and answer a Zalo citizen from the console, silent but for an emergency, and close', async () => {
    const records = zaloRecords();
    const user = userId();
    await write(records, user, 'làm căn cước cần giấy tờ gì');
    const { id, answer } = await askForOfficer(records, user);
    assert.ok(answer.includes(vi('handoff:onDuty')), answer);

    later(HOUR_MS);
    const claimed = await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });
    assert.deepEqual([claimed.status, claimed.body.notice, claimed.body.handoff.botPaused], [200, { sent: true }, true]);
    const reply = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Chào chị, chị làm căn cước lần đầu hay cấp đổi ạ?' } });
    assert.deepEqual([reply.status, reply.body.delivery], [201, { sent: true }]);
    assert.deepEqual(textsTo(records, user).slice(-2), [
      vi('handoff:claimed', { reference: id }),
      vi('handoff:officerSays', { text: 'Chào chị, chị làm căn cước lần đầu hay cấp đổi ạ?' }),
    ]);

    // Nothing answers the citizen's words nor a "chat now" tap; the emergency after them is answered, and only it.
    later(5 * 60_000);
    const before = textsTo(records, user).length;
    assert.equal((await deliver(server.url, events.text(user, 'cấp đổi, tôi ở phường Phan Đình Phùng', at()))).status, 200);
    assert.equal((await deliver(server.url, events.chatNow(user, at()))).status, 200);
    const [emergency, ...more] = await write(records, user, 'cứu với nhà tôi đang cháy');
    assert.ok(emergency!.startsWith(vi('emergency.intro')), emergency);
    assert.deepEqual(more, []);
    assert.equal(textsTo(records, user).length, before + 1);
    assert.deepEqual((await lines(id)).slice(-4), [
      ['officer', 'Chào chị, chị làm căn cước lần đầu hay cấp đổi ạ?'],
      ['citizen', 'cấp đổi, tôi ở phường Phan Đình Phùng'],
      ['citizen', 'cứu với nhà tôi đang cháy'],
      ['bot', emergency],
    ]);

    const closed = await server.call('POST', `/api/admin/handoffs/${id}/close`, { token: desk });
    assert.deepEqual([closed.status, closed.body.closed, closed.body.notice], [200, true, { sent: true }]);
    assert.ok(textsTo(records, user).at(-1)!.startsWith(vi('handoff:closed', { reference: id })));
    const [greeting] = await write(records, user, 'xin chào');
    assert.equal(greeting, vi('greeting'), 'the bot answers again');
  });

  it('delivers an officer\'s reply within Zalo\'s 7-day window and reports the closed window after it, without calling Zalo', async () => {
    const records = zaloRecords();
    const user = userId();
    const { id } = await askForOfficer(records, user);
    const asked = at();

    clock.set(new Date(asked + 7 * DAY_MS - 60_000).toISOString());
    const inside = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Hồ sơ của anh đã có kết quả.' } });
    assert.deepEqual(inside.body.delivery, { sent: true });
    assert.equal(textsTo(records, user).at(-1), vi('handoff:officerSays', { text: 'Hồ sơ của anh đã có kết quả.' }));

    clock.set(new Date(asked + 7 * DAY_MS + 60_000).toISOString());
    const late = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Anh còn cần hỗ trợ không?' } });
    assert.deepEqual([late.status, late.body.delivery], [201, { sent: false, failure: 'window_closed' }]);
    // By its text, not by a count of calls: a message of the earlier turns may still reach Zalo under load.
    assert.ok(!textsTo(records, user).some((t) => t.includes('Anh còn cần hỗ trợ không?')), 'a closed window costs no call');
    assert.deepEqual((await handoffView(id)).transcript.at(-1), {
      at: clock.now().toISOString(),
      from: 'officer',
      text: 'Anh còn cần hỗ trợ không?',
      officer: 'motcua1',
      failure: 'window_closed',
    });
  });

  it('pauses the bot for HANDOFF_BOT_PAUSE_MINUTES after an officer writes from OA Manager, then lets it answer', async () => {
    const records = zaloRecords();
    const user = userId();
    await write(records, user, 'đăng ký tạm trú ở đâu');

    later(60_000);
    const officerEcho = events.echo(user, 'Dạ, chị mang theo căn cước đến công an phường ạ.', messageId(), OA_ADMIN, at());
    assert.equal((await deliver(server.url, officerEcho)).status, 200);
    assert.equal((await deliver(server.url, officerEcho)).status, 200, 'a redelivery');
    await eventually(async () => (await openFor(user)) !== undefined, 'the hand-off the officer opened');
    const opened = (await openFor(user))!;
    assert.deepEqual([opened.reason, opened.status, opened.botPaused], ['officer_wrote', 'engaged', true]);

    later((PAUSE_MINUTES - 1) * 60_000);
    const sent = textsTo(records, user).length;
    assert.equal((await deliver(server.url, events.text(user, 'dạ vâng, cảm ơn anh', at()))).status, 200);
    await eventually(async () => (await lines(opened.id)).length === 2, 'the citizen\'s words kept for the officer');
    assert.deepEqual(await lines(opened.id), [
      ['officer', 'Dạ, chị mang theo căn cước đến công an phường ạ.'],
      ['citizen', 'dạ vâng, cảm ơn anh'],
    ]);

    later(2 * 60_000);
    const answered = await write(records, user, 'xin chào');
    assert.equal(answered[0], vi('greeting'), 'the pause is over');
    assert.equal(textsTo(records, user).length, sent + answered.length, 'nothing answered the message sent during the pause');
    assert.equal((await openFor(user))!.botPaused, false);
  });

  it('never takes the echoes of the console\'s own messages for an officer writing from OA Manager', async () => {
    const records = zaloRecords();
    const user = userId();
    const { id } = await askForOfficer(records, user);
    const fromConsole = records.length;
    await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });
    await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Chào anh, anh cần hỗ trợ gì ạ?' } });
    await server.call('POST', `/api/admin/handoffs/${id}/close`, { token: desk });
    // This citizen's only: a slow machine may still be sending an earlier test's last answer to its own citizen.
    const ours = records.slice(fromConsole).filter((r) => r.userId === user);
    assert.equal(ours.length, 3);

    // Zalo echoes every message the OA sends. Ours carry no admin id as Zalo documents; the officer's reply is also
    // echoed with one, as if Zalo named the officer behind it: its msg_id still marks it as ours.
    later(60_000);
    for (const [i, sent] of ours.entries()) {
      const echo = events.echo(user, sent.text, sent.messageId, i === 1 ? OA_ADMIN : undefined, at());
      assert.equal((await deliver(server.url, echo)).status, 200);
    }
    const [greeting] = await write(records, user, 'xin chào');
    assert.equal(greeting, vi('greeting'), 'the bot is not paused');
    assert.equal(await openFor(user), undefined, 'no hand-off opened by our own echoes');
    const transcript = await lines(id);
    assert.deepEqual(transcript.filter(([from]) => from === 'officer'), [['officer', 'Chào anh, anh cần hỗ trợ gì ạ?']]);
  });

  it('tells a Zalo citizen who asks in the evening that no officer is on duty, when one will answer, and the reference', async () => {
    clock.set('2026-04-14T12:00:00.000Z'); // Tuesday 14 April 2026, 19:00 in Thái Nguyên
    const records = zaloRecords();
    const { id, answer } = await askForOfficer(records, userId());
    assert.match(id, /^HT-20260414-\d{4}$/);
    const hours = 'Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00';
    assert.ok(answer.includes(vi('handoff:offDuty', { hours, next: '07:30 Thứ Tư 15/04/2026' })), answer);
    assert.ok(!answer.includes(vi('handoff:onDuty')));
    assert.ok(answer.includes(vi('handoff:urgent')));
    assert.equal((await handoffView(id)).handoff.status, 'waiting');
  });
});
