import fs from 'node:fs';
import path from 'node:path';
import { Database } from './driver';
import { migrations, type Migration } from './migrations';

export type SqliteDb = Database;

/** Opens (creating if needed) the embedded database in `dataDir` with WAL and runs pending migrations. */
export function openSqlite(dataDir: string, fileName = 'assistant.sqlite'): SqliteDb {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  try {
    // WAL lets the HTTP server read while an import writes; NORMAL sync is safe with WAL and much faster.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
  } catch (err) {
    // A half-opened handle would keep the WAL files locked for the rest of the process.
    db.close();
    throw err;
  }
  return db;
}

/** Applies, in order and each in its own transaction, the migrations newer than the database's recorded version. */
export function migrate(db: SqliteDb, list: readonly Migration[]): void {
  assertMigrationList(list);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const sorted = [...list].sort((a, b) => a.version - b.version);
  for (const m of sorted) {
    // IMMEDIATE takes the write lock before the check, so two processes starting together cannot both apply it.
    db.transaction(() => {
      if (isApplied.get(m.version)) return;
      db.exec(m.up);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}

/** Refuses, at boot, a list that would apply ambiguously: versions must be distinct positive integers. */
function assertMigrationList(list: readonly Migration[]): void {
  const seen = new Set<number>();
  for (const m of list) {
    if (!Number.isInteger(m.version) || m.version < 1) {
      throw new RangeError(`Migration "${m.name}" has version ${m.version}; expected a positive integer`);
    }
    if (seen.has(m.version)) throw new RangeError(`Migration version ${m.version} is used twice (at "${m.name}")`);
    seen.add(m.version);
  }
}
