/**
 * Preloaded into a server under test (`NODE_OPTIONS=--require …/stall-probe.cjs`, bench/support/stall-trace.ts): each
 * SIGUSR2 opens or closes a window; closing it writes to STALL_PROBE_OUT, as JSON, what could have held the event loop
 * inside it, every time on `process.hrtime` (CLOCK_MONOTONIC, which other processes share, so a client's requests line
 * up with it): each tick of a 1-ms timer that came over 3 ms late (a loop block) with the main thread's time running and
 * runnable without a core over it (its schedstat), so the rest of the block is time asleep in the kernel; every GC;
 * every better-sqlite3 transaction with its batch size; timer and immediate callbacks over 1 ms; the main thread's
 * handling of worker messages over 1 ms. In worker threads it appends each WAL checkpoint (the checkpointer's) to
 * STALL_PROBE_OUT.checkpoints. CommonJS so it loads before the server's code.
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const { PerformanceObserver } = require('node:perf_hooks');
const workerThreads = require('node:worker_threads');

const out = process.env.STALL_PROBE_OUT;
const now = () => Number(process.hrtime.bigint()) / 1e6;
// performance.now() runs on the same clock from another origin.
const fromPerformance = now() - performance.now();
const LATE_TICK_MS = 3;
const LONG_CALLBACK_MS = 1;

/** Wraps better-sqlite3's class when it is first required, so the server's own code needs no hook. */
function onDriver(patch) {
  const load = Module._load;
  Module._load = function (request) {
    const exported = load.apply(this, arguments);
    if (/better-sqlite3/.test(request) && typeof exported === 'function' && !exported.stallProbed) {
      exported.stallProbed = true;
      patch(exported.prototype);
    }
    return exported;
  };
}

if (!workerThreads.isMainThread) {
  onDriver((db) => {
    const pragma = db.pragma;
    db.pragma = function (source) {
      const t0 = now();
      const result = pragma.apply(this, arguments);
      if (/checkpoint/.test(source)) fs.appendFileSync(`${out}.checkpoints`, `${JSON.stringify({ t0, t1: now() })}\n`);
      return result;
    };
  });
  return;
}

let window;
const note = (kind, t0, t1, extra) => window?.events.push({ kind, t0, t1, ...extra });
const schedstat = `/proc/${process.pid}/task/${process.pid}/schedstat`;
/** The main thread's time on a core and runnable without one so far, in ms. */
const sched = () => fs.readFileSync(schedstat, 'utf8').split(' ').slice(0, 2).map((ns) => Number(ns) / 1e6);

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) note('gc', e.startTime + fromPerformance, e.startTime + fromPerformance + e.duration, { gcKind: e.detail?.kind });
}).observe({ entryTypes: ['gc'] });

const timed = (kind, fn) =>
  function () {
    const t0 = now();
    try {
      return fn.apply(this, arguments);
    } finally {
      const t1 = now();
      if (t1 - t0 > LONG_CALLBACK_MS) note(kind, t0, t1, { fn: fn.name || String(fn).replace(/\s+/g, ' ').slice(0, 60) });
    }
  };
// The probe's own tick is not the server's: it keeps the original.
const { setInterval: untimedInterval } = global;
for (const name of ['setTimeout', 'setInterval', 'setImmediate']) {
  const original = global[name];
  global[name] = function (fn, ...rest) {
    return original.call(this, typeof fn === 'function' ? timed(name, fn) : fn, ...rest);
  };
}

onDriver((db) => {
  const transaction = db.transaction;
  db.transaction = function (fn) {
    const run = transaction.call(this, fn);
    const probed = function () {
      const t0 = now();
      try {
        return run.apply(this, arguments);
      } finally {
        note('commit', t0, now(), { turns: Array.isArray(arguments[0]) ? arguments[0].length : 1 });
      }
    };
    return Object.assign(probed, { deferred: run.deferred, immediate: run.immediate, exclusive: run.exclusive });
  };
});

const Worker = workerThreads.Worker;
workerThreads.Worker = class extends Worker {
  emit(name, ...args) {
    if (name !== 'message') return super.emit(name, ...args);
    const t0 = now();
    try {
      return super.emit(name, ...args);
    } finally {
      const t1 = now();
      if (t1 - t0 > LONG_CALLBACK_MS) note('worker message', t0, t1);
    }
  }
};

process.on('SIGUSR2', () => {
  if (!window) {
    const [run, wait] = sched();
    window = { t0: now(), run, wait, ticks: [], events: [] };
    let last = now();
    let [lastRun, lastWait] = [run, wait];
    window.timer = untimedInterval(() => {
      const t = now();
      const [r, w] = sched();
      if (t - last > LATE_TICK_MS) window.ticks.push({ t0: last, t1: t, run: r - lastRun, wait: w - lastWait });
      [last, lastRun, lastWait] = [t, r, w];
    }, 1);
    return;
  }
  clearInterval(window.timer);
  const [run, wait] = sched();
  const { t0, ticks, events } = window;
  fs.writeFileSync(out, JSON.stringify({ t0, t1: now(), run: run - window.run, wait: wait - window.wait, ticks, events }));
  window = undefined;
});
