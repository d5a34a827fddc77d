/**
 * Round 35 (perf26): the store's WAL checkpoint thread starts after the server listens, not in the middle of the
 * start (its own start, ~110 ms of CPU on a third thread, competed with the understanding's build and the main
 * thread's composing for the two cores; docs/performance.md, "Parse and turn tail round"). Until it starts, the
 * connection checkpoints the WAL itself, SQLite's default, so the WAL stays bounded either way.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite';
import { checkpointInBackground, type Checkpointer } from '../../src/store/sqlite/checkpointer';
import { openSqlite, type SqliteDb } from '../../src/store/sqlite/database';
import { spawnAssistant, type AssistantProcess } from '../support/assistant-process';

const until = async (what: string, check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** A database in a fresh folder with a deferred checkpointer; `use` runs with them, then both are closed and the folder removed. */
async function withDeferred(use: (dir: string, db: SqliteDb, checkpointer: Checkpointer) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpoint-deferred-'));
  const db = openSqlite(dir);
  const checkpointer = checkpointInBackground(db, { intervalMs: 50, deferred: true });
  try {
    await use(dir, db, checkpointer);
  } finally {
    await checkpointer.stop();
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** ~2 KB a row: 150 rows are ~300 KB of WAL, far under SQLite's own 1,000 pages, so only a started thread copies them. */
const fill = (d: SqliteDb, rows: number) => {
  d.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, data BLOB)');
  const insert = d.prepare('INSERT INTO filler (data) VALUES (?)');
  for (let i = 0; i < rows; i++) insert.run(Buffer.alloc(2000, i));
};
const databaseBytes = (dir: string) => fs.statSync(path.join(dir, 'assistant.sqlite')).size;

describe('the WAL checkpoint thread, started when asked (round 35)', function () {
  this.timeout(30_000);

  it('deferred, the connection keeps checkpointing in its own commits until start()', () =>
    withDeferred(async (dir, db, checkpointer) => {
      assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
      checkpointer.start();
      assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0);
      const before = databaseBytes(dir);
      fill(db, 150);
      await until('the thread copies the WAL into the database', () => databaseBytes(dir) > before + 250_000);
    }));

  it('start() a second time starts nothing more, and stop() waits for the one thread', () =>
    withDeferred(async (dir, db, checkpointer) => {
      checkpointer.start();
      checkpointer.start();
      await checkpointer.stop();
      // The thread has closed its connections: this one is the last, and its close removes the WAL.
      db.close();
      assert.equal(fs.existsSync(path.join(dir, 'assistant.sqlite-wal')), false);
    }));

  it('stopped before it started, it never starts and the connection goes on checkpointing itself', () =>
    withDeferred(async (_dir, db, checkpointer) => {
      await checkpointer.stop();
      checkpointer.start();
      assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
    }));

  it('a store made with deferBackground starts the thread at startBackground()', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpoint-deferred-store-'));
    const store = createSqliteStore(dir, { deferBackground: true });
    try {
      const before = databaseBytes(dir);
      store.startBackground?.();
      const side = openSqlite(dir);
      try {
        fill(side, 150);
      } finally {
        side.close();
      }
      await until("the store's thread copies the WAL into the database", () => databaseBytes(dir) > before + 250_000);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('a server started as npm start does (src/main.ts)', () => {
    let running: AssistantProcess | undefined;
    let dataDir: string;
    after(async () => {
      await running?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('starts the checkpoint thread only after it listens, and then within seconds', async function () {
      this.timeout(180_000);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpoint-after-listen-'));
      const log = path.join(dataDir, 'spawns.jsonl');
      const port = await freePort();
      running = spawnAssistant({
        DATA_DIR: dataDir,
        PORT: String(port),
        NODE_OPTIONS: `--require ${path.join(__dirname, '..', 'support', 'worker-spawn-probe.cjs')}`,
        WORKER_SPAWN_PROBE_OUT: log,
      });
      const entries = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { worker?: string; listening?: boolean; at: number }) : []);
      await until('the checkpoint thread starts', () => entries().some((e) => e.worker === 'checkpoint'), 150_000);
      const all = entries();
      const listening = all.find((e) => e.listening);
      const checkpoint = all.find((e) => e.worker === 'checkpoint')!;
      assert.ok(listening, 'the server listened');
      assert.ok(checkpoint.at > listening.at, `checkpoint thread at ${checkpoint.at.toFixed(0)} ms, listening at ${listening.at.toFixed(0)} ms`);
      // The understanding's worker is still the first thing started.
      assert.ok(all.findIndex((e) => e.worker !== undefined) < all.findIndex((e) => e.listening));
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(res.status, 200);
    });
  });
});
