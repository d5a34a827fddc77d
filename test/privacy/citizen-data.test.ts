import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config';
import { citizenAuditTarget } from '../../src/privacy/citizen-data';
import type { ChannelUser, Store } from '../../src/store';
import { Database } from '../../src/store/sqlite/driver';
import { ADMIN, INTEGRATION_TOKEN, dossierBody, login, putDossier, say, staffToken, startDossierAssistant, uniqueCode } from '../dossiers/dossier-support';
import type { RunningAssistant } from '../support/server';

const run = promisify(execFile);

/** Every table of the embedded database, and for each the rows whose any column holds `needle`. */
function tablesHolding(dataDir: string, needle: string): { tables: string[]; holding: Record<string, unknown[]> } {
  const db = new Database(path.join(dataDir, 'assistant.sqlite'), { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    const holding: Record<string, unknown[]> = {};
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      const found = rows.filter((row) => Object.values(row).some((v) => String(v).includes(needle)));
      if (found.length) holding[table] = found;
    }
    return { tables, holding };
  } finally {
    db.close();
  }
}

/** Leaves a record of every kind for a Zalo citizen through the store ports (no Zalo OA needed for this). */
async function zaloTraces(store: Store, user: ChannelUser): Promise<void> {
  const when = new Date();
  await store.contacts.recordInteraction(user, when, { locale: 'vi', following: true });
  await store.contacts.subscribe(user, { topics: [], communes: [] }, when);
  await store.state.write(`zalo/${user.userId}`, { recent: [{ from: 'citizen', text: 'xin chào' }] }, '*');
  await store.state.write(`zalo-menu/${user.userId}`, { buttons: [] }, '*');
  await store.recentLines.append({ user, lines: [{ at: when, from: 'citizen', text: 'xin chào' }, { at: when, from: 'bot', text: 'Dạ, em chào anh/chị' }] });
  await store.feedback.add({ ...user, text: 'góp ý qua Zalo' });
  await store.unanswered.add({ ...user, text: 'câu hỏi lạ', intent: 'nlu_fallback', confidence: 0.1 });
  await store.handoffs.open({ ...user, locale: 'vi', reason: 'human_agent', transcript: [{ at: when, from: 'citizen', text: 'gặp cán bộ' }] });
  await store.audit.add({ at: when, actor: `zalo:${user.userId}`, action: 'dossier.lookup', target: 'dossier:X' });
  await store.dossiers.watch('X', { ...user, locale: 'vi' });
  await store.outbox.enqueue({ ...user, key: `k-${user.userId}`, kind: 'dossier_status', data: {} });
  await store.activity.record({ ...user, intent: 'greeting', answered: true, at: when });
}

describe('a citizen\'s data on request: export and erase across every collection', () => {
  let server: RunningAssistant;
  let adminToken: string;
  before(async () => {
    server = await startDossierAssistant();
    adminToken = await login(server.url, ADMIN.username, ADMIN.password);
  });
  after(() => server.close());

  const api = async (action: 'export' | 'erase', body: unknown, token = adminToken) => {
    const res = await fetch(`${server.url}/api/admin/citizen-data/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, json: (await res.json()) as any };
  };

  it('through the admin API: exports what the web chat kept, erases it, and no table holds the id afterwards', async () => {
    const who = `citizen-${randomUUID()}`;
    const user = { channel: 'rest', userId: who };
    const code = uniqueCode();
    await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'processing', updatedAt: '2026-03-13T09:00:00+07:00' }));
    // A lookup, verified, subscribed; a status change queued for them; a question nobody answers; feedback; an officer.
    await say(server.url, who, `/dossier_status{"dossier_code":"${code}"}`);
    const verified = await say(server.url, who, '5678');
    await say(server.url, who, verified.payloads.find((p) => p.includes('"dossier_action":"subscribe"'))!);
    await putDossier(server.url, INTEGRATION_TOKEN, code, dossierBody({ status: 'ready', updatedAt: '2026-03-15T09:00:00+07:00' }));
    await say(server.url, who, 'xyzzy qwerty plugh');
    await say(server.url, who, 'tôi muốn phản ánh');
    await say(server.url, who, 'Cán bộ tiếp dân hẹn ba lần vẫn chưa trả kết quả hồ sơ');
    await say(server.url, who, 'cho tôi gặp cán bộ');
    assert.ok(Object.keys(tablesHolding(server.dataDir, who).holding).length >= 8, 'the conversation left traces in many tables');

    assert.equal((await api('export', user, '')).status, 401);
    assert.equal((await api('export', user, await staffToken(server.url, 'motcua1', ['desk']))).status, 403, 'admins only');
    assert.equal((await api('export', { channel: 'rest' })).status, 400);

    const exported = await api('export', user);
    assert.equal(exported.status, 200);
    assert.equal(exported.headers.get('cache-control'), 'no-store');
    const c = exported.json.collections;
    assert.deepEqual(exported.json.user, user);
    assert.deepEqual(
      Object.fromEntries(Object.entries(c).map(([name, records]) => [name, (records as unknown[]).length > 0])),
      { conversations: true, conversationLines: true, feedback: true, unanswered: true, handoffs: true, dossierLookups: true, dossierWatches: true, outbox: true, daysWritten: true, announcementDeliveries: false, contacts: true },
    );
    assert.equal(c.feedback[0].text, 'Cán bộ tiếp dân hẹn ba lần vẫn chưa trả kết quả hồ sơ');
    assert.deepEqual(c.dossierWatches.map((w: { watches: string }) => w.watches), [code]);
    assert.ok(c.dossierLookups.some((e: { action: string }) => e.action === 'dossier.verified'));
    assert.ok(c.handoffs[0].transcript.length > 0, 'the hand-off comes with its transcript');
    // The conversation's last lines, kept apart from its memory: the window ends with the hand-off request and its answer.
    const lines = c.conversationLines as { from: string; text: string }[];
    assert.ok(lines.length > 0 && lines.length <= 8, `${lines.length} lines`);
    assert.deepEqual({ from: lines.at(-2)!.from, text: lines.at(-2)!.text }, { from: 'citizen', text: 'cho tôi gặp cán bộ' });
    assert.equal(lines.at(-1)!.from, 'bot');
    assert.ok(!JSON.stringify(c.conversations).includes('"recent"'), 'the memory no longer holds the lines');

    const erased = await api('erase', user);
    assert.equal(erased.status, 200);
    assert.ok(erased.json.total >= 10, `erased ${JSON.stringify(erased.json.erased)}`);
    const { tables, holding } = tablesHolding(server.dataDir, who);
    assert.ok(tables.includes('handoff_messages') && tables.length >= 15, `enumerated ${tables.join(', ')}`);
    assert.deepEqual(holding, {}, 'no table holds the citizen\'s id');
    const again = await api('export', user);
    assert.ok(Object.values(again.json.collections).every((records) => (records as unknown[]).length === 0));

    const trail = await server.assistant.store.audit.list({ target: citizenAuditTarget(user), limit: 10 });
    assert.deepEqual(trail.map((e) => [e.actor, e.action]), [
      [`staff:${ADMIN.username}`, 'citizen_data.export'],
      [`staff:${ADMIN.username}`, 'citizen_data.erase'],
      [`staff:${ADMIN.username}`, 'citizen_data.export'],
    ].reverse());
  });

  it('from the command line: exports and deletes a Zalo citizen in the running server\'s store', async function () {
    this.timeout(120_000); // each run starts a fresh Node and compiles the CLI
    const user = { channel: 'zalo', userId: String(BigInt(`0x${randomUUID().replace(/-/g, '').slice(0, 15)}`)) };
    const neighbour = { channel: 'zalo', userId: `${user.userId}9` };
    await zaloTraces(server.assistant.store, user);
    await zaloTraces(server.assistant.store, neighbour);
    const cli = (...args: string[]) =>
      run(path.join(projectRoot, 'node_modules/.bin/tsx'), [path.join(projectRoot, 'src/privacy/cli/citizen-data.ts'), ...args], {
        cwd: server.dataDir, // no .env here: the test's environment is the whole configuration
        env: { ...process.env, DATA_DIR: server.dataDir, MONGODB_URI: '', LOG_LEVEL: 'silent', NODE_ENV: 'test' },
      });

    await assert.rejects(cli('export', '--channel', 'zalo'), (err: { code: number; stderr: string }) => err.code === 2 && /--user is required/.test(err.stderr));

    const exported = JSON.parse((await cli('export', '--channel', 'zalo', '--user', user.userId)).stdout);
    const counts = Object.fromEntries(Object.entries(exported.collections).map(([n, r]) => [n, (r as unknown[]).length]));
    assert.deepEqual(counts, { conversations: 2, conversationLines: 2, feedback: 1, unanswered: 1, handoffs: 1, dossierLookups: 1, dossierWatches: 1, outbox: 1, daysWritten: 1, announcementDeliveries: 0, contacts: 1 });

    const deleted = JSON.parse((await cli('delete', '--channel', 'zalo', '--user', user.userId)).stdout);
    assert.equal(deleted.total, 13, 'nine collections, two state keys, two recent lines, a hand-off line');
    const { holding } = tablesHolding(server.dataDir, user.userId);
    const onlyNeighbour = Object.values(holding).flat().every((row) => JSON.stringify(row).includes(neighbour.userId));
    assert.ok(onlyNeighbour, `rows still naming the citizen: ${JSON.stringify(holding)}`);
    assert.ok(await server.assistant.store.contacts.get(neighbour), 'a neighbouring id is untouched');
    const trail = await server.assistant.store.audit.list({ target: citizenAuditTarget(user), limit: 10 });
    assert.deepEqual(trail.map((e) => e.action), ['citizen_data.erase', 'citizen_data.export']);
    assert.match(trail[0]!.actor, /^operator:/);
  });
});
