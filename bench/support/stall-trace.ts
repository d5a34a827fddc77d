/**
 * `npx tsx bench/support/stall-trace.ts <rate> [--seconds N] [--slow MS] [--root <tree>] [--node "<options>"]`: what
 * the slow web-chat turns of an open loop at a fixed rate waited behind (docs/performance.md, "Turn-tail round 2"). The
 * built server of `--root` runs with bench/support/stall-probe.cjs preloaded (and `--node`'s options after production's);
 * after the http bench's warm-up, every request's send and end are kept and set beside the server's loop blocks, each
 * split into time running, waiting for a core and asleep, and its GCs, commits, WAL checkpoints and long callbacks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from './load';
import { ROOT, startAssistant } from './processes';
import { percentile } from './stats';
import { CONNECTIONS, webChatTurn as turn } from './web-chat-turns';

interface Span {
  t0: number;
  t1: number;
}
interface Block extends Span {
  run: number;
  wait: number;
}
interface Event extends Span {
  kind: string;
  gcKind?: number;
  turns?: number;
  fn?: string;
}
interface Trace extends Span {
  run: number;
  wait: number;
  ticks: Block[];
  events: Event[];
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.t1, b.t1) - Math.max(a.t0, b.t0));
const ms = (x: number) => `${x.toFixed(1)} ms`;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
// performance.now() and process.hrtime (the probe's clock, CLOCK_MONOTONIC) differ by one offset per process.
const hrtimeOfPerformance = Number(process.hrtime.bigint()) / 1e6 - performance.now();

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const rate = Number(args[0]);
  const seconds = Number(option('--seconds', '15'));
  const slowMs = Number(option('--slow', '20'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stall-trace-'));
  const out = path.join(dir, 'server.json');
  const server = await startAssistant(
    { NODE_OPTIONS: `--require ${path.join(__dirname, 'stall-probe.cjs')}`, STALL_PROBE_OUT: out },
    option('--node', '').split(' ').filter(Boolean),
    option('--root', ROOT),
  );
  const requests: Span[] = [];
  try {
    const url = `${server.url}/webhooks/rest/webhook`;
    await load({ url, seconds: 5, connections: CONNECTIONS, request: turn });
    process.kill(server.pid, 'SIGUSR2');
    await new Promise((r) => setTimeout(r, 50));
    await load({ url, seconds, connections: CONNECTIONS, rate, request: turn, record: (sent, ended) => requests.push({ t0: sent + hrtimeOfPerformance, t1: ended + hrtimeOfPerformance }) });
    process.kill(server.pid, 'SIGUSR2');
    for (let i = 0; i < 200 && !fs.existsSync(out); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    await server.stop();
  }
  const trace = JSON.parse(fs.readFileSync(out, 'utf8')) as Trace;
  const checkpoints = fs.existsSync(`${out}.checkpoints`) ? fs.readFileSync(`${out}.checkpoints`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Span) : [];
  fs.rmSync(dir, { recursive: true, force: true });
  report(trace, checkpoints, requests, slowMs);
}

function report(trace: Trace, checkpoints: Span[], requests: Span[], slowMs: number): void {
  const latency = requests.map((r) => r.t1 - r.t0).sort((a, b) => a - b);
  const slow = requests.filter((r) => r.t1 - r.t0 > slowMs);
  const wall = trace.t1 - trace.t0;
  console.log(`${requests.length} turns: p50 ${ms(percentile(latency, 50))}, p99 ${ms(percentile(latency, 99))}, max ${ms(latency[latency.length - 1])}; over ${slowMs} ms: ${slow.length}`);
  console.log(`main thread over the window: running ${Math.round((100 * trace.run) / wall)} %, waiting for a core ${Math.round((100 * trace.wait) / wall)} %`);
  const asleep = (b: Block) => Math.max(0, b.t1 - b.t0 - b.run - b.wait);
  const blocks = trace.ticks;
  console.log(`loop blocks over 3 ms: ${blocks.length}, ${ms(sum(blocks.map((b) => b.t1 - b.t0)))} (running ${ms(sum(blocks.map((b) => b.run)))}, waiting for a core ${ms(sum(blocks.map((b) => b.wait)))}, asleep ${ms(sum(blocks.map(asleep)))})`);
  const gcs = trace.events.filter((e) => e.kind === 'gc');
  const sleeps = blocks.filter((b) => asleep(b) > 3);
  const sleepsInGc = sleeps.filter((b) => gcs.some((g) => overlap(g, b) > 0));
  console.log(`blocks asleep over 3 ms: ${sleeps.length}, ${ms(sum(sleeps.map(asleep)))}; of them during a GC ${sleepsInGc.length}, ${ms(sum(sleepsInGc.map(asleep)))}`);
  // Each slow turn's latency, by what the loop was doing meanwhile (blocks shared by several turns count for each).
  const share = { running: 0, waiting: 0, asleep: 0 };
  for (const r of slow) {
    for (const b of blocks) {
      const part = overlap(r, b) / (b.t1 - b.t0);
      share.running += b.run * part;
      share.waiting += b.wait * part;
      share.asleep += asleep(b) * part;
    }
  }
  const slowTotal = sum(slow.map((r) => r.t1 - r.t0));
  if (slow.length) console.log(`slow turns' summed latency ${ms(slowTotal)}: in blocks running ${Math.round((100 * share.running) / slowTotal)} %, waiting for a core ${Math.round((100 * share.waiting) / slowTotal)} %, asleep ${Math.round((100 * share.asleep) / slowTotal)} %`);
  const kinds = new Map<string, number[]>();
  for (const e of trace.events) {
    const kind = e.kind === 'gc' ? `gc (kind ${e.gcKind})` : e.kind;
    kinds.set(kind, [...(kinds.get(kind) ?? []), e.t1 - e.t0]);
  }
  kinds.set('WAL checkpoint (its thread)', checkpoints.map((c) => c.t1 - c.t0));
  for (const [kind, durations] of kinds) {
    durations.sort((a, b) => b - a);
    console.log(`  ${kind}: ${durations.length}, ${ms(sum(durations))} in all, longest ${durations.slice(0, 5).map((d) => d.toFixed(1)).join(', ')} ms`);
  }
  console.log('longest blocks:');
  for (const b of [...blocks].sort((x, y) => y.t1 - y.t0 - (x.t1 - x.t0)).slice(0, 10)) {
    const inside = trace.events.filter((e) => overlap(e, b) > 0.5).map((e) => `${e.kind}${e.gcKind ? ` ${e.gcKind}` : ''}${e.turns ? ` of ${e.turns}` : ''}${e.fn ? ` ${e.fn}` : ''} ${ms(e.t1 - e.t0)}`);
    const copying = checkpoints.filter((c) => overlap(c, b) > 0).length;
    console.log(`  at ${ms(b.t0 - trace.t0)}: ${ms(b.t1 - b.t0)} (running ${ms(b.run)}, waiting ${ms(b.wait)}, asleep ${ms(asleep(b))}), slow turns ${slow.filter((r) => overlap(r, b) > 0).length}; ${[...inside, ...(copying ? [`checkpoint ×${copying}`] : [])].join(', ')}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
