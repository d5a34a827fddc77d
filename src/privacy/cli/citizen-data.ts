/**
 * `npm run citizen-data -- export|delete --channel <channel> --user <id> [--out <file>]`: one citizen's data request,
 * run by an operator on the server against the configured store (the same .env as the assistant). `export` prints the
 * JSON (or writes it to --out, readable by the owner only); `delete` erases it everywhere and prints what went.
 * Both are recorded in the audit log as `operator:<login name>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfigOrReport } from '../../config';
import { createStore } from '../../store';
import { systemClock } from '../../store/store-options';
import { createCitizenDataService } from '../citizen-data';

const USAGE = 'usage: npm run citizen-data -- export|delete --channel <rest|zalo|messenger> --user <id> [--out <file>]';

/** Thrown for a wrong command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { channel: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (command !== 'export' && command !== 'delete') throw new UsageError(`unknown command "${command ?? ''}"`);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const channel = values.channel?.trim();
  const userId = values.user;
  if (!channel) throw new UsageError('--channel is required');
  if (!userId) throw new UsageError('--user is required');
  if (values.out !== undefined && command !== 'export') throw new UsageError('--out only goes with export');
  return { command, user: { channel, userId }, out: values.out };
}

async function main(argv: string[]): Promise<number> {
  let request;
  try {
    request = parse(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfigOrReport();
  if (!config) return 2;
  const store = await createStore({ dataDir: config.dataDir, mongodbUri: config.MONGODB_URI });
  try {
    const service = createCitizenDataService(store, systemClock);
    const actor = `operator:${os.userInfo().username}`;
    if (request.command === 'export') {
      const json = `${JSON.stringify(await service.export(request.user, actor), null, 2)}\n`;
      if (request.out) fs.writeFileSync(request.out, json, { mode: 0o600 });
      else process.stdout.write(json);
    } else {
      process.stdout.write(`${JSON.stringify(await service.erase(request.user, actor), null, 2)}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`citizen-data failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
