/** Replaces the office directory from a staff-supplied CSV, all or nothing. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentProblem } from './content-problem';
import { OFFICES_FILE, parseOfficesCsv } from './offices-csv';

/** Result of an import: how many units were written, or every row problem (and nothing written). */
export type ImportResult = { ok: true; count: number } | { ok: false; errors: ContentProblem[] };

/**
 * Validates every row; only when all are valid writes content/offices.csv atomically
 * (temp file in the same dir, then rename), so a reader or watcher never sees half a file.
 */
export function importOfficesCsv(contentDir: string, csvText: string): ImportResult {
  const { offices, problems } = parseOfficesCsv(csvText);
  if (problems.length > 0) return { ok: false, errors: problems };
  // Dot-prefixed so the content watcher ignores it; same dir so rename is atomic on one filesystem.
  const tmp = join(contentDir, `.${OFFICES_FILE}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, csvText.replace(/^\uFEFF/, ''), 'utf8');
    renameSync(tmp, join(contentDir, OFFICES_FILE));
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return { ok: true, count: offices.length };
}
