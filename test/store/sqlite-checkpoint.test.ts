import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite';
import { checkpointInBackground, type Checkpointer } from '../../src/store/sqlite/checkpointer';
import { openSqlite, type SqliteDb } from '../../src/store/sqlite/database';

const until = async (what: string, check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('SQLite WAL checkpoints in a worker thread', function () {
  this.timeout(30_000);
  let dir: string;
  let db: SqliteDb | undefined;
  let checkpointer: Checkpointer | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-turn-checkpoint-'));
  });
  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = undefined;
    db?.close();
    db = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const file = () => path.join(dir, 'assistant.sqlite');
  const writePages = (d: SqliteDb, rows: number) => {
    d.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, data BLOB)');
    const insert = d.prepare('INSERT INTO filler (data) VALUES (?)');
    for (let i = 0; i < rows; i++) insert.run(Buffer.alloc(3000, i));
  };

  it('the connection stops checkpointing in its commits, and the worker copies the WAL into the database', async () => {
    db = openSqlite(dir);
    checkpointer = checkpointInBackground(db, { intervalMs: 50 });
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0);
    const before = fs.statSync(file()).size;
    writePages(db, 200);
    // 200 rows of 3 KB: ~600 KB, all of it in the WAL until someone checkpoints.
    await until('the database file holds the rows', () => fs.statSync(file()).size > before + 500_000);
    assert.equal((db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n, 200);
  });

  it('a worker that cannot run hands checkpointing back to the connection and says so', async () => {
    db = openSqlite(dir);
    const failures: Error[] = [];
    checkpointer = checkpointInBackground(db, { intervalMs: 50, onFailure: (err) => failures.push(err) });
    // The worker opens the file by name, after this: with the name gone it fails to start.
    fs.renameSync(file(), `${file()}.moved`);
    await until('the failure is reported', () => failures.length > 0);
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
    writePages(db, 10);
    assert.equal((db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n, 10, 'the connection still reads and writes');
  });

  // A WAL restart writes a new header with new salts (bytes 16–23): the distinct headers seen after each commit.
  const walHeader = () => {
    const fd = fs.openSync(`${file()}-wal`, 'r');
    try {
      const bytes = Buffer.alloc(8);
      fs.readSync(fd, bytes, 0, 8, 16);
      return bytes.toString('hex');
    } finally {
      fs.closeSync(fd);
    }
  };
  const commitEvery = async (d: SqliteDb, gapMs: number, ms: number) => {
    const headers = new Set<string>();
    for (const end = Date.now() + ms; Date.now() < end; ) {
      writePages(d, 1);
      headers.add(walHeader());
      await new Promise((r) => setTimeout(r, gapMs));
    }
    return headers;
  };

  it('below restartFrames the WAL is appended to, never started again by a commit (no header fsync in its thread), and still copied', async () => {
    db = openSqlite(dir);
    checkpointer = checkpointInBackground(db, { intervalMs: 100 });
    const before = fs.statSync(file()).size;
    // Without the worker's hold a commit started the WAL again after most checkpoints. With it, only a commit after a
    // whole interval without any (a loaded test machine's timers) can: the hold taken then finds the WAL copied and
    // holds no mark that stops it.
    const headers = await commitEvery(db, 20, 2000);
    assert.ok(headers.size <= 3, `${headers.size} WAL headers`);
    await until('the database file holds the rows', () => fs.statSync(file()).size > before + 100_000);
  });

  it('past restartFrames a complete checkpoint lets the WAL start again, as it did without the hold', async () => {
    db = openSqlite(dir);
    checkpointer = checkpointInBackground(db, { intervalMs: 50, restartFrames: 40 });
    const headers = await commitEvery(db, 10, 2500);
    // ~150–250 commits of 3 frames: the WAL passes 40 frames in a few checkpoints and is then reused, again and again.
    assert.ok(headers.size > 2, `${headers.size} WAL headers`);
  });

  it('the store stops its worker before closing, so the last connection folds the WAL in and removes it', async () => {
    const store = createSqliteStore(dir);
    await store.state.write('rest/citizen-1', { step: 'one' }, null);
    assert.ok(fs.existsSync(`${file()}-wal`));
    await store.close();
    assert.ok(!fs.existsSync(`${file()}-wal`), 'no WAL left behind');
    const again = createSqliteStore(dir);
    try {
      assert.deepEqual((await again.state.read('rest/citizen-1'))?.data, { step: 'one' });
    } finally {
      await again.close();
    }
  });
});
