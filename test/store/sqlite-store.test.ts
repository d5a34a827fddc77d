import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite';
import { migrate, openSqlite, type SqliteDb } from '../../src/store/sqlite/database';
import { Database } from '../../src/store/sqlite/driver';
import { migrations, type Migration } from '../../src/store/sqlite/migrations';
import { describeClockedStoreContract, describeStoreContract } from './store-contract';

const dirs: string[] = [];

function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-sqlite-'));
  dirs.push(dir);
  return dir;
}

async function removeDirs(): Promise<void> {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

describeStoreContract('sqlite', async () => createSqliteStore(freshDir()), removeDirs);
describeClockedStoreContract('sqlite', async (now) => createSqliteStore(freshDir(), { now }), removeDirs);

describe('SQLite store', () => {
  let dir: string;
  let db: SqliteDb | undefined;

  beforeEach(() => {
    dir = freshDir();
  });
  afterEach(async () => {
    db?.close();
    db = undefined;
    await removeDirs();
  });

  const appliedVersions = (d: SqliteDb) =>
    d.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as {
      version: number;
      name: string;
      applied_at: string;
    }[];
  const tableExists = (d: SqliteDb, name: string) =>
    d.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  const nextVersion = Math.max(...migrations.map((m) => m.version)) + 1;

  it('keeps its files under the given directory, creating it when missing', async () => {
    const nested = path.join(dir, 'data', 'store');
    const store = createSqliteStore(nested);
    await store.state.write('k', { v: 1 }, null);
    const files = fs.readdirSync(nested);
    assert.ok(files.includes('assistant.sqlite'), `files: ${files.join(', ')}`);
    assert.ok(files.includes('assistant.sqlite-wal'), 'WAL file sits beside the database');
    await store.close();
    assert.deepEqual(fs.readdirSync(dir), ['data']);
  });

  it('runs in WAL mode', () => {
    db = openSqlite(dir);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  });

  it('records every migration once and applies nothing again on reopen', async () => {
    db = openSqlite(dir);
    const first = appliedVersions(db);
    assert.deepEqual(first.map((r) => r.version), migrations.map((m) => m.version));
    db.close();
    db = openSqlite(dir);
    assert.deepEqual(appliedVersions(db), first, 'same rows, same applied_at');
  });

  it('keeps data across reopening, including the feedback counter', async () => {
    let store = createSqliteStore(dir);
    await store.state.write('k', { hoTen: 'Trần Văn Bình' }, null);
    const first = await store.feedback.add({ channel: 'web', userId: 'u', text: 'một' });
    await store.close();
    store = createSqliteStore(dir);
    assert.deepEqual((await store.state.read('k'))?.data, { hoTen: 'Trần Văn Bình' });
    const second = await store.feedback.add({ channel: 'web', userId: 'u', text: 'hai' });
    assert.equal(second.reference.slice(-4), '0002');
    assert.equal(second.reference.slice(0, -4), first.reference.slice(0, -4));
    await store.close();
  });

  it("a turn's read sees the hand-off and the outbox message another process sharing the file wrote since the last turn", async () => {
    // The old and the new process of a restart share the file: nothing a turn reads may be kept from turn to turn.
    const turnSide = createSqliteStore(dir);
    const other = createSqliteStore(dir);
    try {
      const citizen = { channel: 'zalo', userId: 'z1' };
      const before = await turnSide.turns.read('zalo/z1', citizen);
      assert.equal(before.openHandoff, undefined);
      assert.equal(before.outboxWaiting, false);
      const { record } = await other.handoffs.open({ ...citizen, locale: 'vi', reason: 'officer_wrote', transcript: [] });
      await other.handoffs.claim(record.id, 'officer-1', new Date(), false);
      await other.outbox.enqueue({ ...citizen, key: 'notice', kind: 'dossier_status', data: {} });
      const after = await turnSide.turns.read('zalo/z1', citizen);
      assert.equal(after.openHandoff?.id, record.id);
      assert.equal(after.openHandoff?.claimedBy, 'officer-1');
      assert.equal(after.outboxWaiting, true);
      await other.handoffs.close(record.id, new Date());
      assert.equal((await turnSide.turns.read('zalo/z1', citizen)).openHandoff, undefined);
    } finally {
      await turnSide.close();
      await other.close();
    }
  });

  it('applies a newly appended migration exactly once', () => {
    db = openSqlite(dir);
    // CREATE TABLE without IF NOT EXISTS fails if it ever runs twice.
    const extended: Migration[] = [...migrations, { version: nextVersion, name: 'extra', up: 'CREATE TABLE extra (x TEXT)' }];
    migrate(db, extended);
    migrate(db, extended);
    assert.ok(tableExists(db, 'extra'));
    assert.deepEqual(appliedVersions(db).map((r) => r.version), extended.map((m) => m.version));
  });

  it('rolls back a failing migration and leaves the recorded version unchanged', () => {
    db = openSqlite(dir);
    const before = appliedVersions(db);
    const broken: Migration[] = [
      ...migrations,
      { version: nextVersion, name: 'half-done', up: 'CREATE TABLE half_done (x TEXT); INSERT INTO no_such_table VALUES (1);' },
    ];
    assert.throws(() => migrate(db!, broken), /no_such_table/);
    assert.equal(tableExists(db, 'half_done'), false);
    assert.deepEqual(appliedVersions(db), before);
  });

  it('stops at the failing migration, keeping the ones before it', () => {
    db = openSqlite(dir);
    const list: Migration[] = [
      ...migrations,
      { version: nextVersion, name: 'good', up: 'CREATE TABLE good (x TEXT)' },
      { version: nextVersion + 1, name: 'bad', up: 'CREATE TABLE bad (x TEXT); SELECT * FROM nowhere;' },
      { version: nextVersion + 2, name: 'after', up: 'CREATE TABLE after_bad (x TEXT)' },
    ];
    assert.throws(() => migrate(db!, list));
    assert.ok(tableExists(db, 'good'));
    assert.equal(tableExists(db, 'bad'), false);
    assert.equal(tableExists(db, 'after_bad'), false);
    assert.equal(Math.max(...appliedVersions(db).map((r) => r.version)), nextVersion);
  });

  it('refuses a migration list with a repeated or invalid version before touching the database', () => {
    db = openSqlite(dir);
    const before = appliedVersions(db);
    const twice: Migration[] = [
      ...migrations,
      { version: nextVersion, name: 'a', up: 'CREATE TABLE a (x TEXT)' },
      { version: nextVersion, name: 'b', up: 'CREATE TABLE b (x TEXT)' },
    ];
    assert.throws(() => migrate(db!, twice), RangeError);
    assert.throws(() => migrate(db!, [{ version: 0, name: 'zero', up: 'CREATE TABLE z (x TEXT)' }]), RangeError);
    assert.equal(tableExists(db, 'a'), false);
    assert.deepEqual(appliedVersions(db), before);
  });

  it('carries hand-offs written before the hand-off transcripts migration over: references by day, open ones waiting, last message as the first line', async () => {
    const version = migrations.find((m) => m.name === 'handoff-transcripts')!.version;
    db = new Database(path.join(dir, 'assistant.sqlite'));
    migrate(db, migrations.filter((m) => m.version < version));
    const insert = db.prepare('INSERT INTO handoffs (id, channel, user_id, reason, last_message, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('0b7c-uuid-a', 'rest', 'u-1', 'human_agent', 'cho tôi gặp cán bộ', 'closed', '2026-04-12T16:30:00.000Z'); // 23:30 on the 12th
    insert.run('0b7c-uuid-b', 'rest', 'u-1', 'human_agent', 'gặp cán bộ', 'open', '2026-04-12T17:10:00.000Z'); // 00:10 on the 13th
    insert.run('0b7c-uuid-c', 'zalo', 'u-2', 'human_agent', '', 'open', '2026-04-13T02:00:00.000Z');
    db.close();
    db = undefined;

    const store = createSqliteStore(dir, { now: () => new Date('2026-04-13T04:00:00.000Z') });
    try {
      const open = await store.handoffs.listOpen(10);
      assert.deepEqual(open.map((h) => [h.id, h.status, h.locale, h.lastMessage]), [
        ['HT-20260413-0001', 'waiting', 'vi', 'gặp cán bộ'],
        ['HT-20260413-0002', 'waiting', 'vi', ''],
      ]);
      assert.deepEqual(await store.handoffs.transcript('HT-20260413-0001', 10), [
        { at: new Date('2026-04-12T17:10:00.000Z'), from: 'citizen', text: 'gặp cán bộ' },
      ]);
      assert.deepEqual(await store.handoffs.transcript('HT-20260413-0002', 10), []);
      const closed = await store.handoffs.get('HT-20260412-0001');
      assert.deepEqual([closed?.status, closed?.closedAt], ['closed', new Date('2026-04-12T16:30:00.000Z')]);
      // The day's counter continues after the carried-over numbers.
      await store.handoffs.close('HT-20260413-0002', new Date('2026-04-13T03:00:00.000Z'));
      const fresh = await store.handoffs.open({ channel: 'zalo', userId: 'u-2', locale: 'vi', reason: 'human_agent', transcript: [] });
      assert.equal(fresh.record.id, 'HT-20260413-0003');
    } finally {
      await store.close();
    }
  });

  it('keeps migration 1 as released', () => {
    // Versions are handed out per change before they merge, so the list may skip one for a while; it only grows.
    const versions = migrations.map((m) => m.version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions grow in list order');
    assert.equal(versions[0], 1);
    assert.equal(migrations[0]?.name, 'state');
  });
});
