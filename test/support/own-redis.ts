import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A redis-server of the test's own on a free port (the shared one on 6379 must never be restarted). */
export class OwnRedis {
  private process: ChildProcess | undefined;
  /** Its working folder: where stop() leaves the data that the next start() reads back; kill() removes it. */
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'own-redis-'));
  constructor(readonly port: number) {}

  static async onFreePort(): Promise<OwnRedis> {
    const probe = net.createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return new OwnRedis(port);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    this.process = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(this.port, '127.0.0.1', () => (socket.end(), resolve(true))).on('error', () => resolve(false));
      });
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /**
   * Kills it at once (a crash, or a container replaced): every key is gone, as with --save '', and so is its folder
   * (a dump an earlier stop() left would otherwise come back with the next start(); tests that only kill() leave no
   * folder behind in the temporary directory). A later start() makes the folder again.
   */
  async kill(): Promise<void> {
    const process = this.running();
    if (process) {
      const exited = once(process, 'exit');
      process.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Stops it keeping its data (SHUTDOWN SAVE: a maintenance stop, or a host away for a while): the next start() has
   * every key back, jobs and their locks included (those with a time to live keep their expiry time).
   */
  async stop(): Promise<void> {
    const process = this.running();
    if (!process) return;
    const exited = once(process, 'exit');
    const socket = net.connect(this.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('SHUTDOWN SAVE\r\n');
    await exited;
    socket.destroy();
  }

  /** A process killed by a signal has no exit code, only its signal. */
  private running(): ChildProcess | undefined {
    const p = this.process;
    return p && p.exitCode === null && p.signalCode === null ? p : undefined;
  }
}
