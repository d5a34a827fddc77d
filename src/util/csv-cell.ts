/** One cell of a CSV file that staff open in a spreadsheet (Excel, LibreOffice, Google Sheets). */

// What makes a spreadsheet read a cell as a formula or a command (fullwidth forms included: some normalise them).
const TRIGGER = '=+\\-@\\t\\r＝＋－＠';
// Where a spreadsheet may start a new cell, whatever list separator its locale uses (",", ";", tab, "|"), or a new row.
const SEPARATORS = /[,;\t|\r\n"]/;
// A cell start (the value's start, or right after a separator, spaces and quotes allowed) followed by a trigger.
const CELL_START_TRIGGER = new RegExp(`(^|[,;\\t|\\r\\n])([\\s"]*)(?=[${TRIGGER}])`, 'g');

/**
 * The value as a CSV cell that no spreadsheet can run: every place where a cell could start with a formula character
 * is prefixed with `'` (not only the value's start: a spreadsheet splitting on ";" or "|" would see a new cell
 * there), and a value holding any separator, quote or line break is quoted, so it stays one cell.
 */
export function csvCell(value: string): string {
  const safe = value.replace(CELL_START_TRIGGER, "$1$2'");
  return SEPARATORS.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
