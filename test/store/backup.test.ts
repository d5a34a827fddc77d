import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { Database } from '../../src/store/sqlite/driver';

/** Runs the backup command's source (what `npm run backup -- <dest>` runs once built) as its own process. */
function runBackup(dataDir: string, destination: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/store/cli/backup.ts'), destination], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, NODE_ENV: 'test' },
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('online backup of the embedded store (npm run backup)', function () {
  this.timeout(60_000);
  let root: string;
  let dataDir: string;
  let store: Store;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'assistant-backup-'));
    dataDir = path.join(root, 'data');
    store = createSqliteStore(dataDir);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const enqueue = (n: number) => store.outbox.enqueue({ channel: 'rest', userId: `u${n % 50}`, key: `k${n}`, kind: 'officer_reply', data: { text: 'x'.repeat(200), n } });

  it('copies the store while the assistant keeps writing, and the copy opens as a store', async () => {
    for (let n = 0; n < 5000; n++) await enqueue(n);
    let written = 5000;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await enqueue(written++);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const atStart = written;
    const destination = path.join(root, 'copy.sqlite');
    const result = await runBackup(dataDir, destination);
    const duringBackup = written - atStart;
    writing = false;
    await writer;
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /backup written: .*copy\.sqlite \(\d+ bytes, \d+ pages, integrity ok/);
    assert.ok(duringBackup > 0, 'the store kept taking writes while the backup ran');
    assert.ok(!fs.existsSync(`${destination}.partial`));

    const raw = new Database(destination, { readonly: true, fileMustExist: true });
    const copied = (raw.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'delete', 'one self-contained file');
    raw.close();
    assert.ok(copied >= 5000 && copied <= written, `a consistent snapshot: ${copied} of ${written}`);

    // Restoring is putting the file back as DATA_DIR/assistant.sqlite: the store opens it and reads its data.
    const restoredDir = path.join(root, 'restored');
    fs.mkdirSync(restoredDir);
    fs.copyFileSync(destination, path.join(restoredDir, 'assistant.sqlite'));
    const restored = createSqliteStore(restoredDir);
    try {
      assert.equal((await restored.outbox.waiting()).rest, copied);
      assert.equal((await restored.outbox.pending({ channel: 'rest', userId: 'u7' }, 1))[0]?.data.n, 7);
    } finally {
      await restored.close();
    }
  });

  it('names the file itself in a folder, and never overwrites an existing backup', async () => {
    await enqueue(1);
    const folder = path.join(root, 'backups');
    fs.mkdirSync(folder);
    const first = await runBackup(dataDir, folder);
    assert.equal(first.code, 0, first.out);
    const [name] = fs.readdirSync(folder);
    assert.match(name!, /^assistant-\d{4}-\d\d-\d\dT[\d-]+Z\.sqlite$/);
    const again = await runBackup(dataDir, path.join(folder, name!));
    assert.equal(again.code, 1);
    assert.match(again.out, /exists already/);
    const missing = await runBackup(path.join(root, 'no-data'), path.join(root, 'x.sqlite'));
    assert.equal(missing.code, 1);
    assert.match(missing.out, /no embedded database/);
  });
});
