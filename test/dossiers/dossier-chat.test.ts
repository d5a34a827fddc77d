import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { chat, uniqueRedisPrefix, type RunningAssistant } from '../support/server';
import { INTEGRATION_TOKEN, dossierBody, putDossier, say, startDossierAssistant, uniqueCode } from './dossier-support';

// The test environment may point at a shared Redis; it runs the lockout path there too when one is reachable.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const PHONE_DIGITS = ['0912', '345', '678', '5678', '912345678'];
const assertNoPhone = (text: string) => {
  for (const d of PHONE_DIGITS) assert.equal(text.includes(d), false, `reply shows phone digits "${d}": ${text}`);
};

function describeChatFlow(label: string, env: () => Record<string, string>) {
  describe(`Dossier lookup in chat (${label})`, () => {
    let server: RunningAssistant;
    let run: string;
    const sender = (name: string) => `${name}-${run}`;

    before(async () => {
      run = randomUUID().slice(0, 8);
      server = await startDossierAssistant(env());
    });
    after(async () => {
      await server.close();
    });

    async function seed(code: string, overrides: Record<string, unknown> = {}) {
      const res = await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody(overrides));
      assert.ok(res.status === 201 || res.status === 200, JSON.stringify(res.json));
    }

    it('asks for the 4 digits, then tells a verified citizen the status, the next step and the note, with the name masked', async () => {
      const code = uniqueCode();
      await seed(code, { status: 'supplement_required', unit: 'Công an phường Phan Đình Phùng' });
      const who = sender('citizen');
      const ask = await say(server.url, who, `cho tôi tra cứu hồ sơ ${code.toLowerCase()}`);
      assert.match(ask.text, /4 số cuối/);
      assert.ok(ask.text.includes(code));
      const answer = await say(server.url, who, '5678');
      assert.match(answer.text, /Cần bổ sung hồ sơ/);
      assert.match(answer.text, /Bổ sung hợp đồng thuê nhà có công chứng/, "the officer's note");
      assert.match(answer.text, /Nguyễn V\. B\./);
      assert.equal(answer.text.includes('Văn Bình'), false);
      assert.match(answer.text, /Đăng ký tạm trú/, 'the procedure by name');
      assert.match(answer.text, /Công an phường Phan Đình Phùng/);
      assertNoPhone(ask.text + answer.text);
      assert.ok(answer.payloads.some((p) => p.includes('"dossier_action":"subscribe"')));
    });

    it('asks for the code when the message has none, and accepts it as the next message', async () => {
      const code = uniqueCode();
      await seed(code, { status: 'ready', unit: 'Công an xã Đồng Hỷ' });
      const who = sender('no-code');
      assert.match((await say(server.url, who, '/dossier_status')).text, /mã hồ sơ/);
      assert.match((await say(server.url, who, code)).text, /4 số cuối/);
      const answer = await say(server.url, who, '56 78');
      assert.match(answer.text, /Có kết quả, chờ trả/);
      assert.match(answer.text, /Nơi nhận kết quả: Công an xã Đồng Hỷ/);
    });

    it('answers in English for a citizen who chose English', async () => {
      const code = uniqueCode();
      await seed(code, { status: 'processing' });
      const who = sender('english');
      await chat(server.url, who, '/change_language{"language":"en"}');
      await say(server.url, who, `/dossier_status{"dossier_code":"${code}"}`);
      const answer = await say(server.url, who, '5678');
      assert.match(answer.text, /Being processed/);
      assertNoPhone(answer.text);
    });

    it('gives an unknown code and wrong digits exactly the same questions and the same answer', async () => {
      const existing = uniqueCode();
      await seed(existing);
      const unknown = uniqueCode('G99.99');
      const a = sender('same-a');
      const b = sender('same-b');
      const askKnown = await chat(server.url, a, `/dossier_status{"dossier_code":"${existing}"}`);
      const askUnknown = await chat(server.url, b, `/dossier_status{"dossier_code":"${unknown}"}`);
      assert.deepEqual(JSON.parse(JSON.stringify(askKnown).replaceAll(existing, 'CODE').replaceAll(a, 'U')), JSON.parse(JSON.stringify(askUnknown).replaceAll(unknown, 'CODE').replaceAll(b, 'U')));
      const wrong = await chat(server.url, a, '1111');
      const notFound = await chat(server.url, b, '5678');
      const normalise = (r: unknown, code: string, who: string) => JSON.parse(JSON.stringify(r).replaceAll(code, 'CODE').replaceAll(who, 'U'));
      assert.deepEqual(normalise(wrong, existing, a), normalise(notFound, unknown, b));
      assert.match(wrong[0]!.text, /không tìm thấy hồ sơ .* hoặc thông tin xác minh chưa khớp/);
    });

    it('says how many tries are left after a wrong answer and takes the next 4 digits as a retry', async () => {
      const code = uniqueCode();
      await seed(code, { status: 'processing' });
      const who = sender('retry');
      await say(server.url, who, `/dossier_status{"dossier_code":"${code}"}`);
      const wrong = await say(server.url, who, '1111');
      assert.match(wrong.text, /không tìm thấy hồ sơ .* hoặc thông tin xác minh chưa khớp/);
      assert.match(wrong.text, /còn 4 lần thử/);
      assert.match((await say(server.url, who, '5678')).text, /Đang giải quyết/, 'the retry is compared, not "ngoài phạm vi"');
    });

    it("after 5 wrong answers a conversation must wait, even with the right digits; an unknown code behaves the same; others are not locked out", async () => {
      const code = uniqueCode();
      await seed(code, { status: 'processing' });
      for (const target of [code, uniqueCode('G77.77')]) {
        const who = sender(`lock-${target}`);
        await say(server.url, who, `/dossier_status{"dossier_code":"${target}"}`);
        const answers: string[] = [];
        for (let i = 0; i < 5; i++) answers.push((await say(server.url, who, `000${i}`)).text);
        assert.match(answers[3]!, /còn 1 lần thử/);
        assert.match(answers[4]!, /thử lại sau \d+ phút, hoặc hỏi bộ phận một cửa/);
        const again = await say(server.url, who, `/dossier_status{"dossier_code":"${target}"}`);
        assert.match(again.text, /nhập sai .* tạm khóa/, 'no more questions while locked');
        assert.doesNotMatch(again.text, /4 số cuối/);
        const followUp = await say(server.url, who, '5678');
        assert.doesNotMatch(followUp.text, /Đang giải quyết/, 'the right digits do not get through');
      }
      // Another citizen is not locked out of the same dossier.
      const other = sender('lock-other');
      await say(server.url, other, `/dossier_status{"dossier_code":"${code}"}`);
      assert.match((await say(server.url, other, '5678')).text, /Đang giải quyết/);
      const failures = await server.assistant.store.audit.list({ action: 'dossier.verify_failed', target: `dossier:${code}`, limit: 10 });
      assert.equal(failures.length, 5, 'each failed verification is audited');
      assert.equal(failures[0]?.actor, `rest:${sender(`lock-${code}`)}`);
      const refused = await server.assistant.store.audit.list({ action: 'dossier.lookup_refused', target: `dossier:${code}`, limit: 10 });
      assert.deepEqual(refused.map((e) => e.detail?.reason), ['sender']);
    });

    it("counts one conversation's wrong answers across codes", async () => {
      const who = sender('guesser');
      const replies: string[] = [];
      for (let i = 0; i < 5; i++) {
        await say(server.url, who, `/dossier_status{"dossier_code":"${uniqueCode('G55.55')}"}`);
        replies.push((await say(server.url, who, '4321')).text);
      }
      assert.match(replies[0]!, /còn 4 lần thử/);
      assert.match(replies[4]!, /thử lại sau/);
      assert.match((await say(server.url, who, `/dossier_status{"dossier_code":"${uniqueCode('G55.55')}"}`)).text, /tạm khóa/);
    });

    it('recognises every code shape the API accepts, and never takes a phone number for a code', async () => {
      const code = `HC-2026-${randomUUID().replace(/\D/g, '').padEnd(6, '1').slice(0, 6)}`;
      await seed(code, { status: 'received' });
      const who = sender('shapes');
      assert.match((await say(server.url, who, `tra giúp hồ sơ ${code.toLowerCase()} với`)).text, /4 số cuối/);
      assert.match((await say(server.url, who, '5678')).text, /Đã tiếp nhận/);
      assert.equal((await putDossier(server.url, INTEGRATION_TOKEN, '0912345678', dossierBody())).status, 400, 'the API refuses a phone number as a code');
      const phone = sender('phone-code');
      await say(server.url, phone, '/dossier_status');
      const reply = await say(server.url, phone, '0912 345 678');
      assert.match(reply.text, /số điện thoại hoặc số giấy tờ, không phải mã hồ sơ/);
      assert.doesNotMatch(reply.text, /4 số cuối/);
    });

    it('never logs bare digits as an unanswered question, in or out of a flow', async () => {
      const who = sender('digits-log');
      await say(server.url, who, '5678');
      await say(server.url, who, '0912 345 678');
      await say(server.url, who, 'mã của tôi là 8765 nha bạn');
      const logged = (await server.assistant.store.unanswered.list(500)).filter((r) => r.userId === who);
      assert.ok(logged.length > 0, 'the message with words is logged');
      for (const r of logged) assert.doesNotMatch(r.text, /\d{4}|5678|8765|0912/, r.text);
    });

    it('never shows the phone digits in any reply of a whole conversation', async () => {
      const code = uniqueCode();
      await seed(code, { status: 'returned', completedAt: '2026-03-19T10:00:00+07:00', dueAt: '2026-03-20T17:00:00+07:00' });
      const who = sender('phone');
      const all: string[] = [];
      for (const m of [`hồ sơ ${code} đến đâu rồi`, '5678', 'menu']) all.push((await say(server.url, who, m)).text);
      assert.match(all[1]!, /Đã trả kết quả/);
      assert.match(all[1]!, /sớm hơn ngày hẹn/);
      for (const text of all.slice(1)) assertNoPhone(text);
    });
  });
}

// Every test here talks from 127.0.0.1: the address budget is tested on its own in dossier-attack.test.ts.
const QUIET = { DOSSIER_ADDRESS_FAILURES_PER_HOUR: '1000' };
describeChatFlow('in-memory coordination', () => QUIET);

describe('with Redis coordination', function () {
  let reachable = false;
  before(async function () {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1000 });
    reachable = await probe.connect().then(() => true, () => false);
    probe.disconnect();
    if (!reachable) this.skip();
  });
  // Each run has its own key prefix, so runs sharing the Redis never meet (global budget included); keys expire on their own.
  describeChatFlow('Redis coordination', () => ({ ...QUIET, REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix('dossier-chat') }));
});
