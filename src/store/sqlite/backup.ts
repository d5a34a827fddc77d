import fs from 'node:fs';
import path from 'node:path';
import { Database } from './driver';

/** What a finished backup wrote. */
export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
}

/**
 * Copies the live embedded database to `destination` with SQLite's online backup API, while the assistant keeps
 * serving and writing: the copy is one consistent snapshot (taken in a single step under a read transaction, which in
 * WAL mode never blocks writers), checked with `PRAGMA integrity_check`, and only then moved into place, so a
 * half-written file never carries the backup's name. `destination` is a file, or a folder that receives
 * `assistant-<UTC time>.sqlite`. An existing file is never overwritten.
 */
export async function backupSqlite(sourceFile: string, destination: string, now = new Date()): Promise<BackupReport> {
  if (!fs.existsSync(sourceFile)) throw new Error(`no embedded database at ${sourceFile} (check DATA_DIR)`);
  const isFolder = fs.existsSync(destination) && fs.statSync(destination).isDirectory();
  const file = path.resolve(isFolder ? path.join(destination, `assistant-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`) : destination);
  if (fs.existsSync(file)) throw new Error(`${file} exists already; choose another name`);
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });

  const source = new Database(sourceFile, { fileMustExist: true });
  let pages = 0;
  try {
    source.pragma('busy_timeout = 5000');
    // The first step only opens the backup; answering every remaining page copies the rest in one step (one snapshot:
    // copied step by step, a write from the server between two steps would restart the copy, forever under load).
    const result = await source.backup(partial, { progress: ({ remainingPages }) => remainingPages });
    pages = result.totalPages;
  } finally {
    source.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
    // A single file is what one restores: no -wal beside it.
    copy.pragma('journal_mode = DELETE');
  } catch (err) {
    copy.close();
    fs.rmSync(partial, { force: true });
    throw err;
  }
  copy.close();
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size, pages };
}
