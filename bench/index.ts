/** `npm run bench`: runs every bench/*.bench.ts in turn (or only those named on the command line) and prints their figures. */
import fs from 'node:fs';
import path from 'node:path';

interface Bench {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  for (const file of files) {
    process.stdout.write(`\n== ${file}\n`);
    const bench = (await import(path.join(__dirname, file))) as Bench;
    await bench.run();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
