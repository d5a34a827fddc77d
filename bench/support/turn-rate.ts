/**
 * `npx tsx bench/support/turn-rate.ts <rates> [--seconds N] [--warm N] [--root <tree>]`: what a web-chat turn costs
 * the server at fixed open-loop rates, not only flat out (docs/performance.md, turn-tail round). `<rates>` is a
 * comma-separated list of req/s, `flat` for autocannon flat out; e.g. `1000,2000,flat`. For each: the rate reached,
 * p50/p99, the server's CPU a turn (every thread) and its main thread's, and the share of the window the main thread
 * spent runnable without a core (`/proc/<pid>/task/<pid>/schedstat`: other processes and the load generator). The
 * bench's 20 connections, 2,000 conversations and 8 messages (bench/http.bench.ts); the built server of `--root`.
 */
import fs from 'node:fs';
import { load } from './load';
import { ROOT, cpuMsOf, mainThreadCpuMsOf, startAssistant } from './processes';
import { CONNECTIONS, webChatTurn as turn } from './web-chat-turns';


/** Milliseconds the thread has spent runnable but waiting for a CPU. */
const waitingMsOf = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const rates = args[0]?.split(',') ?? ['1000', '2000', 'flat'];
  const seconds = Number(option('--seconds', '10'));
  const server = await startAssistant({}, [], option('--root', ROOT));
  try {
    const url = `${server.url}/webhooks/rest/webhook`;
    await load({ url, seconds: Number(option('--warm', '8')), connections: CONNECTIONS, request: turn });
    for (const rate of rates) {
      const before = { cpu: cpuMsOf(server.pid), main: mainThreadCpuMsOf(server.pid), waiting: waitingMsOf(server.pid), at: performance.now() };
      const r = await load({ url, seconds, connections: CONNECTIONS, rate: rate === 'flat' ? undefined : Number(rate), request: turn });
      const wall = performance.now() - before.at;
      console.log(
        `${rate.padStart(5)}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}; CPU a turn ${((cpuMsOf(server.pid) - before.cpu) / r.requests).toFixed(3)} ms, main thread ${((mainThreadCpuMsOf(server.pid) - before.main) / r.requests).toFixed(3)} ms; main thread waiting for a core ${Math.round((100 * (waitingMsOf(server.pid) - before.waiting)) / wall)} %; load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
      );
    }
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
