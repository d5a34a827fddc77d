import type { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import type { DossierInput } from '../store/ports';
import type { DossierService } from './dossier-service';
import { validateDossier } from './dossier-schema';
import type { CsvColumn, CsvVocabulary } from './csv-vocabulary';

/** CSV columns the header must name (by id or Vietnamese name, order free); the other CSV_COLUMNS are optional. */
export const CSV_REQUIRED_COLUMNS: readonly CsvColumn[] = ['code', 'procedure', 'status', 'receivedAt', 'dueAt', 'updatedAt', 'applicantName', 'phone'];

/**
 * One row that was not applied: its number among the data rows (1 = first after the header), its line, the columns
 * at fault as the file names them, and what to write instead (in the desk's language).
 */
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
export async function importDossierCsv(source: Readable, service: DossierService, words: CsvVocabulary, options: ImportOptions = {}): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 1000;
  const maxErrors = options.maxErrors ?? 1000;
  const report: ImportReport = { rowsRead: 0, created: 0, applied: 0, ignored: 0, failed: 0, errors: [], errorsTruncated: false };
  const fail = (error: ImportRowError) => {
    report.failed++;
    if (report.errors.length < maxErrors) report.errors.push(error);
    else report.errorsTruncated = true;
  };

  let sawHeader = false;
  // What the file calls each column, so errors name the column the clerk sees.
  const fileHeader = new Map<string, string>();
  const headerOf = (column: string) => fileHeader.get(column) ?? words.header(column as CsvColumn);
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      sawHeader = true;
      return checkHeader(header, words, fileHeader);
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
    skipped.push({ line: err.lines ?? 0, message: words.say('unreadable') });
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
    await applyRows(rows, service, report, fail, words.say('notStored'));
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
        fail({ row, line: info.lines, fields: [], message: words.say('wrongWidth') });
        continue;
      }
      const values = Object.fromEntries(Object.entries(record).map(([column, cell]) => [column, words.value(column as CsvColumn, cell ?? '')]));
      const { code, ...body } = values;
      const result = validateDossier(code, body);
      if (!result.ok) {
        const fields = [...new Set(result.problems.map((p) => headerOf(p.field.split('.')[0]!)))];
        fail({ row, line: info.lines, fields, message: words.describe(result.problems, headerOf) });
        continue;
      }
      batch.push({ row, line: info.lines, input: result.input });
      if (batch.length >= batchSize) await flush();
    }
    numberSkipped(Number.POSITIVE_INFINITY);
    await flush();
    if (!sawHeader) throw new ImportHeaderError(words.say('emptyFile'));
  } catch (err) {
    if (err instanceof CsvError && err.code === 'CSV_INVALID_COLUMN_MAPPING') throw new ImportHeaderError(err.message);
    throw err;
  }
  return report;
}

/** The columns' ids in file order; refuses the file (nothing written) when a column is missing, unknown or repeated. */
function checkHeader(header: string[], words: CsvVocabulary, fileHeader: Map<string, string>): string[] {
  const unknown: string[] = [];
  const repeated: string[] = [];
  const columns = header.map((raw) => {
    const name = raw.trim();
    const column = words.columnOf(name);
    if (!column) unknown.push(name);
    else if (fileHeader.has(column)) repeated.push(name);
    else fileHeader.set(column, name);
    return column ?? name;
  });
  const missing = CSV_REQUIRED_COLUMNS.filter((c) => !fileHeader.has(c));
  // Both the Vietnamese header and the id, so a sheet written either way finds what it lacks.
  const named = (list: readonly CsvColumn[]) => list.map((c) => `${words.header(c)} (${c})`).join(', ');
  const problems = [
    ...(missing.length ? [words.say('missingColumns', { columns: named(missing) })] : []),
    ...(unknown.length ? [words.say('unknownColumns', { columns: unknown.map((u) => `“${u}”`).join(', ') })] : []),
    ...(repeated.length ? [words.say('duplicateColumns', { columns: repeated.map((u) => `“${u}”`).join(', ') })] : []),
  ];
  if (problems.length > 0) throw new ImportHeaderError(problems.join(' '));
  return columns;
}

async function applyRows(rows: PendingRow[], service: DossierService, report: ImportReport, fail: (e: ImportRowError) => void, notStored: string) {
  try {
    count(await service.applyBatch(rows.map((r) => r.input)), report);
  } catch {
    // The batch rolled back as a whole; apply its rows one by one so only the row the store refused fails.
    for (const r of rows) {
      try {
        count([await service.apply(r.input)], report);
      } catch {
        fail({ row: r.row, line: r.line, fields: [], message: notStored });
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
