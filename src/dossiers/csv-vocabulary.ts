/**
 * The words of a one-stop desk's spreadsheet: Vietnamese column headers and values (procedure names, status names,
 * dd/mm/yyyy dates) read as the API's ids, and each problem told in Vietnamese with what to write instead.
 */
import type { TFunction } from 'i18next';
import { PROCEDURE_IDS } from '../knowledge/taxonomy';
import type { FieldProblem } from './dossier-schema';
import { DOSSIER_STATUSES } from './statuses';

/** Every column, required first, in the template's order. */
export const CSV_COLUMNS = [
  'code', 'procedure', 'status', 'receivedAt', 'dueAt', 'updatedAt', 'applicantName', 'phone',
  'completedAt', 'note', 'unit', 'submission', 'returnMethod',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const DATE_COLUMNS: ReadonlySet<string> = new Set(['receivedAt', 'dueAt', 'updatedAt', 'completedAt']);
// 12/03/2026, 12-03-2026 or 12.03.2026, with an optional time 08:30 or 08:30:15 (Vietnam time, as the sheet shows it).
const VIETNAMESE_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/;

/** Case, diacritics, đ and spacing do not matter: "HỌ TÊN NGƯỜI NỘP", "ho ten nguoi nop" and "Họ tên  người nộp" agree. */
export function foldWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Translates a spreadsheet's words into the API's, and the API's problems into the desk's words. */
export interface CsvVocabulary {
  /** The field a header names (its id or its Vietnamese name), or undefined. */
  columnOf(header: string): CsvColumn | undefined;
  /** The header of a column as the template writes it. */
  header(column: CsvColumn): string;
  /** A cell as the API reads it: names become ids, dd/mm/yyyy dates become ISO; anything else unchanged. */
  value(column: CsvColumn, cell: string): string;
  /** One row's problems, one sentence per column, naming the column as `headerOf` says the file calls it. */
  describe(problems: readonly FieldProblem[], headerOf: (column: string) => string): string;
  /** The other messages of an import, by key under dossier:import (with their values). */
  say(key: 'wrongWidth' | 'unreadable' | 'notStored' | 'emptyFile' | 'missingColumns' | 'unknownColumns' | 'duplicateColumns', values?: Record<string, string>): string;
}

/** Builds the vocabulary from the locale files and the content's procedure names (read on each import: content reloads). */
export function createCsvVocabulary(t: TFunction, procedureName: (id: string) => string | undefined): CsvVocabulary {
  const headers = new Map<string, CsvColumn>();
  for (const column of CSV_COLUMNS) {
    headers.set(foldWords(column), column);
    headers.set(foldWords(t(`dossier:import.columns.${column}`)), column);
  }
  const procedures = new Map<string, string>();
  for (const id of PROCEDURE_IDS) {
    const name = procedureName(id);
    if (name) procedures.set(foldWords(name), id);
  }
  const statuses = new Map<string, string>(DOSSIER_STATUSES.map((s) => [foldWords(t(`dossier:status.${s}.label`)), s]));
  // The desk's words for the two optional choices (console.json holds the same words for the screens).
  const choices: Record<string, Map<string, string>> = {
    submission: new Map([['truc tuyen', 'online'], ['truc tiep', 'in_person']]),
    returnMethod: new Map([['nhan truc tiep', 'in_person'], ['truc tiep', 'in_person'], ['qua buu chinh', 'post'], ['buu chinh', 'post'], ['truc tuyen', 'online']]),
  };

  return {
    columnOf: (header) => headers.get(foldWords(header)),
    header: (column) => t(`dossier:import.columns.${column}`),
    value(column, cell) {
      const text = cell.trim();
      if (text === '') return text;
      if (DATE_COLUMNS.has(column)) return isoFromVietnamese(text) ?? text;
      const folded = foldWords(text);
      if (column === 'procedure') return procedures.get(folded) ?? text;
      if (column === 'status') return statuses.get(folded) ?? text;
      return choices[column]?.get(folded) ?? text;
    },
    describe(problems, headerOf) {
      const seen = new Set<string>();
      const statusNames = DOSSIER_STATUSES.map((s) => `“${t(`dossier:status.${s}.label`)}”`).join(', ');
      const sentences: string[] = [];
      for (const p of problems) {
        const column = p.field.split('.')[0]!;
        if (seen.has(column)) continue;
        seen.add(column);
        const expect = (CSV_COLUMNS as readonly string[]).includes(column) ? t(`dossier:import.expect.${column}`, { statuses: statusNames }) : p.message;
        sentences.push(t('dossier:import.rowProblem', { column: headerOf(column), expect }));
      }
      return sentences.join(' ');
    },
    say: (key, values) => t(`dossier:import.${key}`, values ?? {}),
  };
}

/** "12/03/2026 08:30" → "2026-03-12T08:30:00" (no zone: Vietnam time, as parseInstant reads it); else undefined. */
function isoFromVietnamese(text: string): string | undefined {
  const m = VIETNAMESE_DATE.exec(text);
  if (!m) return undefined;
  const [, d, mo, y, h, mi, s] = m;
  const two = (v: string | undefined) => (v ?? '0').padStart(2, '0');
  return `${y}-${two(mo)}-${two(d)}${h !== undefined ? `T${two(h)}:${two(mi)}:${two(s)}` : ''}`;
}
