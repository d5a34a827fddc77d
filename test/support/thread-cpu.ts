import fs from 'node:fs';

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/**
 * Milliseconds of CPU the main thread has used: on Linux from its schedstat (nanoseconds), elsewhere the process's
 * (`process.cpuUsage`). A timing of single-threaded work by the process's CPU also counts every other thread: V8's
 * collector helpers marking a large heap, a worker some earlier test left building.
 */
export function mainThreadCpuMs(): number {
  try {
    return Number(fs.readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  }
}
