import type { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import type { DossierInput } from '../store/ports';
import type { DossierService } from './dossier-service';
import { describeProblems, validateDossier } from './dossier-schema';

/** CSV columns, by header name (order free). The first row must be the header. */
export const CSV_REQUIRED_COLUMNS = ['code', 'procedure', 'status', 'receivedAt', 'dueAt', 'updatedAt', 'applicantName', 'phone'] as const;
export const CSV_OPTIONAL_COLUMNS = ['completedAt', 'note', 'unit', 'submission', 'returnMethod'] as const;

/** One row that was not applied: its number among the data rows (1 = first after the header), its line, and why. */
export interface ImportRowError {
  row: number;
  line: number;
  fields: string[];
  message: string;
}

/** Counts so far (progress) or at the end (the answer). */
export interface ImportProgress {
  rowsRead: number;
  created: number;
  applied: number;
  ignored: number;
  failed: number;
}

export interface ImportReport extends ImportProgress {
  errors: ImportRowError[];
  /** True when more rows failed than `errors` lists. */
  errorsTruncated: boolean;
}

export interface ImportOptions {
  /** Rows per store transaction. */
  batchSize?: number;
  /** How many row errors the report lists (all are counted). */
  maxErrors?: number;
  onProgress?: (progress: ImportProgress) => void;
}

/** Raised when the file cannot be imported at all (no header, missing columns); nothing was written. */
export class ImportHeaderError extends Error {
  override name = 'ImportHeaderError';
}

interface PendingRow {
  row: number;
  line: number;
  input: DossierInput;
}

/**
 * Streams a CSV of dossier records into the store in batches. Each row is validated alone: a bad row is reported
 * with its number and fields and skipped, the rest go on. Memory stays flat: one batch is held at a time and the
 * parser is read with backpressure.
 */
export async function importDossierCsv(source: Readable, service: DossierService, options: ImportOptions = {}): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 1000;
  const maxErrors = options.maxErrors ?? 1000;
  const report: ImportReport = { rowsRead: 0, created: 0, applied: 0, ignored: 0, failed: 0, errors: [], errorsTruncated: false };
  const fail = (error: ImportRowError) => {
    report.failed++;
    if (report.errors.length < maxErrors) report.errors.push(error);
    else report.errorsTruncated = true;
  };

  let sawHeader = false;
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      sawHeader = true;
      return checkHeader(header);
    },
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    // A malformed record (stray quote) is skipped and reported; the parser goes on with the next one.
    skip_records_with_error: true,
    info: true,
  });
  // The parser reports skipped records as it reads, ahead of the loop below; they wait here and are numbered
  // when the loop reaches their line, so row numbers follow the file.
  const skipped: { line: number; message: string }[] = [];
  parser.on('skip', (err: CsvError & { lines?: number }) => {
    skipped.push({ line: err.lines ?? 0, message: `Unreadable CSV record: ${err.message}` });
  });
  const numberSkipped = (beforeLine: number) => {
    while (skipped.length > 0 && skipped[0]!.line < beforeLine) {
      const s = skipped.shift()!;
      report.rowsRead++;
      fail({ row: report.rowsRead, line: s.line, fields: [], message: s.message });
    }
  };
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);

  let batch: PendingRow[] = [];
  let wrongWidthSoFar = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await applyRows(rows, service, report, fail);
    options.onProgress?.({ ...progressOf(report) });
  };

  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length: number } }>) {
      const { record, info } = item;
      numberSkipped(info.lines);
      report.rowsRead++;
      const row = report.rowsRead;
      // The parser counts rows of the wrong width cumulatively: this row is one of them when the count moved.
      const wrongWidth = info.invalid_field_length > wrongWidthSoFar;
      wrongWidthSoFar = info.invalid_field_length;
      if (wrongWidth) {
        fail({ row, line: info.lines, fields: [], message: 'Wrong number of columns for the header' });
        continue;
      }
      const { code, ...body } = record;
      const result = validateDossier(code, body);
      if (!result.ok) {
        fail({ row, line: info.lines, fields: result.problems.map((p) => p.field), message: describeProblems(result.problems) });
        continue;
      }
      batch.push({ row, line: info.lines, input: result.input });
      if (batch.length >= batchSize) await flush();
    }
    numberSkipped(Number.POSITIVE_INFINITY);
    await flush();
    if (!sawHeader) throw new ImportHeaderError('The file is empty: the first row must be the header');
  } catch (err) {
    if (err instanceof CsvError && err.code === 'CSV_INVALID_COLUMN_MAPPING') throw new ImportHeaderError(err.message);
    throw err;
  }
  return report;
}

function checkHeader(header: string[]): string[] {
  const names = header.map((h) => h.trim());
  const missing = CSV_REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) throw new ImportHeaderError(`The header misses the columns: ${missing.join(', ')}`);
  const known = new Set<string>([...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS]);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) throw new ImportHeaderError(`Unknown columns: ${unknown.join(', ')}`);
  return names;
}

async function applyRows(rows: PendingRow[], service: DossierService, report: ImportReport, fail: (e: ImportRowError) => void) {
  try {
    count(await service.applyBatch(rows.map((r) => r.input)), report);
  } catch {
    // The batch rolled back as a whole; apply its rows one by one so only the row the store refused fails.
    for (const r of rows) {
      try {
        count([await service.apply(r.input)], report);
      } catch (err) {
        fail({ row: r.row, line: r.line, fields: [], message: `Not stored: ${(err as Error).message}` });
      }
    }
  }
}

function count(results: { outcome: 'created' | 'applied' | 'ignored' }[], report: ImportReport): void {
  for (const r of results) report[r.outcome]++;
}

function progressOf(r: ImportReport): ImportProgress {
  return { rowsRead: r.rowsRead, created: r.created, applied: r.applied, ignored: r.ignored, failed: r.failed };
}
