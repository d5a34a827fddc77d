import { Worker } from 'node:worker_threads';
import type { SqliteDb } from './database';
import { DRIVER_MODULE } from './driver';

/** SQLite's own default: the committing connection checkpoints once the WAL holds this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000;
const DEFAULT_INTERVAL_MS = 250;
/**
 * The WAL is started again (from its beginning) only once it holds this many frames (~32 MB of 4-KiB pages): each
 * start costs the writer that does it, on the event loop, an fsync of the new WAL header (docs/performance.md, twelfth
 * round).
 */
const DEFAULT_RESTART_FRAMES = 8192;

// Runs in the worker: its own connection to the same file, a PASSIVE checkpoint (never waits for readers or writers)
// every interval, closed on 'stop'. After a checkpoint that copies the whole WAL, the next writer would start the WAL
// again and fsync its new header (SQLite's walRestartLog): that writer is the event loop's connection, up to four times
// a second. A second connection here holds a read transaction, and so one of the WAL's read marks, across each
// checkpoint; a writer can start the WAL again only with no read mark but the first held, so it appends instead. The
// hold is taken just before each checkpoint (at the WAL's end, so the checkpoint still copies everything) and not
// taken once the WAL holds restartFrames frames: then a complete checkpoint lets the next writer start it again, and
// the WAL stays bounded. Plain JavaScript, so it runs the same from dist/ and under tsx.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const hold = new Database(workerData.file, { fileMustExist: true });
const read = hold.prepare('SELECT count(*) FROM sqlite_schema');
let holding = false;
let frames = 0;
const release = () => {
  if (holding) hold.exec('COMMIT');
  holding = false;
};
const checkpoint = () => {
  release();
  if (frames < workerData.restartFrames) {
    hold.exec('BEGIN');
    read.get();
    holding = true;
  }
  frames = db.pragma('wal_checkpoint(PASSIVE)')[0].log;
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  release();
  hold.close();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Starts the worker, if `deferred` kept it; once only (later calls, and calls after `stop`, do nothing). */
  start(): void;
  /** Stops the worker and closes its connection; call before closing `db`, so `db` is the last to close (and cleans up the WAL). */
  stop(): Promise<void>;
}

export interface CheckpointOptions {
  intervalMs?: number;
  restartFrames?: number;
  onFailure?: (err: Error) => void;
  /**
   * Leaves the worker for `start()`: a server's start-up calls it after it listens, so the worker's own start (a Node
   * bootstrap and the driver, ~110 ms of CPU on a third thread) does not compete with the start's two threads for the
   * cores (docs/performance.md, "Parse and turn tail round"). Until then `db` checkpoints its WAL itself, as SQLite
   * does by default.
   */
  deferred?: boolean;
}

/**
 * WAL checkpoints off the event loop. By default the connection whose commit takes the WAL past 1,000 pages copies
 * them into the database and fsyncs both files, inside that commit: on a loaded server a web-chat turn every ~80
 * turns, two fsyncs of ~11 ms each on the event loop (docs/performance.md). Here `db` no longer checkpoints once the
 * worker starts (at once, or at `start()` when `deferred`); a worker thread with its own connection checkpoints every
 * `intervalMs`. If the worker fails, `db` checkpoints for itself again, as before, and `onFailure` is told: the WAL
 * never grows without bound.
 */
export function checkpointInBackground(db: SqliteDb, options: CheckpointOptions = {}): Checkpointer {
  let stopping = false;
  let exited: Promise<void> | undefined;
  let worker: Worker | undefined;
  const fallBack = (err: Error) => {
    if (stopping || !db.open) return;
    stopping = true;
    db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    options.onFailure?.(err);
  };
  const start = () => {
    if (worker || stopping) return;
    db.pragma('wal_autocheckpoint = 0');
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: DRIVER_MODULE, file: db.name, intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS, restartFrames: options.restartFrames ?? DEFAULT_RESTART_FRAMES },
      // A connection and a timer: a small heap is plenty, and keeps the thread's memory small.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    });
    // Never what keeps a process (a CLI, a test) alive.
    started.unref();
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    started.once('error', fallBack);
    started.once('exit', (code) => fallBack(new Error(`WAL checkpoint worker exited (code ${code})`)));
    worker = started;
  };
  if (!options.deferred) start();
  return {
    start,
    async stop() {
      if (!stopping) {
        stopping = true;
        if (worker) {
          // Held until it has closed its connection, so a process shutting down waits for it.
          worker.ref();
          worker.postMessage('stop');
        }
      }
      await exited;
    },
  };
}
