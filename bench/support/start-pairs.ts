/**
 * Starts of built trees, alternated: `npx tsx bench/support/start-pairs.ts <starts> <tree> [<tree>…]` starts each tree's
 * `dist/main.js` as `npm start` does (bench/support/processes.ts `startAssistant`, fresh data folder each time) in turn,
 * `starts` times each, the order reversed every other round, and prints each start's time to the first 200 on /healthz,
 * the CPU the process had used by then, its RSS 3 s later (after src/main.ts's start-up collections) and the load
 * average, then each tree's medians. For before/after figures on a shared machine (docs/performance.md).
 */
import os from 'node:os';
import { startAssistant } from './processes';
import { percentile } from './stats';

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

async function main(): Promise<void> {
  const [count, ...roots] = process.argv.slice(2);
  if (!Number(count) || roots.length === 0) throw new Error('usage: start-pairs.ts <starts> <tree> [<tree>…]');
  const results = new Map<string, { ms: number; cpu: number; rss: number }[]>(roots.map((r) => [r, []]));
  for (let i = 0; i < Number(count); i++) {
    for (const root of i % 2 ? [...roots].reverse() : roots) {
      const server = await startAssistant({}, [], root);
      await new Promise((r) => setTimeout(r, 3000));
      const rss = server.rssBytes() / 2 ** 20;
      await server.stop();
      results.get(root)!.push({ ms: server.readyMs, cpu: server.readyCpuMs, rss });
      console.log(`${root.padEnd(24)} ${Math.round(server.readyMs)} ms (${server.readyCpuMs} ms CPU), idle RSS ${rss.toFixed(0)} MB, load ${os.loadavg()[0].toFixed(2)}`);
    }
  }
  for (const [root, r] of results) {
    console.log(`${root}: median ${Math.round(median(r.map((x) => x.ms)))} ms (${median(r.map((x) => x.cpu))} ms CPU), idle RSS ${median(r.map((x) => x.rss)).toFixed(0)} MB; ${r.map((x) => Math.round(x.ms)).join(', ')} ms`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
