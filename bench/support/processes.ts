/** Servers under test run in their own processes, as in production, so the load generator never shares their event loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { productionEnvironment, productionNodeOptions } from '../../test/support/start-command';

export const ROOT = path.join(__dirname, '..', '..');

export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 on /healthz (or to the printed port, for the echo server). */
  readyMs: number;
  /** CPU time (user + system) the process had used when it became ready, in ms. */
  readyCpuMs: number;
  rssBytes(): number;
  stop(): Promise<void>;
}

/** Resident memory of a process, from /proc (what the kernel charges it, unlike the heap figures of the process itself). */
export function rssOf(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) * 1024 : NaN;
}

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (user + system) of a process's main thread so far, in ms: the event loop's, without GC helpers and workers. */
export function mainThreadCpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/**
 * Starts the built assistant as `npm start` and the image do (`node [their options] dist/main.js`) with `env` on a fresh
 * data folder and waits for /healthz. The port comes from its "assistant listening" log line (PORT=0), so the log level
 * is `info`, as in production. `nodeArgs` go after production's options (e.g. `--cpu-prof`); `root` is the tree whose
 * `dist/` runs (another checkout's build, to compare two).
 */
export async function startAssistant(env: Record<string, string> = {}, nodeArgs: readonly string[] = [], root = ROOT): Promise<ServerProcess & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-assistant-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...productionNodeOptions(), ...nodeArgs, path.join(root, 'dist', 'main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH, ...productionEnvironment(), DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', CHAT_RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`assistant exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = line.match(/"port":(\d+).*assistant listening/);
      if (m) resolve(Number(m[1]));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  const readyCpuMs = cpuMsOf(child.pid!);
  const stop = stopper(child);
  return {
    url,
    pid: child.pid!,
    dataDir,
    readyMs,
    readyCpuMs,
    rssBytes: () => rssOf(child.pid!),
    stop: async () => {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts a TypeScript server script that prints its port on its first line (bench/support/echo-server.ts). */
export async function startScript(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<ServerProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(Number(line)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    readyMs: performance.now() - started,
    readyCpuMs: cpuMsOf(child.pid!),
    rssBytes: () => rssOf(child.pid!),
    stop: stopper(child),
  };
}
