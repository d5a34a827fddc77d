/**
 * What one web-chat turn costs the server, in figures a shared machine does not move much: CPU time and bytes
 * allocated per turn, read inside the server process (bench/support/turn-probe.cjs) over a window of N turns from many
 * senders, beside the same figures for the bare echo endpoint. Wall-clock throughput follows from them on an idle
 * machine (turns/s ≈ cores / CPU per turn), but here other work moves it by a factor of two.
 *
 * `npx tsx bench/turn-cost.bench.ts [--profile] [--heap] [--turns N] [--warm N] [--root <tree>]`: `--profile` also takes a CPU
 * profile of the window and prints its self time grouped by package (url-less frames, such as native calls, count for
 * the JavaScript frame that called them); `--heap` the same for the bytes allocated (a sampling heap profile);
 * `--root` measures another checkout's `dist/` (before and after a change); `--warm` sets the turns before the window
 * (4,000 by default: V8 is still optimising then, ~0.4 s of compiler threads per 1,000 turns; after ~25,000 it compiles
 * ~10–25 ms per 1,000, docs/performance.md, tenth round). Profiling costs CPU itself: compare CPU per turn between runs
 * without it.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startAssistant, startScript, type ServerProcess } from './support/processes';
import { mb, type BenchOptions } from './support/report';

const CONNECTIONS = 20;
const CONVERSATIONS = 2000;
const MESSAGES = ['xin chào', 'làm tạm trú cần giấy tờ gì', 'còn lệ phí thì sao', 'công an phường Trưng Vương ở đâu', 'hộ chiếu bao lâu có', 'menu', 'cấp lại căn cước mất bao lâu', 'cảm ơn'];
const PROBE = path.join(__dirname, 'support', 'turn-probe.cjs');

/** Request i: conversation i mod CONVERSATIONS, each walking through MESSAGES in order (as bench/http.bench.ts). */
const body = (i: number) => JSON.stringify({ sender: `cost-${i % CONVERSATIONS}`, message: MESSAGES[Math.floor(i / CONVERSATIONS) % MESSAGES.length] });

/** Sends requests first … first + count - 1 over CONNECTIONS keep-alive connections, each as soon as one answers. */
async function drive(url: string, first: number, count: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let next = first;
  const end = first + count;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body(i));
    });
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (next < end) await one(next++);
  }));
  agent.destroy();
}

export interface ProbeResult {
  cpuMs: number;
  /** The main thread's alone (the event loop), where the probe can read it (Linux). */
  mainThreadCpuMs?: number;
  wallMs: number;
  allocatedBytes: number;
  /** What the scavenges moved to the old generation: what later mark-compacts have to free. */
  promotedBytes: number;
  gcMs: number;
  collections: Record<string, number>;
}

/** Opens the server's probe window, runs `work`, closes it and reads what the probe wrote. */
export async function measured(server: ServerProcess, out: string, work: () => Promise<void>): Promise<ProbeResult> {
  fs.rmSync(out, { force: true });
  process.kill(server.pid, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 200));
  await work();
  process.kill(server.pid, 'SIGUSR2');
  for (let waited = 0; !fs.existsSync(out) || fs.statSync(out).size === 0; waited += 50) {
    if (waited > 30_000) throw new Error('the probe wrote nothing');
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 100));
  return JSON.parse(fs.readFileSync(out, 'utf8')) as ProbeResult;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** Which package a frame's code belongs to: `express`, `botbuilder-core`, `src/bot`, `node` (Node's own JavaScript). */
function groupOf(url: string): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('node:')) return 'node';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = url.lastIndexOf('/dist/');
  if (dist >= 0) {
    const parts = url.slice(dist + '/dist/'.length).split('/');
    return parts.length > 1 ? `src/${parts[0]}` : 'src';
  }
  return 'other';
}

const SPECIAL: Record<string, string> = { '(garbage collector)': 'GC', '(program)': 'V8/native (program)', '(idle)': 'idle' };

/**
 * A profile's weights (CPU samples, allocated bytes) by package and by function, idle left out. A frame without a
 * url (a native call, a builtin) counts for the nearest caller that has one.
 */
function summarise(frames: { frame: CallFrame; parent?: number }[], weights: Iterable<[node: number, weight: number]>, unit: (w: number, total: number) => string): string[] {
  const groups = new Map<number, string>();
  const group = (id: number): string => {
    const known = groups.get(id);
    if (known) return known;
    const { frame, parent } = frames[id];
    const g = SPECIAL[frame.functionName] ?? groupOf(frame.url) ?? (parent === undefined ? 'root' : group(parent));
    groups.set(id, g);
    return g;
  };
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, w] of weights) {
    const g = group(id);
    if (g === 'idle') continue;
    total += w;
    byGroup.set(g, (byGroup.get(g) ?? 0) + w);
    const f = frames[id].frame;
    const name = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*\/(node_modules|dist)\//, '')}:${f.lineNumber + 1}` : `[${g}]`}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + w);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  return [
    '    by package:',
    ...top(byGroup, 20).map(([g, w]) => `      ${unit(w, total)}  ${g}`),
    '    by function (self):',
    ...top(byFunction, 30).map(([f, w]) => `      ${unit(w, total)}  ${f}`),
  ];
}

const share = (w: number, total: number) => `${((100 * w) / total).toFixed(1).padStart(5)}%`;

/** A CPU profile's self time (busy samples only). */
export function cpuSummary(file: string): string[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: { id: number; callFrame: CallFrame; children?: number[] }[]; samples: number[] };
  const index = new Map(profile.nodes.map((n, i) => [n.id, i]));
  const frames: { frame: CallFrame; parent?: number }[] = profile.nodes.map((n) => ({ frame: n.callFrame }));
  profile.nodes.forEach((n, i) => n.children?.forEach((c) => (frames[index.get(c)!].parent = i)));
  const counts = new Map<number, number>();
  for (const id of profile.samples) counts.set(index.get(id)!, (counts.get(index.get(id)!) ?? 0) + 1);
  return [`  CPU self time (${profile.samples.length} samples of 200 µs):`, ...summarise(frames, counts, share)];
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** A sampling heap profile's bytes by allocating frame, per turn. */
export function heapSummary(file: string, turns: number): string[] {
  const { head } = JSON.parse(fs.readFileSync(file, 'utf8')) as { head: HeapNode };
  const frames: { frame: CallFrame; parent?: number }[] = [];
  const weights: [number, number][] = [];
  const walk = (node: HeapNode, parent?: number) => {
    const id = frames.push({ frame: node.callFrame, parent }) - 1;
    if (node.selfSize) weights.push([id, node.selfSize]);
    for (const c of node.children) walk(c, id);
  };
  walk(head);
  const perTurn = (w: number, total: number) => `${(w / turns / 1024).toFixed(1).padStart(6)} KiB ${share(w, total)}`;
  return ['  allocations (sampled, collected objects included), per turn:', ...summarise(frames, weights, perTurn)];
}

const perTurn = (label: string, r: ProbeResult, n: number) =>
  `  ${label.padEnd(22)} ${(r.cpuMs / n).toFixed(3)} ms CPU${r.mainThreadCpuMs === undefined ? '' : ` (main thread ${(r.mainThreadCpuMs / n).toFixed(3)})`}, ${(r.allocatedBytes / n / 1024).toFixed(1)} KiB allocated, ${(r.promotedBytes / n / 1024).toFixed(1)} KiB promoted, GC ${(r.gcMs / n).toFixed(3)} ms per request (${n} requests, ${Math.round((n * 1000) / r.wallMs)} req/s; collections ${JSON.stringify(r.collections)})`;

export async function run(options: BenchOptions & { profile?: boolean; heap?: boolean; turns?: number; warm?: number; root?: string }): Promise<void> {
  const turns = options.turns ?? (options.quick ? 2000 : 8000);
  const warm = options.warm ?? CONVERSATIONS * 2;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-turn-cost-'));
  const out = path.join(dir, 'probe.json');
  const profileFile = options.profile ? path.join(dir, 'turns.cpuprofile') : undefined;
  const heapFile = options.heap ? path.join(dir, 'turns.heapprofile') : undefined;
  const probeEnv = {
    NODE_OPTIONS: `--require ${PROBE}`,
    TURN_PROBE_OUT: out,
    ...(profileFile ? { TURN_PROBE_PROFILE: profileFile } : {}),
    ...(heapFile ? { TURN_PROBE_HEAP: heapFile } : {}),
  };
  try {
    const echo = await startScript('bench/support/echo-server.ts', [], { NODE_OPTIONS: `--require ${PROBE}`, TURN_PROBE_OUT: out });
    let ceiling: ProbeResult;
    try {
      const url = `${echo.url}/webhooks/rest/webhook`;
      await drive(url, 0, turns);
      ceiling = await measured(echo, out, () => drive(url, 0, turns));
    } finally {
      await echo.stop();
    }
    const assistant = await startAssistant(probeEnv, [], options.root ?? ROOT);
    try {
      const url = `${assistant.url}/webhooks/rest/webhook`;
      await new Promise((r) => setTimeout(r, 2000));
      const idleRss = assistant.rssBytes();
      let peakRss = idleRss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, assistant.rssBytes())), 100);
      // Warm-up: every conversation exists and has walked its first messages, and the JIT has seen every path.
      await drive(url, 0, warm);
      const result = await measured(assistant, out, () => drive(url, warm, turns));
      clearInterval(sampler);
      console.log(`Server cost per request, ${CONNECTIONS} connections, ${CONVERSATIONS} conversations (${options.root ?? 'this tree'}, load average ${os.loadavg()[0].toFixed(1)})`);
      console.log(perTurn('echo endpoint', ceiling, turns));
      console.log(perTurn('full web-chat turn', result, turns));
      console.log(`  turn / echo CPU       ${(result.cpuMs / ceiling.cpuMs).toFixed(1)}× (the 0.4 target needs ≤ 2.5×)`);
      console.log(`  server RSS            ${mb(idleRss)} idle, ${mb(peakRss)} peak under the turns${profileFile || heapFile ? ' (profiling)' : ''}`);
      if (profileFile) console.log(cpuSummary(profileFile).join('\n'));
      if (heapFile) console.log(heapSummary(heapFile, turns).join('\n'));
    } finally {
      await assistant.stop();
    }
  } finally {
    if (profileFile || heapFile) console.log(`  profiles kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  run({ quick: args.includes('--quick'), profile: args.includes('--profile'), heap: args.includes('--heap'), turns: value('--turns') ? Number(value('--turns')) : undefined, warm: value('--warm') ? Number(value('--warm')) : undefined, root: value('--root') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
