/**
 * `npx tsx bench/support/parse-tail.ts [--seconds N] [--slow MS] [--root <tree>] [--node "<options>"] [--env K=V,…] [--turns S]`:
 * what the slow `/model/parse` requests of the http bench's load (200 req/s, 10 connections, the held-out messages,
 * after S seconds of web-chat turns flat out, as the bench runs them first) waited behind (docs/performance.md,
 * "Parse and turn tail round"). The built server of `--root` runs with bench/support/parse-probe.cjs preloaded; each
 * request's time is split into: before the server saw it, the main thread up to its post to the worker, the post to
 * the worker's handling, the handling itself (with the worker's CPU over it and its GCs), and from the worker's answer
 * to the client's end; with the main thread's and the worker's GCs that overlapped it, and whether its text is one of
 * the slow ones on its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { loadHeldOut } from '../../src/understanding/evaluation/heldout';
import { load } from './load';
import { ROOT, startAssistant } from './processes';
import { percentile } from './stats';
import { CONNECTIONS, webChatTurn as turn } from './web-chat-turns';

interface Span {
  t0: number;
  t1: number;
}
interface Event extends Span {
  kind: string;
  thread?: string;
  gcKind?: number;
  cpu?: number;
  url?: string;
  id?: number;
  items?: number;
  /** A handling's: when its answer's post returned. */
  posted?: number;
}
interface Asked extends Span {
  text: number;
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.t1, b.t1) - Math.max(a.t0, b.t0));
const f = (x: number) => x.toFixed(2);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const hrtimeOfPerformance = Number(process.hrtime.bigint()) / 1e6 - performance.now();

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const seconds = Number(option('--seconds', '15'));
  const slowMs = Number(option('--slow', '5'));
  const turnSeconds = Number(option('--turns', '10'));
  const root = option('--root', ROOT);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-tail-'));
  const out = path.join(dir, 'server.json');
  const texts = loadHeldOut(path.join(ROOT, 'intents', 'test', 'heldout.yaml')).map((c) => c.text);
  const server = await startAssistant(
    { NODE_OPTIONS: `--require ${path.join(__dirname, 'parse-probe.cjs')}`, PARSE_PROBE_OUT: out, ...Object.fromEntries(option('--env', '').split(',').filter(Boolean).map((kv) => kv.split('='))) },
    option('--node', '').split(' ').filter(Boolean),
    root,
  );
  const asked: Asked[] = [];
  // The client's own loop: a late tick here delays the ends it sees.
  const clientBlocks: Span[] = [];
  let last = Number(process.hrtime.bigint()) / 1e6;
  const ticker = setInterval(() => {
    const t = Number(process.hrtime.bigint()) / 1e6;
    if (t - last > 2) clientBlocks.push({ t0: last, t1: t });
    last = t;
  }, 1);
  // The client's own GCs: a pause here delays the ends it sees as much as one in the server.
  const clientGcs: Event[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) clientGcs.push({ kind: 'gc', thread: 'client', gcKind: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind, t0: e.startTime + hrtimeOfPerformance, t1: e.startTime + e.duration + hrtimeOfPerformance });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    if (turnSeconds > 0) await load({ url: `${server.url}/webhooks/rest/webhook`, seconds: turnSeconds, connections: CONNECTIONS, request: turn });
    process.kill(server.pid, 'SIGUSR2');
    await new Promise((r) => setTimeout(r, 50));
    await load({
      url: `${server.url}/model/parse`,
      seconds,
      connections: 10,
      rate: 200,
      request: (i) => ({ body: JSON.stringify({ text: texts[i % texts.length] }) }),
      record: (sent, ended, i) => asked.push({ t0: sent + hrtimeOfPerformance, t1: ended + hrtimeOfPerformance, text: (i ?? 0) % texts.length }),
    });
    process.kill(server.pid, 'SIGUSR2');
    for (let i = 0; i < 200 && !fs.existsSync(out); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    clearInterval(ticker);
    gcObserver.disconnect();
    await server.stop();
  }
  const events = JSON.parse(fs.readFileSync(out, 'utf8')) as Event[];
  fs.rmSync(dir, { recursive: true, force: true });
  const t0 = Math.min(...asked.map((r) => r.t0));
  report([...events, ...clientGcs.filter((g) => g.t1 >= t0)], asked, clientBlocks.filter((b) => b.t1 >= t0), texts, slowMs);
}

function report(events: Event[], asked: Asked[], clientBlocks: Span[], texts: string[], slowMs: number): void {
  const of = (kind: string) => events.filter((e) => e.kind === kind).sort((a, b) => a.t0 - b.t0);
  const requests = of('request').filter((e) => e.url === '/model/parse');
  const posts = of('post');
  const handled = new Map(of('handled').map((e) => [e.id, e]));
  const answers = new Map(of('answer').map((e) => [e.id, e]));
  const blocks = of('block');
  const gcs = events.filter((e) => e.kind === 'gc');
  const latency = asked.map((r) => r.t1 - r.t0).sort((a, b) => a - b);
  const rows = asked.map((r) => {
    const req = requests.find((x) => x.t0 >= r.t0 && x.t0 <= r.t1);
    const post = req && posts.find((x) => x.t0 >= req.t0 && x.t0 <= req.t1);
    const work = post && handled.get(post.id);
    const answer = post && answers.get(post.id);
    return { r, req, post, work, answer };
  });
  // A text's own cost: the shortest handling it had alone in its message.
  const own = new Map<number, number>();
  for (const x of rows) if (x.work && x.work.items === 1) own.set(x.r.text, Math.min(own.get(x.r.text) ?? Infinity, x.work.t1 - x.work.t0));
  const costs = [...own.values()].sort((a, b) => a - b);
  const slowTextLine = percentile(costs, 95);
  console.log(`${asked.length} parses: p50 ${f(percentile(latency, 50))}, p99 ${f(percentile(latency, 99))}, max ${f(latency[latency.length - 1])} ms; over ${slowMs} ms: ${asked.filter((r) => r.t1 - r.t0 > slowMs).length}; matched ${rows.filter((x) => x.answer).length}`);
  console.log(`texts' own handling (shortest alone): p50 ${f(percentile(costs, 50))}, p95 ${f(slowTextLine)}, max ${f(costs[costs.length - 1])} ms; messages with more than one text ${of('handled').filter((e) => (e.items ?? 0) > 1).length}`);
  const byThread = new Map<string, number[]>();
  for (const g of gcs) byThread.set(`${g.thread} kind ${g.gcKind}`, [...(byThread.get(`${g.thread} kind ${g.gcKind}`) ?? []), g.t1 - g.t0]);
  for (const [k, ds] of [...byThread].sort()) {
    ds.sort((a, b) => b - a);
    console.log(`  gc ${k}: ${ds.length}, ${f(sum(ds))} ms in all, longest ${ds.slice(0, 5).map(f).join(', ')}`);
  }
  // A worker GC between a handling's start and the return of its answer's post delays that answer; one after, nothing.
  const workerGcs = gcs.filter((g) => g.thread?.startsWith('worker') && g.gcKind === 1);
  const onPath = workerGcs.filter((g) => of('handled').some((h) => g.t0 >= h.t0 && g.t0 <= (h.posted ?? h.t1)));
  const workerCpu = sum(of('cpu').filter((e) => e.thread?.startsWith('worker')).map((e) => e.cpu ?? 0));
  console.log(`  worker scavenges on an answer's path (its handling to its post's return): ${onPath.length} of ${workerGcs.length}; worker CPU ${f(workerCpu)} ms over the window, ${f((1000 * workerCpu) / Math.max(1, asked.length))} µs a parse`);
  const lens = (xs: Span[]) => xs.map((b) => b.t1 - b.t0).sort((a, b) => b - a);
  console.log(`  server loop blocks over 2 ms: ${blocks.length}, ${f(sum(lens(blocks)))} ms, longest ${lens(blocks).slice(0, 5).map(f).join(', ')}`);
  console.log(`  client loop blocks over 2 ms: ${clientBlocks.length}, ${f(sum(lens(clientBlocks)))} ms, longest ${lens(clientBlocks).slice(0, 5).map(f).join(', ')}`);
  const parts = { before: 0, main: 0, toWorker: 0, handling: 0, toMain: 0, answer: 0, after: 0 };
  const slow = rows.filter((x) => x.r.t1 - x.r.t0 > slowMs).sort((a, b) => b.r.t1 - b.r.t0 - (a.r.t1 - a.r.t0));
  // How many slow requests had each of these in their span.
  const had = { slowText: 0, mainGc: 0, workerGc: 0, clientGc: 0, serverBlock: 0, clientBlock: 0 };
  const split = (x: (typeof rows)[number]) =>
    x.req && x.post && x.work && x.answer
      ? { before: x.req.t0 - x.r.t0, main: x.post.t0 - x.req.t0, toWorker: x.work.t0 - x.post.t0, handling: x.work.t1 - x.work.t0, toMain: x.answer.t0 - x.work.t1, answer: x.req.t1 - x.answer.t0, after: x.r.t1 - x.req.t1 }
      : undefined;
  for (const x of slow) {
    const s = split(x);
    if (!s) continue;
    for (const k of Object.keys(parts) as Array<keyof typeof parts>) parts[k] += s[k];
    if ((own.get(x.r.text) ?? 0) >= slowTextLine) had.slowText++;
    if (gcs.some((g) => g.thread === 'main' && overlap(g, x.r) > 0)) had.mainGc++;
    if (gcs.some((g) => g.thread?.startsWith('worker') && overlap(g, x.r) > 0)) had.workerGc++;
    if (gcs.some((g) => g.thread === 'client' && overlap(g, x.r) > 0)) had.clientGc++;
    if (clientBlocks.some((b) => overlap(b, x.r) > 1)) had.clientBlock++;
    if (blocks.some((b) => overlap(b, x.r) > 1)) had.serverBlock++;
  }
  const total = sum(Object.values(parts));
  console.log(`slow requests ${slow.length}: their summed time ${f(total)} ms: ${Object.entries(parts).map(([k, v]) => `${k} ${Math.round((100 * v) / total)} %`).join(', ')}`);
  console.log(`  of them: a text in the slowest 5 % on its own ${had.slowText}, overlapping a main-thread GC ${had.mainGc}, a worker GC ${had.workerGc}, a client GC ${had.clientGc}, a server loop block over 1 ms ${had.serverBlock}, a client loop block ${had.clientBlock}`);
  console.log('slowest (ms):');
  for (const x of slow.slice(0, 12)) {
    const s = split(x);
    if (!s) {
      console.log(`  ${f(x.r.t1 - x.r.t0)} (unmatched)`);
      continue;
    }
    const inside = gcs.filter((g) => overlap(g, x.r) > 0).map((g) => `${g.thread?.startsWith('worker') ? 'worker' : g.thread} gc ${g.gcKind} ${f(g.t1 - g.t0)}`);
    const held = [...blocks.filter((b) => overlap(b, x.r) > 1).map((b) => `server block ${f(b.t1 - b.t0)}`), ...clientBlocks.filter((b) => overlap(b, x.r) > 1).map((b) => `client block ${f(b.t1 - b.t0)}`)];
    console.log(
      `  ${f(x.r.t1 - x.r.t0)}: ${Object.entries(s).map(([k, v]) => `${k} ${f(v)}`).join(', ')} (${x.work!.items} texts; own ${f(own.get(x.r.text) ?? NaN)}, ${texts[x.r.text].length} chars); ${[...inside, ...held].join(', ')}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
