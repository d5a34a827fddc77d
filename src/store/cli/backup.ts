/** `npm run backup -- <file or folder>`: an online copy of the embedded SQLite store (DATA_DIR), safe while the assistant runs. */
import path from 'node:path';
import { loadConfigOrReport } from '../../config';
import { backupSqlite } from '../sqlite/backup';

async function main(): Promise<number> {
  const destination = process.argv[2];
  if (!destination) {
    console.error('usage: npm run backup -- <file.sqlite | existing folder>');
    return 2;
  }
  const config = loadConfigOrReport();
  if (!config) return 2;
  if (config.MONGODB_URI) {
    console.error('MONGODB_URI is set: the data is in MongoDB; back it up with mongodump (docs/production.md)');
    return 2;
  }
  const started = Date.now();
  const report = await backupSqlite(path.join(config.dataDir, 'assistant.sqlite'), destination);
  console.log(`backup written: ${report.file} (${report.bytes} bytes, ${report.pages} pages, integrity ok, ${Date.now() - started} ms)`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
