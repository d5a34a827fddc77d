/** Test helpers: a temp copy of the shipped content and small CSV builders. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OFFICE_COLUMNS, PROCEDURE_IDS } from '../../src/knowledge';

/** The content dir shipped in the repo. */
export const CONTENT_DIR = resolve(__dirname, '../../content');

/** Copies the shipped content into a fresh temp dir and returns its path. */
export function tempContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  cpSync(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

/** Builds a directory CSV from partial rows (defaults make a valid provincial row handling everything). */
export function officesCsv(rows: Array<Partial<Record<(typeof OFFICE_COLUMNS)[number], string>>>): string {
  const base: Record<string, string> = {
    kind: 'provincial', unit_code: '', area: '', former_units: '', former_districts: '', aliases: '',
    procedures: PROCEDURE_IDS.join('|'), address: '', address_status: 'missing', phone: '', phone_status: 'missing',
    hours: '', hours_status: 'missing', lat: '', lon: '', coord_status: 'missing', check_at: 'https://example.gov.vn',
    sources: 'test', note: '', reviewed_at: '2026-11-27',
  };
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = rows.map((r) => OFFICE_COLUMNS.map((c) => quote({ ...base, ...r }[c] ?? '')).join(','));
  return [OFFICE_COLUMNS.join(','), ...lines].join('\n') + '\n';
}

/** Reads a file as text. */
export const read = (path: string) => readFileSync(path, 'utf8');
