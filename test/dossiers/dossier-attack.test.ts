/**
 * Attacks on the 4-digit verification, driven through the real HTTP server as a stranger would: a new web-chat sender
 * and a new client address (X-Forwarded-For, believed because TRUST_PROXY=loopback) for every guess, many questions
 * opened before any answer, answers sent in parallel, in memory and Redis modes (Redis: two instances sharing one
 * Redis and one database). Budgets are set small so each attack takes a few seconds.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chat, startAssistant, uniqueRedisPrefix, type RunningAssistant } from '../support/server';
import { ADMIN, INTEGRATION_TOKEN, dossierBody, putDossier, uniqueCode } from './dossier-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Only a verified citizen sees this line. */
const REVEALED = /Người nộp:/;
const TRY_LATER = /thử lại sau \d+ phút, hoặc hỏi bộ phận một cửa/;

/** One instance, or two sharing a Redis (fresh key prefix) and a data folder, as behind a load balancer. */
async function startInstances(mode: 'memory' | 'redis', env: Record<string, string>): Promise<{ urls: string[]; first: RunningAssistant; close(): Promise<void> }> {
  const base = { TRUST_PROXY: 'loopback', INTEGRATION_TOKENS: INTEGRATION_TOKEN, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, ...env };
  if (mode === 'memory') {
    const one = await startAssistant(base);
    return { urls: [one.url], first: one, close: () => one.close() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-attack-'));
  const shared = { ...base, DATA_DIR: dataDir, REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix('dossier-attack') };
  const a = await startAssistant(shared);
  const b = await startAssistant(shared);
  return {
    urls: [a.url, b.url],
    first: a,
    async close() {
      await a.close();
      await b.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `work` over `items`, `concurrency` at a time; answers the results in item order. */
async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!, i);
      }
    }),
  );
  return results;
}

/** One stranger: a fresh sender id and a fresh address each time. */
interface Guess {
  code: string;
  digits: string;
}

let stranger = 0;
const strangerAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/**
 * The attack of issue 8: every guess opens its own question first (all of them before any answer), then all the
 * answers arrive, `concurrency` at a time, spread over the instances. Answers the text each answer got.
 */
async function attack(urls: string[], guesses: Guess[], concurrency = 20): Promise<string[]> {
  const run = randomUUID().slice(0, 8);
  const who = guesses.map(() => ({ sender: `stranger-${run}-${stranger}`, address: strangerAddress(++stranger) }));
  const text = async (i: number, message: string) => (await chat(urls[i % urls.length]!, who[i]!.sender, message, who[i]!.address)).map((r) => r.text).join('\n');
  const asked = await inParallel(guesses, concurrency, (g, i) => text(i, `/dossier_status{"dossier_code":"${g.code}"}`));
  for (const reply of asked) assert.match(reply, /4 số cuối/, 'every stranger is asked the question');
  return inParallel(guesses, concurrency, (g, i) => text(i, g.digits));
}

/** How many times digits were actually compared for `code` (each comparison is audited as failed or verified). */
async function comparisons(server: RunningAssistant, code: string): Promise<number> {
  const { audit } = server.assistant.store;
  const failed = await audit.list({ action: 'dossier.verify_failed', target: `dossier:${code}`, limit: 10_000 });
  const verified = await audit.list({ action: 'dossier.verified', target: `dossier:${code}`, limit: 10_000 });
  return failed.length + verified.length;
}

/** Every 4-digit guess but `right`, in a scrambled order, then `right` itself at the given positions. */
function guessList(right: string, count: number, rightAt: number[]): string[] {
  const wrong = Array.from({ length: 10_000 }, (_, i) => String((i * 7919) % 10_000).padStart(4, '0')).filter((d) => d !== right);
  const list = wrong.slice(0, count);
  for (const at of rightAt) list[at] = right;
  return list;
}

function seedPhone(last4: string): string {
  return `09${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}${last4}`;
}

for (const mode of ['memory', 'redis'] as const) {
  describe(`Brute force against the 4 digits (${mode} mode, rotating senders and addresses)`, function () {
    this.timeout(60_000);

    describe('against one code', () => {
      const FREE = 3;
      let servers: Awaited<ReturnType<typeof startInstances>>;
      before(async () => {
        // The code's wait (10 minutes) outlasts the attack, and the shared budgets are large: only the per-code budget binds.
        servers = await startInstances(mode, {
          DOSSIER_CODE_FREE_FAILURES: String(FREE),
          DOSSIER_CODE_BACKOFF_SECONDS: '600',
          DOSSIER_GLOBAL_FAILURES_PER_HOUR: '10000',
        });
      });
      after(() => servers.close());

      it('compares at most free+1 guesses, so the right digits, tried later, never get through', async () => {
        const code = uniqueCode();
        assert.equal((await putDossier(servers.urls[0]!, INTEGRATION_TOKEN, code, dossierBody({ phone: seedPhone('5678') }))).status, 201);
        const rightAt = [40, 80, 120, 159];
        const digits = guessList('5678', 160, rightAt);
        const answers = await attack(servers.urls, digits.map((d) => ({ code, digits: d })));

        for (const reply of answers) assert.doesNotMatch(reply, REVEALED);
        for (const at of rightAt) assert.match(answers[at]!, TRY_LATER, `the right digits at guess ${at} are refused, not compared`);
        assert.equal(await comparisons(servers.first, code), FREE + 1, 'free wrong answers, then the one that starts the wait');
        assert.equal(answers.filter((r) => TRY_LATER.test(r)).length, 160 - FREE, 'every other answer is told to wait');
      });
    });

    describe('against many codes', () => {
      const GLOBAL = 12;
      let servers: Awaited<ReturnType<typeof startInstances>>;
      before(async () => {
        servers = await startInstances(mode, { DOSSIER_GLOBAL_FAILURES_PER_HOUR: String(GLOBAL), DOSSIER_CODE_FREE_FAILURES: '3' });
      });
      after(() => servers.close());

      it('compares at most the global budget across all codes, then refuses even right answers', async () => {
        const dossiers = Array.from({ length: 30 }, () => ({ code: uniqueCode('H55.22'), last4: String(Math.floor(Math.random() * 10_000)).padStart(4, '0') }));
        for (const d of dossiers) await putDossier(servers.urls[0]!, INTEGRATION_TOKEN, d.code, dossierBody({ phone: seedPhone(d.last4) }));
        // Two wrong guesses per code (within each code's free failures), then the attacker "knows" every right answer.
        const guesses = Array.from({ length: 150 }, (_, i): Guess => {
          const d = dossiers[i % dossiers.length]!;
          const wrong = String((Number(d.last4) + 1 + Math.floor(i / dossiers.length)) % 10_000).padStart(4, '0');
          return { code: d.code, digits: i < 60 ? wrong : d.last4 };
        });
        const answers = await attack(servers.urls, guesses);

        for (const reply of answers) assert.doesNotMatch(reply, REVEALED);
        for (const reply of answers.slice(60)) assert.match(reply, TRY_LATER);
        let compared = 0;
        for (const d of dossiers) compared += await comparisons(servers.first, d.code);
        assert.equal(compared, GLOBAL);
        const refused = await servers.first.assistant.store.audit.list({ action: 'dossier.lookup_refused', limit: 10_000 });
        assert.ok(refused.some((e) => e.detail?.reason === 'global'));
      });
    });

    describe('from one address', () => {
      let servers: Awaited<ReturnType<typeof startInstances>>;
      before(async () => {
        servers = await startInstances(mode, { DOSSIER_ADDRESS_FAILURES_PER_HOUR: '6', DOSSIER_CODE_FREE_FAILURES: '100' });
      });
      after(() => servers.close());

      it('refuses an address after its wrong answers, whatever sender it claims, while another address goes on', async () => {
        const code = uniqueCode();
        await putDossier(servers.urls[0]!, INTEGRATION_TOKEN, code, dossierBody());
        const run = randomUUID().slice(0, 8);
        // The question and the answer: a refusal may come at either (at the question when the address is known spent).
        const fromOne = async (n: number, digits: string, address = '203.0.113.7') => {
          const [url, sender] = [servers.urls[n % servers.urls.length]!, `one-address-${run}-${n}`];
          const asked = await chat(url, sender, `/dossier_status{"dossier_code":"${code}"}`, address);
          return [...asked, ...(await chat(url, sender, digits, address))].map((r) => r.text).join('\n');
        };
        for (let n = 0; n < 6; n++) assert.match(await fromOne(n, `11${n}1`), /không tìm thấy/);
        const blocked = await fromOne(6, '5678');
        assert.doesNotMatch(blocked, REVEALED);
        assert.match(blocked, TRY_LATER);
        assert.match(await fromOne(7, '5678', '198.51.100.23'), REVEALED, 'the owner, elsewhere, still gets the answer');
      });
    });
  });
}

describe('Client addresses without TRUST_PROXY', () => {
  let server: RunningAssistant;
  before(async () => {
    server = await startAssistant({ INTEGRATION_TOKENS: INTEGRATION_TOKEN, DOSSIER_ADDRESS_FAILURES_PER_HOUR: '4', DOSSIER_CODE_FREE_FAILURES: '100' });
  });
  after(() => server.close());

  it('believes no X-Forwarded-For: a local caller cannot claim 40 addresses', async () => {
    const code = uniqueCode();
    await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody());
    const answers: string[] = [];
    for (let n = 0; n < 6; n++) {
      const sender = `claims-${randomUUID()}`;
      const asked = await chat(server.url, sender, `/dossier_status{"dossier_code":"${code}"}`, strangerAddress(1000 + n));
      const answered = await chat(server.url, sender, n < 4 ? '0000' : '5678', strangerAddress(1000 + n));
      answers.push([...asked, ...answered].map((r) => r.text).join('\n'));
    }
    assert.match(answers[4]!, TRY_LATER, 'the fifth lookup from 127.0.0.1 is refused, whatever address it claims');
    assert.doesNotMatch(answers.join('\n'), REVEALED);
  });
});

for (const mode of ['memory', 'redis'] as const) {
  describe(`The owner during an attack (${mode} mode)`, function () {
    this.timeout(30_000);
    let servers: Awaited<ReturnType<typeof startInstances>>;
    before(async () => {
      // Waits of one second, so the test sees the attack's wait start and end.
      servers = await startInstances(mode, { DOSSIER_CODE_FREE_FAILURES: '2', DOSSIER_CODE_BACKOFF_SECONDS: '1', DOSSIER_CODE_BACKOFF_MAX_SECONDS: '1' });
    });
    after(() => servers.close());

    it('is told to retry later or ask the one-stop desk while the code waits, and gets the answer once the wait is over', async () => {
      const code = uniqueCode();
      await putDossier(servers.urls[0]!, INTEGRATION_TOKEN, code, dossierBody());
      const owner = { sender: `owner-${randomUUID()}`, address: '198.51.100.8' };
      const ownerSays = async (message: string) => (await chat(servers.urls[0]!, owner.sender, message, owner.address)).map((r) => r.text).join('\n');
      const ask = `/dossier_status{"dossier_code":"${code}"}`;
      assert.match(await ownerSays(ask), /4 số cuối/, 'the owner opens the question before the attack');

      const attackAnswers = await attack(servers.urls, ['0001', '0002', '0003'].map((digits) => ({ code, digits })), 1);
      assert.match(attackAnswers[2]!, TRY_LATER, 'the third wrong answer starts the wait');

      const duringAttack = await ownerSays('5678');
      assert.match(duringAttack, TRY_LATER);
      assert.doesNotMatch(duringAttack, REVEALED);
      assert.match(await ownerSays(ask), TRY_LATER, 'asked again, told at once instead of asked for digits');

      await new Promise((r) => setTimeout(r, 1100));
      assert.match(await ownerSays(ask), /4 số cuối/);
      assert.match(await ownerSays('5678'), REVEALED, 'never locked out for good');
    });
  });
}

for (const mode of ['memory', 'redis'] as const) {
  describe(`Honest citizens looking up one dossier at once (${mode} mode)`, function () {
    this.timeout(60_000);
    let servers: Awaited<ReturnType<typeof startInstances>>;
    before(async () => {
      servers = await startInstances(mode, {});
    });
    after(() => servers.close());

    it('verifies all 100 with the default budgets: no false lock, no refusal', async () => {
      const code = uniqueCode();
      await putDossier(servers.urls[0]!, INTEGRATION_TOKEN, code, dossierBody());
      const run = randomUUID().slice(0, 8);
      const answers = await inParallel(Array.from({ length: 100 }, (_, i) => i), 100, async (i) => {
        const url = servers.urls[i % servers.urls.length]!;
        const [sender, address] = [`honest-${run}-${i}`, `192.0.2.${i}`];
        await chat(url, sender, `/dossier_status{"dossier_code":"${code}"}`, address);
        return (await chat(url, sender, '5678', address)).map((r) => r.text).join('\n');
      });
      const refused = answers.filter((a) => !REVEALED.test(a));
      assert.deepEqual(refused, [], `${refused.length} of 100 honest lookups were refused`);
      assert.equal(await comparisons(servers.first, code), 100);
    });
  });
}

describe('A waiting question', () => {
  let server: RunningAssistant;
  before(async () => {
    server = await startAssistant({ INTEGRATION_TOKENS: INTEGRATION_TOKEN, DOSSIER_QUESTION_TTL_SECONDS: '1' });
  });
  after(() => server.close());

  it('expires: an answer after its time is not compared, and the citizen is offered to try again', async () => {
    const code = uniqueCode();
    await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody());
    const sender = `late-${randomUUID()}`;
    await chat(server.url, sender, `/dossier_status{"dossier_code":"${code}"}`);
    await new Promise((r) => setTimeout(r, 1200));
    const late = await chat(server.url, sender, '5678');
    assert.match(late[0]!.text, /đã hết hạn/);
    assert.doesNotMatch(late[0]!.text, REVEALED);
    assert.ok(late[0]!.buttons?.some((b) => b.payload.includes(code)), 'a "Thử lại" button');
    assert.equal(await comparisons(server, code), 0);
    await chat(server.url, sender, late[0]!.buttons!.find((b) => b.payload.includes(code))!.payload);
    assert.match((await chat(server.url, sender, '5678'))[0]!.text, REVEALED, 'answered in time, it is compared');
  });
});
