/**
 * A worker that answers messages as the understanding's does (test/ops/idle-scavenge-27.test.ts): each answer allocates
 * ~100 KB that dies with it; with `workerData.idle` it scavenges between answers (src/ops/idle-scavenge.ts). It reports
 * how many of its scavenges began inside an answer (from its start to the return of its post) and how many between.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { IdleScavenger } from '../../src/ops/idle-scavenge';

const port = parentPort!;
const scavenger = workerData.idle ? new IdleScavenger() : undefined;
const answers: Array<[number, number]> = [];
const scavenges: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === 1) scavenges.push(entry.startTime);
});
observer.observe({ entryTypes: ['gc'] });
port.on('message', (i: number | 'report') => {
  if (i === 'report') {
    // The observer's entries are delivered after the fact: a moment for the last ones.
    setTimeout(() => {
      const inside = scavenges.filter((t) => answers.some(([t0, t1]) => t >= t0 && t <= t1)).length;
      port.postMessage({ inside, between: scavenges.length - inside, hasGc: typeof globalThis.gc === 'function', asked: scavenger?.scavenges ?? 0 });
    }, 50);
    return;
  }
  const t0 = performance.now();
  const garbage: number[][] = [];
  for (let j = 0; j < 100; j++) garbage.push(new Array(128).fill(i + j));
  port.postMessage(garbage.length);
  answers.push([t0, performance.now()]);
  scavenger?.answered();
});
