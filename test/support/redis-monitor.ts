import net from 'node:net';

/** One command Redis executed, as MONITOR reports it: who sent it ('lua' for a script's own calls) and its arguments. */
export interface MonitoredCommand {
  source: string;
  args: string[];
}

export interface RedisMonitor {
  commands: MonitoredCommand[];
  close(): void;
}

// A MONITOR line: +<time> [<db> <source>] "arg" "arg" ... (arguments quoted, with backslash escapes).
const LINE = /^\+\d+\.\d+ \[\d+ ([^\]]+)\] (.*)$/;
const ARGUMENT = /"((?:[^"\\]|\\.)*)"/g;

/**
 * MONITOR over a plain socket. ioredis's own monitor() sets its "monitoring" state a microtask after the OK, so a
 * line that arrives in the same packet as the OK is taken for a command's reply and breaks its queue ("Command queue
 * state error", seen in CI); here nothing but MONITOR lines follow the OK, and the promise resolves only once it came.
 */
export function monitorRedis(url: string): Promise<RedisMonitor> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port || 6379), hostname);
  const commands: MonitoredCommand[] = [];
  let buffered = '';
  return new Promise((resolve, reject) => {
    let started = false;
    socket.once('error', reject);
    socket.on('connect', () => socket.write('MONITOR\r\n'));
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\r\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (!started) {
          if (line !== '+OK') {
            socket.destroy();
            return reject(new Error(`MONITOR refused: ${line}`));
          }
          started = true;
          resolve({ commands, close: () => socket.destroy() });
          continue;
        }
        const match = LINE.exec(line);
        if (match) commands.push({ source: match[1]!, args: [...match[2]!.matchAll(ARGUMENT)].map((m) => m[1]!) });
      }
    });
  });
}
