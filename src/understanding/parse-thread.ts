/**
 * The understanding (language detector, parser and models) in a worker thread, off the event loop that answers
 * requests: the main thread's CPU a web-chat turn falls by a third (docs/performance.md, worker rounds 2 and 3).
 *
 * Texts asked for in one synchronous stretch (a check-phase batch of turns, src/util/check-phase-batch.ts) go to the
 * worker in one message and come back in one: one structured clone each way a batch, and their turns go on together.
 *
 * What it keeps of the in-process parser: the same answers (the worker runs the same code on the same files); a
 * worker that dies is started again and each text it held is sent once to the new one, and a text whose second worker
 * dies too, or whose worker never built, is rejected (the turn's error path apologises); a worker that cannot build
 * (a bad training file) rejects `ready()` with the file's error and is not started again in a loop (the next text or
 * rebuild tries); `rebuild` (a content reload) gives every text asked for after it the new parser; `close()` answers
 * the texts in flight, then stops the worker, and refuses later ones.
 */
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Locale, ParseResult, ParserOptions } from './types';

/** What the main thread needs of the understanding besides parses, sent as plain data once the worker has built. */
export interface UnderstandingFacts {
  /** The warm-up's messages (src/ops/warm-up.ts): each intent's first Vietnamese example, then the first English one. */
  samples: readonly string[];
  /** The procedure families and their members, for the bot's "which one?" buttons. */
  groups: Record<string, string[]>;
}

/** A text understood: the language its words are written in (undefined when they do not tell, or not asked), and its parse in that language or the one given. */
export interface Understood {
  locale: Locale | undefined;
  parse: ParseResult;
}

interface Item {
  text: string;
  /** The language to parse in when the text does not tell (or `detect` is false). */
  locale: Locale;
  detect: boolean;
}

export type ToWorker =
  | { type: 'build'; options: ParserOptions }
  | { type: 'understand'; id: number; items: Item[] }
  | { type: 'rebuild'; id: number; options: ParserOptions };
export type FromWorker =
  | { type: 'built'; facts: UnderstandingFacts }
  | { type: 'failed'; message: string }
  | { type: 'understood'; id: number; results: Array<Understood | { error: string }> }
  | { type: 'rebuilt'; id: number; facts?: UnderstandingFacts; error?: string };

interface Asked {
  item: Item;
  /** Workers this text was sent to: a second death rejects it. */
  sends: number;
  resolve: (understood: Understood) => void;
  reject: (err: Error) => void;
}

interface Rebuild {
  resolve: (facts: UnderstandingFacts) => void;
  reject: (err: Error) => void;
}

/**
 * The worker's own YAML cache file (src/util/yaml-cache.ts): the main thread keeps the content's in `yaml.cache` in the
 * same folders, and two threads saving one file would drop each other's entries.
 */
export const UNDERSTANDING_YAML_CACHE = 'understanding.yaml.cache';

/** The worker's young generation: its garbage is a parse's, small and short-lived (worker round 2: 2 MB measured). */
const WORKER_YOUNG_GENERATION_MB = 2;

/** The worker's entry beside this file: compiled JavaScript in dist/, TypeScript under tsx (tests, benches). */
function workerEntry(): { source: string; eval: boolean } {
  const file = path.join(__dirname, `parse-worker${path.extname(__filename)}`);
  if (file.endsWith('.ts')) return { source: `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(file)});`, eval: true };
  return { source: file, eval: false };
}

/** One running (or building) worker and the texts sent to it, by message id. */
interface Running {
  worker: Worker;
  built: boolean;
  inFlight: Map<number, Asked[]>;
}

export class ParseThread {
  /** What the worker builds from; undefined until `build` when the thread was started without (a start, src/main.ts). */
  private options: ParserOptions | undefined;
  private running: Running | undefined;
  private readonly unsent: Asked[] = [];
  private flushQueued = false;
  private nextId = 1;
  private closed = false;
  private readonly rebuilds = new Map<number, Rebuild>();
  private readyPromise: Promise<UnderstandingFacts>;
  private facts: UnderstandingFacts | undefined;
  private readonly drained: Array<() => void> = [];
  /** Workers started, the first included (tests and the docs' figures). */
  started = 0;

  /**
   * Starts the worker at once. With `options` it builds from them; without, it loads its code (~0.2 s of a start, in
   * parallel with the main thread's) and waits for `build`: a start begins the worker before the main thread has
   * loaded its own modules and the content the options come from (src/main.ts).
   */
  constructor(options?: ParserOptions) {
    this.options = options;
    this.readyPromise = this.start();
    // A start-up that fails is reported by `ready()`; unhandled here, it would end the process before the caller asks.
    this.readyPromise.catch(() => undefined);
  }

  /** Gives a thread started without options what to build from (once); `ready()` resolves when it has built. */
  build(options: ParserOptions): Promise<UnderstandingFacts> {
    if (this.options) throw new Error('the understanding was given its options already');
    this.options = options;
    this.running?.worker.postMessage({ type: 'build', options } satisfies ToWorker);
    // Texts asked for before are sent now, behind the build.
    this.flush();
    return this.readyPromise;
  }

  /** The worker running now, building or built (tests stop it as a crash would). */
  get worker(): Worker | undefined {
    return this.running?.worker;
  }

  /** Resolves with the facts once the worker has built; rejects with the build's error (e.g. the bad training file's). */
  ready(): Promise<UnderstandingFacts> {
    return this.readyPromise;
  }

  /** The facts of the last build (after `ready()`). */
  current(): UnderstandingFacts {
    if (!this.facts) throw new Error('the understanding has not built yet');
    return this.facts;
  }

  /** `text`'s language (when `detect` and its words tell) and its parse in that language, or in `locale`. */
  understand(text: string, locale: Locale, detect: boolean): Promise<Understood> {
    if (this.closed) return Promise.reject(new Error('the understanding is closed'));
    return new Promise((resolve, reject) => {
      this.unsent.push({ item: { text, locale, detect }, sends: 0, resolve, reject });
      if (!this.flushQueued) {
        this.flushQueued = true;
        // Everything asked for in this synchronous stretch goes in one message.
        queueMicrotask(() => this.flush());
      }
    });
  }

  /** The parse alone, as `/model/parse` answers it. */
  async parse(text: string, locale: Locale): Promise<ParseResult> {
    return (await this.understand(text, locale, false)).parse;
  }

  /** Builds the understanding again from `options` (a content reload); texts asked for after this get the new one. */
  rebuild(options: ParserOptions): Promise<UnderstandingFacts> {
    if (this.closed) return Promise.reject(new Error('the understanding is closed'));
    if (!this.options) return this.build(options);
    this.flush();
    this.options = options;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.rebuilds.set(id, { resolve, reject });
      this.ensureRunning().worker.postMessage({ type: 'rebuild', id, options } satisfies ToWorker);
      this.holdOpen();
    });
  }

  /** Answers the texts in flight, then stops the worker; texts asked for later are refused. */
  async close(): Promise<void> {
    this.flush();
    this.closed = true;
    if (this.pending() > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    const running = this.running;
    this.running = undefined;
    if (running) await running.worker.terminate();
  }

  private start(): Promise<UnderstandingFacts> {
    const running = this.spawn();
    return new Promise((resolve, reject) => {
      running.worker.once('message', (message: FromWorker) => {
        if (message.type === 'built') resolve(message.facts);
        else if (message.type === 'failed') reject(new Error(message.message));
      });
      running.worker.once('exit', () => reject(new Error('the understanding worker stopped before it built')));
    });
  }

  private spawn(): Running {
    const entry = workerEntry();
    // `--max-semi-space-size` (npm start's, for the main heap) is process-wide and overrides a worker's resourceLimits;
    // the main heap is configured by now, so clearing it lets the worker's young generation be its own.
    v8.setFlagsFromString('--max-semi-space-size=0');
    const worker = new Worker(entry.source, {
      eval: entry.eval,
      // null: the worker loads its code and waits for a 'build' message (`build`).
      workerData: this.options ?? null,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    this.started++;
    const running: Running = { worker, built: false, inFlight: new Map() };
    this.running = running;
    worker.on('message', (message: FromWorker) => this.onMessage(running, message));
    // An 'error' (an uncaught throw) is followed by 'exit', where the texts it held are handled.
    worker.on('error', () => undefined);
    worker.on('exit', () => this.onExit(running));
    return running;
  }

  private ensureRunning(): Running {
    return this.running ?? this.spawn();
  }

  private flush(): void {
    this.flushQueued = false;
    // Before `build` a (re)started worker has nothing to answer with: the texts wait for the options.
    if (this.unsent.length === 0 || !this.options) return;
    this.send(this.ensureRunning(), this.unsent.splice(0));
  }

  private send(running: Running, asked: Asked[]): void {
    const id = this.nextId++;
    for (const a of asked) a.sends++;
    running.inFlight.set(id, asked);
    running.worker.postMessage({ type: 'understand', id, items: asked.map((a) => a.item) } satisfies ToWorker);
    this.holdOpen();
  }

  private onMessage(running: Running, message: FromWorker): void {
    if (message.type === 'built') {
      running.built = true;
      this.facts = message.facts;
      this.settled();
    } else if (message.type === 'understood') {
      const asked = running.inFlight.get(message.id);
      if (!asked) return;
      running.inFlight.delete(message.id);
      message.results.forEach((result, i) => ('error' in result ? asked[i].reject(new Error(result.error)) : asked[i].resolve(result)));
      this.settled();
    } else if (message.type === 'rebuilt') {
      const rebuild = this.rebuilds.get(message.id);
      if (!rebuild) return;
      this.rebuilds.delete(message.id);
      if (message.facts) {
        this.facts = message.facts;
        rebuild.resolve(message.facts);
      } else rebuild.reject(new Error(message.error));
      this.settled();
    }
  }

  /** A worker ended: what it held goes once to a new one, or is rejected the second time or when it never built. */
  private onExit(running: Running): void {
    if (this.running === running) this.running = undefined;
    const held = [...running.inFlight.values()].flat();
    running.inFlight.clear();
    const again = running.built ? held.filter((a) => a.sends < 2) : [];
    for (const a of held) if (!again.includes(a)) a.reject(new Error(running.built ? 'the understanding worker stopped twice with this text' : 'the understanding worker stopped before it built'));
    for (const [id, rebuild] of this.rebuilds) {
      this.rebuilds.delete(id);
      rebuild.reject(new Error('the understanding worker stopped during a rebuild'));
    }
    if (again.length > 0 && !this.closed) this.send(this.ensureRunning(), again);
    else for (const a of again) a.reject(new Error('the understanding is closed'));
    this.settled();
  }

  private pending(): number {
    let n = this.rebuilds.size;
    if (this.running) for (const asked of this.running.inFlight.values()) n += asked.length;
    return n;
  }

  /** The worker keeps the process alive only while it holds work (a CLI or test otherwise exits with its answer due). */
  private holdOpen(): void {
    this.running?.worker.ref();
  }

  private settled(): void {
    if (this.pending() > 0) return;
    // A worker still building is waited for (createAssistant's `ready()`): it stays referenced until it has built.
    if (this.running?.built) this.running.worker.unref();
    for (const resolve of this.drained.splice(0)) resolve();
  }
}
