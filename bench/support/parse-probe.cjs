/**
 * Preloaded into a server under test (`NODE_OPTIONS=--require …/parse-probe.cjs`, bench/support/parse-tail.ts): each
 * SIGUSR2 opens or closes a window; closing it writes to PARSE_PROBE_OUT, as JSON, on `process.hrtime` (CLOCK_MONOTONIC,
 * shared with the client), what a `/model/parse` request passes through: the main thread's HTTP request events, its
 * posts to and messages from the understanding's worker, and its GCs; and, from each worker thread (collected over a
 * BroadcastChannel), each message it handled (arrival, end, the thread's own CPU over it, when its answer was posted), its GCs and its
 * whole CPU over the window.
 * CommonJS so it loads before the server's code, in every thread.
 */
'use strict';
const fs = require('node:fs');
const { PerformanceObserver } = require('node:perf_hooks');
const workerThreads = require('node:worker_threads');

const out = process.env.PARSE_PROBE_OUT;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const fromPerformance = now() - performance.now();
const channel = new workerThreads.BroadcastChannel('parse-probe');
channel.unref();
let events = [];
let open = false;
const note = (kind, t0, t1, extra) => open && events.push({ kind, t0, t1, ...extra });
const thread = workerThreads.isMainThread ? 'main' : `worker ${workerThreads.threadId}`;
// The thread's own time on a core so far (ms; updated at the scheduler's ticks, so coarse for one short handling): /proc/thread-self is this thread's task.
const cpu = () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) note('gc', e.startTime + fromPerformance, e.startTime + fromPerformance + e.duration, { gcKind: e.detail?.kind, thread });
}).observe({ entryTypes: ['gc'] });

if (!workerThreads.isMainThread) {
  const port = workerThreads.parentPort;
  if (port) {
    // The first listener: the handling starts when it is called; the post of the answer ends it.
    let started;
    port.on('message', (m) => {
      started = { t0: now(), c0: cpu(), id: m && m.id, items: m && m.items ? m.items.length : 0 };
    });
    const post = port.postMessage;
    // `posted`: when the post returned (the answer serialised and queued; a GC in between is on the answer's path).
    port.postMessage = function () {
      const handling = started;
      started = undefined;
      const t1 = now();
      const c1 = handling && cpu();
      try {
        return post.apply(this, arguments);
      } finally {
        if (handling) note('handled', handling.t0, t1, { cpu: c1 - handling.c0, thread, id: handling.id, items: handling.items, posted: now() });
      }
    };
  }
  let window;
  channel.onmessage = (m) => {
    if (m.data === 'open') {
      open = true;
      events = [];
      window = { t0: now(), c0: cpu() };
    } else if (m.data === 'close') {
      // The thread's whole CPU over the window: its handlings, what it did between them (its GCs there among it).
      note('cpu', window.t0, now(), { cpu: cpu() - window.c0, thread });
      open = false;
      channel.postMessage({ events });
    }
  };
  return;
}

const http = require('node:http');
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (name, req, res) {
  if (name === 'request' && open) {
    const t0 = now();
    res.once('finish', () => note('request', t0, now(), { url: req.url }));
  }
  return emit.apply(this, arguments);
};
const Worker = workerThreads.Worker;
workerThreads.Worker = class extends Worker {
  postMessage(m) {
    note('post', now(), now(), { id: m && m.id });
    return super.postMessage(...arguments);
  }
  emit(name, m) {
    if (name !== 'message') return super.emit(...arguments);
    const t0 = now();
    try {
      return super.emit(...arguments);
    } finally {
      note('answer', t0, now(), { id: m && m.id });
    }
  }
};

// The main loop's blocks: a 1-ms timer's ticks that came over 2 ms late.
let last = now();
setInterval(() => {
  const t = now();
  if (t - last > 2) note('block', last, t);
  last = t;
}, 1).unref();

let gathered = [];
channel.onmessage = (m) => gathered.push(...m.data.events);
process.on('SIGUSR2', () => {
  if (!open) {
    open = true;
    events = [];
    gathered = [];
    channel.postMessage('open');
    return;
  }
  channel.postMessage('close');
  // The workers answer on their own loops; their events are in well within this.
  setTimeout(() => {
    open = false;
    fs.writeFileSync(out, JSON.stringify([...events, ...gathered]));
  }, 300);
});
