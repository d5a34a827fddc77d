import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { openSqlite, type SqliteDb } from '../../src/store/sqlite/database';

/** A SQLite store in a fresh folder for each test, and a second connection to its file. */
export interface CommittedView {
  dir: string;
  /** The store under test; a test may close it and open another on `dir`, which is closed after the test instead. */
  store: Store;
  /** A second connection to the same file: it sees only what the store has committed. */
  other: SqliteDb;
}

/** Registers the hooks that give each test of the suite its own store and second connection. */
export function committedView(prefix: string): CommittedView {
  const view = {} as CommittedView;
  beforeEach(() => {
    view.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    view.store = createSqliteStore(view.dir);
    view.other = openSqlite(view.dir);
  });
  afterEach(async () => {
    view.other.close();
    await view.store.close();
    fs.rmSync(view.dir, { recursive: true, force: true });
  });
  return view;
}
