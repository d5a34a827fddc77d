/**
 * Preloaded into a server under test (`NODE_OPTIONS=--require …/turn-probe.cjs`): each SIGUSR2 opens or closes a
 * measuring window. Closing it writes to TURN_PROBE_OUT, as JSON, what the process spent inside the window: CPU time
 * (`process.cpuUsage`, every thread of the process; and the main thread's alone, the event loop's without the
 * understanding's worker and V8's helpers, from `/proc/self/task/<pid>/schedstat`), bytes allocated on the V8 heap (from
 * the heap size before and after each collection, `v8.GCProfiler`), bytes the scavenges promoted to the old generation, the collections themselves, and, when TURN_PROBE_PROFILE names a file, a
 * CPU profile of the window only (start-up and warm-up stay out of it); when TURN_PROBE_HEAP names a file, a sampling
 * heap profile of the window that counts collected objects too (where the allocated bytes come from; with
 * TURN_PROBE_HEAP_KIND=promoted, only what reached the old generation). CommonJS so it
 * loads before the server's code.
 */
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const inspector = require('node:inspector');

const out = process.env.TURN_PROBE_OUT;
const profileFile = process.env.TURN_PROBE_PROFILE;
const heapFile = process.env.TURN_PROBE_HEAP;
// TURN_PROBE_HEAP_INTERVAL: bytes between samples (1024 by default; more costs the server less, for latency-sensitive
// runs). `promoted`: leave out what scavenges collect, so the profile shows what reached the old generation (what was still
// alive, or was promoted and died there): the bytes that make mark-compacts, rather than all the bytes allocated.
const heapPromotedOnly = process.env.TURN_PROBE_HEAP_KIND === 'promoted';
let window;

/** Nanoseconds the main thread (the event loop) has run on a CPU; Linux only, undefined elsewhere. */
function mainThreadRunNs() {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

function post(session, method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
}

async function open() {
  const session = profileFile || heapFile ? new inspector.Session() : undefined;
  session?.connect();
  if (profileFile) {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
    await post(session, 'Profiler.start');
  }
  if (heapFile) {
    await post(session, 'HeapProfiler.enable');
    await post(session, 'HeapProfiler.startSampling', { samplingInterval: Number(process.env.TURN_PROBE_HEAP_INTERVAL ?? 1024), includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !heapPromotedOnly });
  }
  const gc = new v8.GCProfiler();
  gc.start();
  window = { session, gc, cpu: process.cpuUsage(), mainNs: mainThreadRunNs(), heapUsed: v8.getHeapStatistics().used_heap_size, at: process.hrtime.bigint() };
}

async function close() {
  const { session, gc, cpu, mainNs, heapUsed, at } = window;
  window = undefined;
  const used = process.cpuUsage(cpu);
  const mainEndNs = mainThreadRunNs();
  const endUsed = v8.getHeapStatistics().used_heap_size;
  const { statistics } = gc.stop();
  // Allocation = growth of the used heap between collections: what each collection found, minus what the last one left.
  let allocated = 0;
  let last = heapUsed;
  let gcMs = 0;
  let promoted = 0;
  let scavengeMs = 0;
  let maxPauseMs = 0;
  const kinds = {};
  const oldSpaces = (h) => h.heapSpaceStatistics.filter((x) => x.spaceName === 'old_space' || x.spaceName === 'large_object_space').reduce((n, x) => n + x.spaceUsedSize, 0);
  for (const s of statistics) {
    // What a scavenge moves into the old generation: the bytes a later mark-compact has to find and free.
    if (s.gcType === 'Scavenge') {
      promoted += oldSpaces(s.afterGC) - oldSpaces(s.beforeGC);
      scavengeMs += s.cost / 1000;
    }
    maxPauseMs = Math.max(maxPauseMs, s.cost / 1000);
    allocated += s.beforeGC.heapStatistics.usedHeapSize - last;
    last = s.afterGC.heapStatistics.usedHeapSize;
    gcMs += s.cost / 1000;
    kinds[s.gcType] = (kinds[s.gcType] ?? 0) + 1;
  }
  allocated += endUsed - last;
  if (profileFile) fs.writeFileSync(profileFile, JSON.stringify((await post(session, 'Profiler.stop')).profile));
  if (heapFile) fs.writeFileSync(heapFile, JSON.stringify((await post(session, 'HeapProfiler.stopSampling')).profile));
  session?.disconnect();
  const result = { cpuMs: (used.user + used.system) / 1000, mainThreadCpuMs: mainNs === undefined ? undefined : (mainEndNs - mainNs) / 1e6, wallMs: Number(process.hrtime.bigint() - at) / 1e6, allocatedBytes: allocated, promotedBytes: promoted, gcMs, scavengeMs, maxPauseMs, collections: kinds };
  fs.writeFileSync(out, JSON.stringify(result));
}

if (out) {
  process.on('SIGUSR2', () => {
    (window ? close() : open()).catch((err) => process.stderr.write(`turn-probe: ${err.stack}\n`));
  });
}
