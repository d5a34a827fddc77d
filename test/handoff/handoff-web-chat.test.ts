import assert from 'node:assert/strict';
import type { RestPending } from '../../src/channels/rest/rest-adapter';
import { ADMIN, startAdminServer, type AdminServer } from '../admin/admin-server';
import { vi } from '../support/locale';
import { chat } from '../support/server';
import { manualClock, type ManualClock } from '../store/contract/clock-contract';

// Monday 13 April 2026, 09:00 in Thái Nguyên: working hours.
const MONDAY_MORNING = '2026-04-13T02:00:00.000Z';
const PAUSE_MINUTES = 30;

describe('hand-off to an officer over the web chat (real server)', () => {
  let server: AdminServer;
  let clock: ManualClock;
  let desk: string;
  let desk2: string;

  before(async () => {
    clock = manualClock(MONDAY_MORNING);
    server = await startAdminServer(
      { HANDOFF_HOURS: 'Mon-Fri 07:30-11:30,13:30-17:00', HANDOFF_HOLIDAYS: '2026-04-30,2026-05-01', HANDOFF_BOT_PAUSE_MINUTES: String(PAUSE_MINUTES) },
      { now: clock.now },
    );
    desk = await server.staff('motcua1', ['desk']);
    desk2 = await server.staff('motcua2', ['desk']);
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => clock.set(MONDAY_MORNING));

  const say = (sender: string, text: string) => chat(server.url, sender, text);
  const pending = async (sender: string): Promise<RestPending> => {
    const res = await fetch(`${server.url}/webhooks/rest/pending?sender=${encodeURIComponent(sender)}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    return (await res.json()) as RestPending;
  };
  const referenceIn = (text: string) => /HT-\d{8}-\d{4}/.exec(text)?.[0] ?? assert.fail(`no reference in "${text}"`);
  const askForOfficer = async (sender: string) => {
    const [answer] = await say(sender, 'tôi muốn gặp cán bộ');
    return { answer: answer!, id: referenceIn(answer!.text) };
  };
  const minutesLater = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());

  it('tells a citizen who asks in working hours that an officer answers here, with a short reference', async () => {
    await say('web-on-duty', 'làm căn cước gắn chip cần giấy tờ gì');
    const { answer, id } = await askForOfficer('web-on-duty');
    assert.match(id, /^HT-20260413-\d{4}$/);
    assert.ok(answer.text.startsWith(vi('handoff:opened', { reference: id })), answer.text);
    for (const key of ['handoff:onDuty', 'handoff:whatNext', 'handoff:urgent']) assert.ok(answer.text.includes(vi(key)), key);
    assert.ok(!/ngay trong cuộc trò chuyện này trong giờ làm việc/.test(answer.text), 'the old promise is gone');
    assert.deepEqual(answer.buttons?.map((b) => b.payload), ['/help']);

    const again = await askForOfficer('web-on-duty');
    assert.equal(again.id, id);
    assert.ok(again.answer.text.startsWith(vi('handoff:already', { reference: id })));
  });

  it('tells a citizen honestly when no officer is on duty, with the hours and the next session, skipping holidays', async () => {
    clock.set('2026-04-29T11:00:00.000Z'); // Wednesday 29 April, 18:00; Thursday and Friday are holidays
    const { answer } = await askForOfficer('web-evening');
    const hours = 'Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00';
    assert.ok(answer.text.includes(vi('handoff:offDuty', { hours, next: '07:30 Thứ Hai 04/05/2026' })), answer.text);
    assert.ok(!answer.text.includes(vi('handoff:onDuty')));

    clock.set('2026-04-13T05:00:00.000Z'); // Monday 12:00, the lunch break
    const lunch = await askForOfficer('web-lunch');
    assert.ok(lunch.answer.text.includes('13:30 Thứ Hai 13/04/2026'), lunch.answer.text);
  });

  it('lets staff see the waiting conversation with its transcript, claim it, and reply to the citizen\'s page', async () => {
    const sender = 'web-claim';
    await say(sender, 'đăng ký tạm trú ở đâu');
    const { id } = await askForOfficer(sender);

    const queue = await server.call('GET', '/api/admin/handoffs', { token: desk });
    const listed = queue.body.handoffs.find((h: { id: string }) => h.id === id);
    assert.deepEqual(
      [listed.channel, listed.userId, listed.status, listed.botPaused, listed.newFromCitizen],
      ['rest', sender, 'waiting', false, false],
    );
    const detail = await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk });
    assert.equal(detail.status, 200);
    const lines = detail.body.transcript.map((l: { from: string; text: string }) => [l.from, l.text]);
    assert.deepEqual(lines.slice(0, 1), [['citizen', 'đăng ký tạm trú ở đâu']]);
    assert.equal(lines[1][0], 'bot');
    assert.deepEqual(lines.at(-2), ['citizen', 'tôi muốn gặp cán bộ']);
    assert.ok(lines.at(-1)[1].startsWith(vi('handoff:opened', { reference: id })));
    assert.deepEqual(await pending(sender), { messages: [], handoff: { reference: id, status: 'waiting' } });

    const claimed = await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });
    assert.equal(claimed.status, 200);
    assert.deepEqual([claimed.body.handoff.status, claimed.body.handoff.claimedBy, claimed.body.handoff.botPaused], ['engaged', 'motcua1', true]);
    assert.deepEqual(claimed.body.notice, { sent: true });

    const reply = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: '  Chào anh, anh ở phường nào ạ?  ' } });
    assert.equal(reply.status, 201);
    assert.deepEqual(reply.body.delivery, { sent: true });
    assert.deepEqual([reply.body.message.from, reply.body.message.text, reply.body.message.officer], ['officer', 'Chào anh, anh ở phường nào ạ?', 'motcua1']);

    // The page receives both without the citizen typing, once.
    const page = await pending(sender);
    assert.deepEqual(page.messages.map((m) => m.text), [
      vi('handoff:claimed', { reference: id }),
      vi('handoff:officerSays', { text: 'Chào anh, anh ở phường nào ạ?' }),
    ]);
    assert.ok(page.messages.every((m) => m.recipient_id === sender));
    assert.deepEqual(page.handoff, { reference: id, status: 'engaged' });
    assert.deepEqual((await pending(sender)).messages, []);
  });

  it('starts the transcript from the conversation\'s last eight lines, long answers cut, kept apart from its memory', async () => {
    const sender = 'web-window';
    const asked = ['xin chào', 'làm hộ chiếu cần giấy tờ gì', 'lệ phí bao nhiêu', 'làm ở đâu', 'đăng ký tạm trú ở đâu'];
    for (const text of asked) await say(sender, text);
    const { store } = server.running.assistant;
    const memory = (await store.state.read<Record<string, unknown>>(`rest/${sender}`))!.data;
    assert.equal(memory.recent, undefined, 'the lines are not in the memory');
    const window = await store.recentLines.recent({ channel: 'rest', userId: sender }, 100);
    assert.equal(window.length, 8, 'the store keeps the newest eight');
    assert.ok(window.every((l) => l.text.length <= 501), 'long answers are cut');

    const { id } = await askForOfficer(sender);
    const transcript = (await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk })).body.transcript as { at: string; from: string; text: string }[];
    assert.deepEqual(
      transcript.slice(0, 8).map((l) => [l.at, l.from, l.text]),
      window.map((l) => [l.at.toISOString(), l.from, l.text]),
      'the eight lines before the request, as they were said',
    );
    assert.deepEqual(transcript.slice(8, 9).map((l) => [l.from, l.text]), [['citizen', 'tôi muốn gặp cán bộ']]);
    assert.ok(transcript[9]!.text.startsWith(vi('handoff:opened', { reference: id })));
    assert.equal(transcript.length, 10);
  });

  it('reads the lines an older version kept in the memory, and moves them out of it at the next turn', async () => {
    const sender = 'web-legacy';
    const { store } = server.running.assistant;
    const user = { channel: 'rest', userId: sender };
    const recent = [
      { at: '2026-04-13T01:50:00.000Z', from: 'citizen', text: 'làm hộ chiếu ở đâu' },
      { at: '2026-04-13T01:50:00.000Z', from: 'bot', text: 'Dạ, anh/chị làm hộ chiếu tại phòng Quản lý xuất nhập cảnh.' },
    ];
    await store.state.write(`rest/${sender}`, { locale: 'vi', recent, lastTurnAt: '2026-04-13T01:50:00.000Z' }, '*');

    const { id } = await askForOfficer(sender);
    const transcript = (await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk })).body.transcript as { at: string; from: string; text: string }[];
    assert.deepEqual(transcript.slice(0, 2).map((l) => ({ at: l.at, from: l.from, text: l.text })), recent);
    assert.deepEqual(transcript[2]!.text, 'tôi muốn gặp cán bộ');

    const memory = (await store.state.read<Record<string, unknown>>(`rest/${sender}`))!.data;
    assert.equal(memory.recent, undefined, 'moved out of the memory');
    assert.equal(memory.locale, 'vi');
    const moved = await store.recentLines.recent(user, 8);
    assert.deepEqual(moved.slice(0, 2).map((l) => ({ at: l.at.toISOString(), from: l.from, text: l.text })), recent);
    assert.deepEqual(moved.slice(2).map((l) => l.from), ['citizen', 'bot'], 'then the request and its answer');
  });

  it('keeps the bot silent while an officer holds the conversation, except for an emergency, and closing brings it back', async () => {
    const sender = 'web-silent';
    const { id } = await askForOfficer(sender);
    await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });
    await pending(sender);

    minutesLater(5);
    assert.deepEqual(await say(sender, 'tôi ở phường Phan Đình Phùng, cần làm hộ chiếu'), []);
    assert.deepEqual(await say(sender, 'menu'), [], 'not even the menu talks over the officer');
    const queue = await server.call('GET', '/api/admin/handoffs', { token: desk });
    assert.equal(queue.body.handoffs.find((h: { id: string }) => h.id === id).newFromCitizen, true, 'the console sees a new message');

    const danger = await say(sender, 'cứu với nhà tôi đang cháy');
    assert.ok(danger[0]!.text.startsWith(vi('emergency.intro')), 'an emergency is always answered');

    const transcript = (await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk })).body.transcript as { from: string; text: string }[];
    const tail = transcript.slice(-4);
    assert.deepEqual(tail.slice(0, 3).map((l) => [l.from, l.text]), [
      ['citizen', 'tôi ở phường Phan Đình Phùng, cần làm hộ chiếu'],
      ['citizen', 'menu'],
      ['citizen', 'cứu với nhà tôi đang cháy'],
    ]);
    assert.equal(tail[3]!.from, 'bot');
    assert.ok(tail[3]!.text.startsWith(vi('emergency.intro')), 'the emergency answer is in the transcript too');

    const closed = await server.call('POST', `/api/admin/handoffs/${id}/close`, { token: desk });
    assert.deepEqual([closed.status, closed.body.closed, closed.body.notice], [200, true, { sent: true }]);
    const page = await pending(sender);
    assert.deepEqual(page.messages.map((m) => [m.text, m.buttons?.[0]?.payload]), [[vi('handoff:closed', { reference: id }), '/help']]);
    assert.equal(page.handoff, null);
    const back = await say(sender, 'xin chào');
    assert.equal(back[0]!.text, vi('greeting'));

    const again = await server.call('POST', `/api/admin/handoffs/${id}/close`, { token: desk });
    assert.deepEqual([again.status, again.body.closed, again.body.notice], [200, false, null]);
    assert.deepEqual((await pending(sender)).messages, [], 'closing twice tells the citizen nothing more');
  });

  it('audits every staff action with the officer\'s name, never the text', async () => {
    const { id } = await askForOfficer('web-audited');
    await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Dạ, anh cần gì ạ?' } });
    await server.call('POST', `/api/admin/handoffs/${id}/close`, { token: desk });
    const admin = await server.login(ADMIN.username, ADMIN.password);
    const audit = await server.call('GET', `/api/admin/audit?target=${id}`, { token: admin });
    assert.deepEqual(
      audit.body.entries.map((e: { action: string; actor: string }) => [e.action, e.actor]).reverse(),
      [['handoff.claim', 'staff:motcua1'], ['handoff.reply', 'staff:motcua1'], ['handoff.close', 'staff:motcua1']],
    );
    assert.ok(!JSON.stringify(audit.body).includes('anh cần gì'));
  });

  it('keeps one officer on a conversation unless another takes it over, and refuses bad requests clearly', async () => {
    const { id } = await askForOfficer('web-two-officers');
    await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk });
    const taken = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk2, json: { text: 'Chào anh' } });
    assert.equal(taken.status, 409);
    assert.deepEqual(taken.body.error.details, { claimedBy: 'motcua1' });
    const over = await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk2, json: { takeOver: true } });
    assert.deepEqual([over.status, over.body.handoff.claimedBy], [200, 'motcua2']);

    for (const [body, field] of [[{ text: '   ' }, 'text'], [{}, 'text'], [{ text: 'x'.repeat(2001) }, 'text'], [{ text: 'hi', extra: 1 }, 'extra']] as const) {
      const bad = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk2, json: body });
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.ok(bad.body.error.message.includes(`"${field}"`), bad.body.error.message);
    }
    assert.equal((await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk2, json: { takeOver: 'yes' } })).status, 400);
    assert.equal((await server.call('GET', '/api/admin/handoffs/HT-19990101-0001', { token: desk })).status, 404);
    assert.equal((await server.call('POST', '/api/admin/handoffs/HT-19990101-0001/messages', { token: desk, json: { text: 'a' } })).status, 404);
    await server.call('POST', `/api/admin/handoffs/${id}/close`, { token: desk2 });
    const late = await server.call('POST', `/api/admin/handoffs/${id}/messages`, { token: desk, json: { text: 'Còn đó không?' } });
    assert.deepEqual([late.status, late.body.error.code], [409, 'conflict']);
    assert.equal((await server.call('POST', `/api/admin/handoffs/${id}/claim`, { token: desk })).status, 409);
  });

  it('pauses the bot for the configured time after an officer wrote from the platform\'s own tool, then lets it answer', async () => {
    const user = { channel: 'rest', userId: 'web-platform-officer' };
    await server.running.assistant.handoff.signals.officerSpoke(user, clock.now());
    minutesLater(PAUSE_MINUTES - 1);
    assert.deepEqual(await say(user.userId, 'dạ vâng, cảm ơn anh'), []);
    const open = (await server.call('GET', '/api/admin/handoffs', { token: desk })).body.handoffs.find((h: { userId: string }) => h.userId === user.userId);
    assert.deepEqual([open.status, open.reason, open.botPaused, open.claimedBy], ['engaged', 'officer_wrote', true, undefined]);
    const transcript = (await server.call('GET', `/api/admin/handoffs/${open.id}`, { token: desk })).body.transcript;
    assert.deepEqual(transcript.map((l: { from: string; text: string }) => [l.from, l.text]), [['officer', ''], ['citizen', 'dạ vâng, cảm ơn anh']]);

    minutesLater(2);
    const answered = await say(user.userId, 'xin chào');
    assert.equal(answered[0]!.text, vi('greeting'), 'the pause is over');
    await server.running.assistant.handoff.signals.officerSpoke(user, clock.now());
    assert.deepEqual(await say(user.userId, 'xin chào'), [], 'a new officer message pauses it again');
  });

  it('closes when the platform\'s inbox hands the citizen back, and the bot says it is there again', async () => {
    const sender = 'web-handed-back';
    const { id } = await askForOfficer(sender);
    await server.running.assistant.handoff.signals.handedBack({ channel: 'rest', userId: sender });
    assert.equal((await server.call('GET', `/api/admin/handoffs/${id}`, { token: desk })).body.handoff.status, 'closed');
    assert.deepEqual((await pending(sender)).messages.map((m) => m.text), [vi('handoff:closed', { reference: id })]);
    await server.running.assistant.handoff.signals.handedBack({ channel: 'rest', userId: sender });
    assert.deepEqual((await pending(sender)).messages, [], 'a repeated hand-back changes nothing');
  });

  it('lets only desk staff and admins reach the hand-off routes', async () => {
    const admin = await server.login(ADMIN.username, ADMIN.password);
    const editor = await server.staff('bientap1', ['editor']);
    const propaganda = await server.staff('tuyentruyen1', ['propaganda']);
    const routes: [string, string, unknown][] = [
      ['GET', '/api/admin/handoffs', undefined],
      ['GET', '/api/admin/handoffs/HT-19990101-0001', undefined],
      ['POST', '/api/admin/handoffs/HT-19990101-0001/claim', {}],
      ['POST', '/api/admin/handoffs/HT-19990101-0001/messages', { text: 'a' }],
      ['POST', '/api/admin/handoffs/HT-19990101-0001/close', undefined],
    ];
    for (const [method, path, json] of routes) {
      for (const token of [editor, propaganda]) assert.equal((await server.call(method, path, { token, json })).status, 403, `${method} ${path}`);
      for (const token of [desk, admin]) assert.ok([200, 404].includes((await server.call(method, path, { token, json })).status), `${method} ${path}`);
    }
  });

  it('refuses a pending request without a usable sender', async () => {
    for (const query of ['', '?sender=', `?sender=${'x'.repeat(129)}`, '?sender=a&sender=b']) {
      const res = await fetch(`${server.url}/webhooks/rest/pending${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'bad_request');
    }
  });
});
