import assert from 'node:assert/strict';
import { openSqlite } from '../../src/store/sqlite/database';
import { chat, useAssistant } from '../support/server';
import { en, vi } from '../support/locale';

const menuTitles = ['cu-tru', 'can-cuoc', 'xuat-nhap-canh', 'giao-thong', 'pccc', 'antt', 'tu-phap', 'dossier', 'office', 'human'].map((k) =>
  vi(`menu.items.${k}`),
);

describe('web chat (REST channel) end to end', () => {
  const assistant = useAssistant();

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${assistant().url}/webhooks/rest/webhook`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('greets and shows the main menu as buttons', async () => {
    const replies = await chat(assistant().url, 'greet-1', 'xin chào');
    assert.equal(replies[0].text, vi('greeting'));
    const menu = replies.at(-1)!;
    assert.equal(menu.text, vi('menu.prompt'));
    assert.deepEqual(menu.buttons?.map((b) => b.title), menuTitles);
    for (const r of replies) assert.equal(r.recipient_id, 'greet-1');
  });

  it('answers turns that come a millisecond apart (the understanding batch may hold them together) each only after its memory and lines are committed', async () => {
    // A second connection sees only what the assistant's store has committed.
    const other = openSqlite(assistant().dataDir);
    try {
      const committed = (sender: string) => ({
        state: other.prepare('SELECT count(*) AS n FROM state WHERE key = ?').get(`rest/${sender}`) as { n: number },
        lines: other.prepare('SELECT count(*) AS n FROM conversation_lines WHERE channel = ? AND user_id = ?').get('rest', sender) as { n: number },
      });
      await chat(assistant().url, 'gathered-0', 'xin chào');
      const senders = ['gathered-1', 'gathered-2', 'gathered-3', 'gathered-4'];
      const answers: Promise<void>[] = [];
      for (const sender of senders) {
        answers.push(
          chat(assistant().url, sender, 'làm tạm trú cần giấy tờ gì').then((replies) => {
            assert.ok(replies.length > 0);
            const seen = committed(sender);
            assert.equal(seen.state.n, 1, `${sender} answered before its memory was committed`);
            assert.ok(seen.lines.n >= 2, `${sender} answered before its lines were committed`);
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await Promise.all(answers);
    } finally {
      other.close();
    }
  });

  it('answers JSON with its length and the common headers', async () => {
    const res = await post(JSON.stringify({ sender: 'headers-1', message: 'xin chào' }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(Number(res.headers.get('content-length')), body.length);
    assert.equal(JSON.parse(body.toString('utf8'))[0].text, vi('greeting'));
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(res.headers.get('x-request-id'));
  });

  it('answers every main-menu button with something other than an error', async () => {
    const [, menu] = await chat(assistant().url, 'tapper', 'xin chao');
    for (const button of menu.buttons!) {
      const replies = await chat(assistant().url, `tap-${button.payload}`, button.payload);
      assert.ok(replies.length > 0, `no reply for ${button.title}`);
      for (const r of replies) {
        assert.ok(r.text.trim(), `empty reply for ${button.title}`);
        assert.notEqual(r.text, vi('errors.turn'), `error reply for ${button.title}`);
        assert.ok(r.text.length <= 2000);
        for (const b of r.buttons ?? []) assert.ok(b.title.length <= 20, `button title too long: ${b.title}`);
        assert.ok((r.buttons ?? []).length <= 13);
      }
    }
  });

  for (const restart of ['menu', 'Menu', 'bắt đầu lại', 'bat dau lai']) {
    it(`"${restart}" always brings the menu back, even in the middle of a dialog`, async () => {
      const sender = `restart-${restart}`;
      await chat(assistant().url, sender, 'tôi muốn phản ánh');
      const replies = await chat(assistant().url, sender, restart);
      assert.equal(replies.at(-1)!.text, vi('menu.prompt'));
    });
  }

  it('answers an emergency first, with the fitting numbers, even inside another dialog', async () => {
    const sender = 'danger';
    await chat(assistant().url, sender, 'tôi muốn phản ánh');
    const replies = await chat(assistant().url, sender, 'cuu voi nha toi dang chay');
    assert.ok(replies[0].text.startsWith(vi('emergency.intro')));
    const first = replies[0].text.indexOf('114');
    assert.ok(first > 0 && first < replies[0].text.indexOf('113'), 'fire: 114 comes before 113');
  });

  it('records feedback with a reference number', async () => {
    const sender = 'feedback-1';
    const ask = await chat(assistant().url, sender, 'tôi muốn gửi phản ánh');
    assert.equal(ask[0].text, vi('feedback.ask'));
    const done = await chat(assistant().url, sender, 'Cán bộ một cửa hẹn trả hồ sơ tạm trú nhưng quá hạn ba ngày chưa có');
    const reference = /PA-\d{8}-\d{4}/.exec(done[0].text)?.[0];
    assert.ok(reference, done[0].text);
    const saved = await assistant().assistant.store.feedback.list(10);
    assert.equal(saved.find((f) => f.reference === reference)?.userId, sender);
  });

  it('flags the conversation for an officer and says what happens next', async () => {
    const replies = await chat(assistant().url, 'human-1', 'cho tôi gặp cán bộ');
    const open = await assistant().assistant.store.handoffs.findOpen({ channel: 'rest', userId: 'human-1' });
    assert.ok(open);
    assert.ok(replies[0].text.includes(open.id));
    const again = await chat(assistant().url, 'human-1', '/human_agent');
    assert.ok(again[0].text.startsWith(vi('handoff:already', { reference: open.id })));
  });

  it('remembers the language the citizen chose', async () => {
    const sender = 'english-1';
    const switched = await chat(assistant().url, sender, '/change_language{"language":"en"}');
    assert.equal(switched[0].text, en('language.changed'));
    const menu = await chat(assistant().url, sender, 'menu');
    assert.equal(menu.at(-1)!.text, en('menu.prompt'));
  });

  it('keeps turn state in storage with an eTag, not in memory', async () => {
    await chat(assistant().url, 'stateful', '/change_language{"language":"en"}');
    const stored = await assistant().assistant.store.state.read<{ locale: string }>('rest/stateful');
    assert.equal(stored?.data.locale, 'en');
    assert.ok(stored?.eTag);
  });

  it('answers every one of a burst of concurrent messages from one sender (ordering itself: test/channels/inbox.test.ts)', async () => {
    const sender = 'burst';
    const results = await Promise.all(Array.from({ length: 8 }, () => chat(assistant().url, sender, 'xin chào')));
    for (const replies of results) assert.equal(replies[0].text, vi('greeting'));
  });

  describe('bad input', () => {
    it('answers malformed JSON with 400 and a clear message', async () => {
      const res = await post('{"sender": "x", "message": ');
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'bad_request');
    });

    for (const [body, field] of [
      [{ message: 'hi' }, 'sender'],
      [{ sender: '', message: 'hi' }, 'sender'],
      [{ sender: 'x'.repeat(200), message: 'hi' }, 'sender'],
      [{ sender: 'x', message: 42 }, 'message'],
      [{ sender: 'x' }, 'message'],
      [['sender', 'message'], 'sender'],
    ] as const) {
      it(`answers ${JSON.stringify(body).slice(0, 40)} with 400 naming "${field}"`, async () => {
        const res = await post(JSON.stringify(body));
        assert.equal(res.status, 400);
        const { error } = (await res.json()) as { error: { message: string } };
        assert.ok(error.message.includes(field), error.message);
      });
    }

    it('refuses a 1 MB body with 413 and stores nothing', async () => {
      const res = await post(JSON.stringify({ sender: 'huge', message: 'a'.repeat(1024 * 1024) }));
      assert.equal(res.status, 413);
      assert.equal(await assistant().assistant.store.state.read('rest/huge'), undefined);
    });

    it('asks politely to shorten a message over the chat limit', async () => {
      const replies = await chat(assistant().url, 'long', 'a '.repeat(3000));
      assert.equal(replies.length, 1);
      assert.equal(replies[0].text, vi('errors.tooLong', { max: 2000 }));
    });

    it('asks to shorten in the language the citizen chose, and keeps the conversation as it was', async () => {
      await chat(assistant().url, 'long-en', '/change_language{"language":"en"}');
      const before = await assistant().assistant.store.state.read('rest/long-en');
      const replies = await chat(assistant().url, 'long-en', 'passport '.repeat(300));
      assert.deepEqual(replies.map((r) => r.text), [en('errors.tooLong', { max: 2000 })]);
      assert.deepEqual(await assistant().assistant.store.state.read('rest/long-en'), before);
    });

    it('strips control characters and still understands the message', async () => {
      const replies = await chat(assistant().url, 'ctrl', 'xin\u0000 ch\u0007ào\u001b');
      assert.equal(replies[0].text, vi('greeting'));
    });

    for (const odd of ['/no_such_intent', '/procedure_fee{broken json', '', '🙂🙂🙂', '<script>alert(1)</script>']) {
      it(`replies politely to ${JSON.stringify(odd)}`, async () => {
        const replies = await chat(assistant().url, 'odd', odd);
        assert.ok(replies.length > 0);
        assert.notEqual(replies[0].text, vi('errors.turn'));
        assert.ok(replies.at(-1)!.buttons?.length, 'offers the menu');
      });
    }

    it('answers an unknown path with a coded 404', async () => {
      const res = await fetch(`${assistant().url}/nope`);
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
    });
  });

  describe('health', () => {
    it('GET /healthz answers ok', async () => {
      const res = await fetch(`${assistant().url}/healthz`);
      assert.equal(res.status, 200);
    });

    it('GET /readyz reports storage, coordination and content ready', async () => {
      const res = await fetch(`${assistant().url}/readyz`);
      const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean }[] };
      assert.equal(res.status, 200);
      assert.deepEqual(body.checks.map((c) => [c.name, c.ok]), [
        ['storage', true],
        ['coordination', true],
        ['content', true],
      ]);
    });
  });
});
