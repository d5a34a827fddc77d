/**
 * `npm run bench [-- --quick] [-- --node <major>] [-- name…]`: builds the server, runs every bench/*.bench.ts in turn
 * (or those whose file name starts with a given name), prints their figures and writes them all, with the machine and
 * the Node.js they were measured on, to BENCHMARKS.md at the repository root. Every figure of one file comes from one
 * run on one machine and one runtime. `--node 24` runs the whole bench (the build, the load generator and every server
 * it starts) under that Node major from the npm registry, with native modules built for it (.ci/on-node), as
 * production runs it; without it, the machine's own Node runs everything.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchOptions, Figure } from './support/report';

interface Bench {
  /** Prints its figures; returns those that have a target (older benches return nothing and are only printed). */
  run(options: BenchOptions): Promise<Figure[] | void>;
}

interface Section {
  file: string;
  lines: string[];
  figures: Figure[];
  seconds: number;
}

const ROOT = path.join(__dirname, '..');
/** Set by a `--node <major>` run for the bench it starts in .ci/on-node's copy of the tree: the major asked for, and where to write. */
const ASKED_MAJOR = process.env.BENCH_NODE_MAJOR;
const TARGET = process.env.BENCH_REPORT ?? path.join(ROOT, 'BENCHMARKS.md');

/** Runs `fn`, keeping a copy of everything it prints on stdout (benches report with console.log). */
async function capture<T>(fn: () => Promise<T>): Promise<{ value: T; text: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let text = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    return { value: await fn(), text };
  } finally {
    process.stdout.write = write;
  }
}

/** Processes running or waiting for a CPU right now, from /proc/loadavg (the 4th field is running/total). */
function runnable(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[3] ?? '?';
  } catch {
    return '?';
  }
}

function machine(loadBefore: number[], runnableBefore: string): string[] {
  const cpus = os.cpus();
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const busy = loadBefore[0] > cpus.length * 0.5 || os.loadavg()[0] > cpus.length * 0.5;
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores available to Node (os.cpus); ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    ASKED_MAJOR
      ? `- Runtime: Node ${process.version} (\`--node ${ASKED_MAJOR}\`: the npm registry's \`node\` package, native modules built for it), for the build, the load generator and every server alike`
      : `- Runtime: Node ${process.version}, this machine's own, for the build, the load generator and every server alike`,
    `- Load average (1 / 5 / 15 min): ${load(loadBefore)} at the start, ${load(os.loadavg())} at the end; runnable/total tasks at the start ${runnableBefore}`,
    busy
      ? '- **Other processes were running on this machine during the run** (the load average is above half the cores): absolute figures are lower than on an idle machine; the ratios compare figures taken minutes apart under the same load.'
      : '- The machine was otherwise quiet (load average below half the cores).',
  ];
}

function markdown(sections: Section[], header: string[], options: BenchOptions): string {
  const figures = sections.flatMap((s) => s.figures);
  const flags = [...(options.quick ? ['--quick'] : []), ...(ASKED_MAJOR ? ['--node', ASKED_MAJOR] : [])];
  const out = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${flags.length ? ` -- ${flags.join(' ')}` : ''}\` on ${new Date().toISOString()}${options.quick ? ' (quick run: short durations, fewer records)' : ''}. Each figure below comes from this one run on this machine under Node ${process.version}; how they are measured is in docs/performance.md.`,
    '',
    '## Machine',
    '',
    ...header,
    '',
    '## Targets',
    '',
    '| Figure | Measured | Target | Met |',
    '| --- | --- | --- | --- |',
    ...figures.map((f) => `| ${f.name} | ${f.value} | ${f.target} | ${f.met ? 'yes' : '**no**'} |`),
    '',
    '## Every bench, as printed',
    '',
  ];
  for (const s of sections) out.push(`### ${s.file} (${s.seconds.toFixed(0)} s)`, '', '```', ...s.lines, '```', '');
  return out.join('\n');
}

/** Runs this bench again under Node `major` in .ci/on-node's copy of the tree, writing to this tree's BENCHMARKS.md. */
function onNode(major: string, args: string[]): number {
  if (!/^\d+$/.test(major)) throw new Error(`--node takes a major version, e.g. 24 (got ${major})`);
  const run = spawnSync(path.join(ROOT, '.ci', 'on-node'), [major, 'node_modules/.bin/tsx', 'bench/index.ts', ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BENCH_NODE_MAJOR: major, BENCH_REPORT: TARGET },
  });
  return run.status ?? 1;
}

async function main(): Promise<void> {
  let args = process.argv.slice(2);
  const node = args.indexOf('--node');
  if (node >= 0) {
    const major = args[node + 1] ?? '';
    args = args.filter((_, i) => i !== node && i !== node + 1);
    if (!ASKED_MAJOR) process.exit(onNode(major, args));
  }
  const options: BenchOptions = { quick: args.includes('--quick') };
  const only = args.filter((a) => !a.startsWith('--'));
  const loadBefore = os.loadavg();
  const runnableBefore = runnable();
  if (!args.includes('--no-build')) {
    // The HTTP benches run the built server, as production does: `npm run build` (compiler, then the shipped model).
    process.stdout.write('building (npm run build)…\n');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const sections: Section[] = [];
  for (const file of files) {
    process.stdout.write(`\n== ${file}\n`);
    const bench = (await import(path.join(__dirname, file))) as Bench;
    const started = performance.now();
    const { value, text } = await capture(() => bench.run(options));
    sections.push({ file, lines: text.trimEnd().split('\n'), figures: value ?? [], seconds: (performance.now() - started) / 1000 });
  }
  fs.writeFileSync(TARGET, markdown(sections, machine(loadBefore, runnableBefore), options));
  process.stdout.write(`\nwrote ${TARGET}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
