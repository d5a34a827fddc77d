/** Parse latency (p50/p99), single-core throughput and model build time of the language-understanding parser. */
import { join } from 'node:path';
import { createParser } from '../src/understanding';
import { loadHeldOut } from '../src/understanding/evaluation/heldout';
import { loadTrainingData } from '../src/understanding/training-data';

const INTENTS_DIR = join(__dirname, '..', 'intents');
const WARMUP_ROUNDS = 5;
const MEASURED_ROUNDS = 20;
// Enough samples that the hostile p99 is a real percentile (with 100 samples it was simply the slowest parse).
const HOSTILE_ROUNDS = 200;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Builds the parser a few times, then parses the held-out messages (plus hostile inputs) many times. */
export async function run(): Promise<void> {
  const builds: number[] = [];
  let parser = createParser({ intentsDir: INTENTS_DIR });
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    parser = createParser({ intentsDir: INTENTS_DIR });
    builds.push(performance.now() - t);
  }
  const messages = loadHeldOut(join(INTENTS_DIR, 'test', 'heldout.yaml')).map((c) => c.text);
  const hostile = [
    'x'.repeat(10_000),
    'cháy '.repeat(2_000),
    '😀'.repeat(500),
    '<script>alert(1)</script>'.repeat(100),
    'a\u0300'.repeat(3_000),
    `a${'\u0301'.repeat(10_000)}`,
    'a1'.repeat(5_000),
    'G22.42 '.repeat(2_000),
    `/greeting{${' '.repeat(10_000)}`,
  ];
  const real = measure(parser.parse.bind(parser), messages, MEASURED_ROUNDS);
  const bad = measure(parser.parse.bind(parser), hostile, HOSTILE_ROUNDS);
  console.log('understanding/parse');
  const examples = loadTrainingData(INTENTS_DIR).length;
  // Start-up budget: under 1 s for the whole build; past ~600 ms, look at training first (see docs/understanding.md).
  console.log(`  model build       ${Math.min(...builds).toFixed(0)} ms (best of 3, ${examples} training examples; module loading not counted)`);
  console.log(`  parse latency     p50 ${percentile(real.latencies, 50).toFixed(3)} ms, p99 ${percentile(real.latencies, 99).toFixed(3)} ms (held-out messages)`);
  console.log(`  throughput        ${Math.round(real.latencies.length / real.seconds)} parses/s on one core (${messages.length} messages × ${MEASURED_ROUNDS})`);
  console.log(`  hostile input     p50 ${percentile(bad.latencies, 50).toFixed(3)} ms, p99 ${percentile(bad.latencies, 99).toFixed(3)} ms, max ${bad.latencies[bad.latencies.length - 1].toFixed(3)} ms (${hostile.length} inputs × ${HOSTILE_ROUNDS}: 10,000 chars, floods of words / codes / emoji / combining marks, script tags)`);
}

/** Times every parse of `messages`, after warm-up rounds that let the JIT settle. */
function measure(parse: (text: string) => unknown, messages: readonly string[], rounds: number): { latencies: number[]; seconds: number } {
  for (let r = 0; r < WARMUP_ROUNDS; r++) for (const m of messages) parse(m);
  const latencies: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const m of messages) {
      const t = performance.now();
      parse(m);
      latencies.push(performance.now() - t);
    }
  }
  latencies.sort((a, b) => a - b);
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

if (require.main === module) void run();
