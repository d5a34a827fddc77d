/**
 * The understanding's thread (started by parse-thread.ts): builds the parser and the language detector from
 * `workerData`, then answers batches of texts with their language and parse, in the order they come. A rebuild (content
 * reload) replaces both for every batch after it; one that fails keeps the previous and says why.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IdleScavenger } from '../ops/idle-scavenge';
import { collectStartUpGarbage } from '../ops/start-up-garbage';
import { saveYamlCache, useYamlCache } from '../util/yaml-cache';
import { createUnderstanding, type Understanding } from './index';
import { UNDERSTANDING_YAML_CACHE, type FromWorker, type ToWorker, type Understood, type UnderstandingFacts } from './parse-thread';
import type { ParserOptions } from './types';

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

function build(options: ParserOptions): { understanding: Understanding; facts: UnderstandingFacts } {
  useYamlCache(options.cacheDirs ?? [], UNDERSTANDING_YAML_CACHE);
  try {
    const understanding = createUnderstanding(options);
    return { understanding, facts: { samples: understanding.samples, groups: understanding.groups } };
  } finally {
    saveYamlCache();
  }
}

function understandOne(understanding: Understanding, text: string, locale: Understood['locale'], detect: boolean): Understood {
  const written = detect ? understanding.detectLanguage(text) : undefined;
  const used = written ?? locale;
  return { locale: written, parse: understanding.parser.parse(text, used) };
}

let current: Understanding | undefined;
/** The young generation is scavenged between answers, not in the middle of the next parse (src/ops/idle-scavenge.ts). */
const scavenger = new IdleScavenger();

/** The first build: the worker answers nothing before it, and a build that fails ends it (ParseThread's `ready()` rejects). */
function begin(options: ParserOptions): void {
  try {
    const built = build(options);
    current = built.understanding;
    // What the build left (the training files' text, the trainers' buffers) goes before the first parse.
    collectStartUpGarbage();
    post({ type: 'built', facts: built.facts });
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    process.exit(1);
  }
}

// With its options in workerData it builds now; without, its code is loaded (the imports above) and it waits for them.
if (workerData) begin(workerData as ParserOptions);

port.on('message', (message: ToWorker) => {
  if (message.type === 'build') {
    if (!current) begin(message.options);
  } else if (message.type === 'understand') {
    const understanding = current;
    if (!understanding) throw new Error('texts sent to the understanding before it was built');
    const results = message.items.map((item) => {
      try {
        return understandOne(understanding, item.text, item.locale, item.detect);
      } catch (err) {
        return { error: err instanceof Error ? err.message : String(err) };
      }
    });
    post({ type: 'understood', id: message.id, results });
    scavenger.answered();
  } else if (message.type === 'rebuild') {
    try {
      const built = build(message.options);
      current = built.understanding;
      post({ type: 'rebuilt', id: message.id, facts: built.facts });
    } catch (err) {
      post({ type: 'rebuilt', id: message.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
});
