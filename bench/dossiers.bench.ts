import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { importDossierCsv } from '../src/dossiers/csv-import';
import { createCsvVocabulary } from '../src/dossiers/csv-vocabulary';
import { loadTranslator } from '../src/i18n/translator';
import { projectRoot } from '../src/config';
import { createDossierService } from '../src/dossiers/dossier-service';
import type { DossierInput } from '../src/store/ports';
import { createSqliteStore } from '../src/store/sqlite';
import { Database } from '../src/store/sqlite/driver';
import type { BenchOptions, Figure } from './support/report';
import { percentile } from './support/stats';

const translator = loadTranslator(path.join(projectRoot, 'content', 'locales'));
let RECORDS = 1_000_000;
const LOOKUPS = 20_000;
let IMPORT_ROWS = 100_000;
const PROCEDURES = ['tam-tru', 'thuong-tru', 'ho-chieu', 'dang-ky-xe', 'can-cuoc-cap-doi'];

const codeOf = (i: number) => `G22.42-${String(250101 + (i % 28)).padStart(6, '0')}-${String(i).padStart(7, '0')}`;

function record(i: number): DossierInput {
  const received = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000);
  return {
    code: codeOf(i),
    procedure: PROCEDURES[i % PROCEDURES.length]!,
    status: i % 3 === 0 ? 'returned' : 'processing',
    receivedAt: received,
    dueAt: new Date(received.getTime() + 7 * 86_400_000),
    updatedAt: received,
    ...(i % 3 === 0 ? { completedAt: new Date(received.getTime() + (i % 10) * 86_400_000) } : {}),
    submission: i % 2 === 0 ? 'online' : 'in_person',
    unit: `Công an xã ${i % 90}`,
    applicantMasked: 'Nguyễn V. B.',
    phoneLast4: String(i % 10_000).padStart(4, '0'),
  };
}

/** Times `n` calls of `fn`, in ms, sorted. */
async function timeEach(n: number, fn: (i: number) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

async function benchLookup(): Promise<Figure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dossiers-'));
  const store = createSqliteStore(dir);
  try {
    const started = Date.now();
    for (let i = 0; i < RECORDS; i += 10_000) {
      await store.dossiers.upsertMany(Array.from({ length: Math.min(10_000, RECORDS - i) }, (_, k) => record(i + k)));
    }
    console.log(`dossiers: loaded ${RECORDS.toLocaleString('en')} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    let found = 0;
    const times = await timeEach(LOOKUPS, async (n) => {
      // Mostly known codes, some unknown ones: the chat looks both up the same way.
      const code = n % 10 === 0 ? `X-${n}-000` : codeOf(Math.floor(Math.random() * RECORDS));
      if (await store.dossiers.get(code)) found++;
    });
    // The ceiling: the cheapest round trip through the same driver to the same file, `SELECT 1`.
    const raw = new Database(path.join(dir, 'assistant.sqlite'), { readonly: true });
    const one = raw.prepare('SELECT 1');
    const ceiling = await timeEach(LOOKUPS, () => one.get());
    raw.close();
    const p99 = percentile(times, 99);
    console.log(
      `dossiers: lookup by code (${LOOKUPS.toLocaleString('en')} lookups, ${found} found) p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (target ≤ 1 ms)`,
    );
    console.log(`dossiers: SELECT 1 through the same driver p50 ${percentile(ceiling, 50).toFixed(4)} ms, p99 ${percentile(ceiling, 99).toFixed(4)} ms; lookup p50 is ${(percentile(times, 50) / percentile(ceiling, 50)).toFixed(1)}× that`);
    return {
      name: `Dossier lookup by code, ${RECORDS.toLocaleString('en')} records`,
      value: `p99 ${p99.toFixed(3)} ms (p50 ${(percentile(times, 50) / percentile(ceiling, 50)).toFixed(1)}× a SELECT 1)`,
      target: '≤ 1 ms',
      met: p99 <= 1,
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function* csvLines(rows: number): Generator<string> {
  yield 'code,procedure,status,receivedAt,dueAt,updatedAt,applicantName,phone,note,unit,submission,returnMethod\n';
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    yield `HS-260${day}-${String(i).padStart(7, '0')},${PROCEDURES[i % PROCEDURES.length]},processing,2026-03-${day},2026-04-${day},2026-03-${day}T09:00:00+07:00,Nguyễn Văn Bình,09123${String(i % 100_000).padStart(5, '0')},"Bổ sung ảnh, giấy tờ",Công an xã ${i % 90},online,post\n`;
  }
}

async function benchImport(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const store = createSqliteStore(dir);
  try {
    const service = createDossierService({ dossiers: store.dossiers, outbox: store.outbox });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = process.hrtime.bigint();
    const report = await importDossierCsv(Readable.from(csvLines(IMPORT_ROWS)), service, createCsvVocabulary(translator.forLocale('vi'), () => undefined));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `dossiers: CSV import of ${IMPORT_ROWS.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (target ≤ 30 s), created ${report.created}, failed ${report.failed}, peak RSS growth ${((peak - baseline) / 1048576).toFixed(1)} MiB`,
    );
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Lookup latency with 1,000,000 records (100,000 with --quick) in a temporary SQLite file, and a 100,000-row CSV import. */
export async function run(options: BenchOptions = { quick: false }): Promise<Figure[]> {
  if (options.quick) [RECORDS, IMPORT_ROWS] = [100_000, 20_000];
  const lookup = await benchLookup();
  await benchImport();
  return [lookup];
}

if (require.main === module) void run();
