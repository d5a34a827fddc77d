/** Problems found in content files, and the error that carries them. */

/** One problem: which file, which row (CSV, 1-based spreadsheet row), which field or column, and what is wrong. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
  row?: number;
}

/** Renders a problem as one line for logs, CLI output and error messages. */
export function formatProblem(p: ContentProblem): string {
  const where = p.row === undefined ? p.file : `${p.file} row ${p.row}`;
  return `${where} [${p.field || '(file)'}]: ${p.message}`;
}

/** Thrown when content is invalid; the message lists every problem. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(`invalid content (${problems.length} problem(s)):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** Turns zod issue paths into a dotted field name (documents.value.2.form). */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}
