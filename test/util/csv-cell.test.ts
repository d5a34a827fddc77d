import assert from 'node:assert/strict';
import { csvCell } from '../../src/util/csv-cell';

/** Splits a CSV line the way a spreadsheet ignoring quotes would, on any list separator. */
const naiveCells = (line: string) => line.split(/[,;\t|]/).map((c) => c.replace(/^[\s"]+/, ''));

describe('csvCell', () => {
  const table: [string, string][] = [
    ['Công an phường A', 'Công an phường A'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', `"\t'=1"`],
    ['＝1+1', "'＝1+1"],
    ['Đội 1;=cmd|calc', `"Đội 1;'=cmd|calc"`],
    ['A\t+1', `"A\t'+1"`],
    ['A|@x', `"A|'@x"`],
    ['A, -1', `"A, '-1"`],
    ['A; "=1"', `"A; ""'=1"""`],
    ['line\n=1', `"line\n'=1"`],
  ];
  for (const [value, cell] of table) {
    it(`writes ${JSON.stringify(value)} as ${JSON.stringify(cell)}`, () => assert.equal(csvCell(value), cell));
  }

  it('leaves no cell starting with a formula character, whatever separator a spreadsheet splits on', () => {
    for (const [value] of table) {
      for (const piece of naiveCells(csvCell(value))) assert.doesNotMatch(piece, /^[=+\-@＝＋－＠]/, `${value} → ${piece}`);
    }
  });
});
