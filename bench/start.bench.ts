/**
 * Where the built server's start-up goes: the CPU of loading each large library alone in a fresh Node process (median
 * of 3); five starts to the first 200 on /healthz (wall and CPU, fresh data folder each; http.bench.ts measures three
 * more for the report's table); one `--cpu-prof` start of `dist/main.js` split into module loading, the parts of
 * createAssistant and garbage collection. Read the CPU beside the wall on a shared machine.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startAssistant } from './support/processes';
import type { BenchOptions, Figure } from './support/report';
import { medianStart, startText, type StartTime } from './support/stats';

/**
 * What `require` of each costs; `standIns` first installs src/ops/lazy-modules.ts as dist/main.js does (counted, or
 * `'before'` the clock starts: what the library itself then costs).
 */
const LIBRARIES: { label: string; require: string; standIns?: boolean | 'before' }[] = [
  { label: 'botbuilder (whole index)', require: 'botbuilder' },
  { label: 'botbuilder-core (real index)', require: 'botbuilder-core' },
  { label: 'our dialogs and adapter, real index', require: './dist/bot/dialogs/dialog-library.js;./dist/channels/collecting-adapter.js' },
  { label: 'our dialogs and adapter, stand-ins', require: './dist/bot/dialogs/dialog-library.js;./dist/channels/collecting-adapter.js', standIns: true },
  { label: 'express', require: 'express' },
  { label: 'zod', require: 'zod' },
  { label: 'zod, stand-ins (locales on first use)', require: 'zod', standIns: 'before' },
  { label: 'prom-client', require: 'prom-client' },
  { label: 'prom-client, stand-ins (no OpenTelemetry)', require: 'prom-client', standIns: 'before' },
  { label: 'pino', require: 'pino' },
  { label: 'yaml', require: 'yaml' },
  { label: 'i18next', require: 'i18next' },
  { label: 'csv-parse', require: 'csv-parse' },
  { label: 'better-sqlite3', require: 'better-sqlite3' },
  { label: 'mongoose (only with MONGODB_URI)', require: 'mongoose' },
  { label: 'ioredis (only with REDIS_URL)', require: 'ioredis' },
  { label: 'bullmq (only with REDIS_URL)', require: 'bullmq' },
];

function requireCpuMs(lib: (typeof LIBRARIES)[number]): number {
  const install = "require('./dist/ops/lazy-modules').installLazyModules();";
  const script = `${lib.standIns === 'before' ? install : ''}
    const t = process.cpuUsage();
    ${lib.standIns === true ? install : ''}
    for (const m of ${JSON.stringify(lib.require.split(';'))}) require(m);
    const d = process.cpuUsage(t); console.log((d.user + d.system) / 1000);`;
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })));
  return runs.sort((a, b) => a - b)[1];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}

/** CPU samples of a start, by phase: what each sample's stack says it was doing. */
function phases(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.unshift(byId.get(at)!.callFrame.functionName);
    const leaf = stack[stack.length - 1];
    if (leaf === '(idle)' || leaf === '(program)') return;
    const inAssistant = stack.indexOf('createAssistant');
    // The content read for the understanding's worker before the rest loads (src/start-understanding.ts, from main).
    const inStart = stack.indexOf('startUnderstanding');
    const phase =
      leaf === '(garbage collector)'
        ? 'garbage collection'
        : inAssistant >= 0
          ? `createAssistant: ${stack[inAssistant + 1] || '(itself)'}`
          : inStart >= 0
            ? `startUnderstanding: ${stack[inStart + 1] || '(itself)'}`
            : stack.includes('Module._load')
            ? 'loading modules'
            : 'other';
    out.set(phase, (out.get(phase) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return out;
}

/** Starts to the first 200 on /healthz, one after another, each on a fresh data folder. */
const STARTS = 5;

export async function run(options: BenchOptions): Promise<Figure[] | void> {
  console.log(`CPU of loading each library alone (fresh process, median of 3; load average ${os.loadavg()[0].toFixed(1)})`);
  for (const lib of LIBRARIES) console.log(`  ${lib.label.padEnd(44)} ${requireCpuMs(lib).toFixed(0).padStart(5)} ms`);
  if (options.quick) return;

  const starts: StartTime[] = [];
  for (let i = 0; i < STARTS; i++) {
    const server = await startAssistant();
    await server.stop();
    starts.push(server);
  }
  const start = medianStart(starts);
  console.log(`Start to /healthz, ${STARTS} starts (load average ${os.loadavg()[0].toFixed(1)}): ${starts.map(startText).join(', ')}; median ${Math.round(start.readyMs)} ms`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-profile-'));
  try {
    const server = await startAssistant({}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    await server.stop();
    // The main thread's (thread 0); the store's checkpoint worker writes its own.
    const file = fs.readdirSync(dir).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
    if (!file) throw new Error('no CPU profile written');
    const split = [...phases(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')))].sort((a, b) => b[1] - a[1]);
    const total = split.reduce((sum, [, ms]) => sum + ms, 0);
    // Samples are taken at wall-clock intervals: on a loaded machine their total exceeds the CPU used, the shares hold.
    console.log(`One start under --cpu-prof (${Math.round(server.readyCpuMs)} ms CPU to /healthz; ${Math.round(total)} ms of samples until stopped), by phase:`);
    for (const [phase, ms] of split.slice(0, 12)) console.log(`  ${phase.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms  ${((100 * ms) / total).toFixed(0).padStart(3)}%`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return [{ name: `Start to /healthz (median of ${STARTS}, built tree; start bench)`, value: startText(start), target: '≤ 1500 ms', met: start.readyMs <= 1500 }];
}
