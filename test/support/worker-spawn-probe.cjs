/**
 * Preloaded into a server under test (NODE_OPTIONS=--require …): appends to WORKER_SPAWN_PROBE_OUT one JSON line per
 * worker thread the main thread creates (`{ worker, at }`, `worker` naming what it runs: `checkpoint` for the WAL
 * checkpoint thread's source, else its file) and one when an HTTP server starts listening (`{ listening, at }`), `at`
 * on one monotonic clock. test/store/checkpoint-after-listen-26.test.ts reads the order.
 */
'use strict';
const fs = require('node:fs');
const workerThreads = require('node:worker_threads');

if (workerThreads.isMainThread) {
  const out = process.env.WORKER_SPAWN_PROBE_OUT;
  const write = (entry) => fs.appendFileSync(out, `${JSON.stringify({ ...entry, at: performance.now() })}\n`);
  const Worker = workerThreads.Worker;
  workerThreads.Worker = class extends Worker {
    constructor(source, options) {
      super(source, options);
      write({ worker: /wal_checkpoint/.test(String(source)) ? 'checkpoint' : String(source).slice(0, 80) });
    }
  };
  const net = require('node:net');
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function () {
    this.once('listening', () => write({ listening: true }));
    return listen.apply(this, arguments);
  };
}
