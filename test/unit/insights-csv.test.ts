import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../utils/ui/csv';

describe('Insights CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'], // a formula from ticket text is not run by a spreadsheet
    ['+1', "'+1"],
    ['@cmd', "'@cmd"],
    [-3.5, '-3.5'], // numbers are numbers, not formulas
    [null, ''],
    [Number.NaN, ''],
  ] as const)('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('rows end with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [null, 'y']])).toBe('a,b\r\n1,x\r\n,y\r\n');
  });
});
