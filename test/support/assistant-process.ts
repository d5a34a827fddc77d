/**
 * The assistant as `npm start` runs it (src/main.ts), in a child process that a test or benchmark can kill -9: the
 * only honest way to prove what survives a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { productionEnvironment, productionNodeOptions } from './start-command';

export interface AssistantProcess {
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | string | null>;
  kill9(): Promise<void>;
  /** SIGTERM, the clean shutdown. */
  stop(): Promise<void>;
}

/** With `npm start`'s Node options; `nodeArgs` go after them, before the script (e.g. `--cpu-prof`, which Node refuses in NODE_OPTIONS). */
export function spawnAssistant(env: Record<string, string>, nodeArgs: readonly string[] = []): AssistantProcess {
  const child = spawn(process.execPath, [...productionNodeOptions(), ...nodeArgs, '--require', 'tsx/cjs', path.join(projectRoot, 'src', 'main.ts')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', ...productionEnvironment(), HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'error', STAFF_PASSWORD_COST: '12', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return {
    child,
    exited,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
