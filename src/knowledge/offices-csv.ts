/** Parses and validates the office directory CSV (content/offices.csv). */
import { parse } from 'csv-parse/sync';
import { issuePath, type ContentProblem } from './content-problem';
import { OFFICE_COLUMNS, OfficeRowSchema } from './office-schema';
import { PROCEDURE_IDS } from './taxonomy';
import type { Office } from './types';

/** The directory file name inside the content dir. */
export const OFFICES_FILE = 'offices.csv';

/**
 * Validates every row of a directory CSV. Row numbers are spreadsheet rows (the header is row 1),
 * so staff can find the line in the sheet they exported.
 */
export function parseOfficesCsv(csvText: string, file = OFFICES_FILE): { offices: Office[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  let records: string[][];
  try {
    records = parse(csvText, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    return { offices: [], problems: [{ file, field: '', message: `CSV syntax error: ${(err as Error).message}` }] };
  }
  const [header, ...rows] = records;
  if (!header) return { offices: [], problems: [{ file, field: '', message: 'the file is empty' }] };
  const names = header.map((h) => h.trim());
  const missing = OFFICE_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((c) => !(OFFICE_COLUMNS as readonly string[]).includes(c));
  for (const c of missing) problems.push({ file, row: 1, field: c, message: 'column is missing from the header' });
  for (const c of unknown) problems.push({ file, row: 1, field: c, message: 'unknown column' });
  if (problems.length > 0) return { offices: [], problems };

  const offices: Office[] = [];
  const seenIds = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.length !== names.length) {
      problems.push({ file, row, field: '', message: `has ${cells.length} cells, the header has ${names.length}` });
      return;
    }
    const raw = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
    const parsed = OfficeRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push({ file, row, field: issuePath(i.path), message: i.message });
      return;
    }
    const office = parsed.data;
    const dupId = seenIds.get(office.id);
    if (dupId) problems.push({ file, row, field: 'id', message: `"${office.id}" is already used on row ${dupId}` });
    seenIds.set(office.id, row);
    if (office.unitCode) {
      const dupCode = seenCodes.get(office.unitCode);
      if (dupCode) problems.push({ file, row, field: 'unit_code', message: `"${office.unitCode}" is already used on row ${dupCode}` });
      seenCodes.set(office.unitCode, row);
    }
    offices.push(office);
  });
  if (rows.length === 0) problems.push({ file, field: '', message: 'the directory has no rows' });
  // A procedure nobody handles would leave the bot with nowhere to send people.
  if (problems.length === 0)
    for (const id of PROCEDURE_IDS)
      if (!offices.some((o) => o.procedures.includes(id)))
        problems.push({ file, field: 'procedures', message: `no office handles "${id}"` });
  return { offices: problems.length === 0 ? offices : [], problems };
}
