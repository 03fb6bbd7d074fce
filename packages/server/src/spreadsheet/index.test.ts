import { describe, expect, it } from 'vitest';
import { safeCell, safeRow } from './index';

describe('spreadsheet cells', () => {
  it('turns text a spreadsheet would evaluate into text, and leaves the rest alone', () => {
    for (const formula of ['=HYPERLINK("http://evil.example","点我")', '+86 138', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1']) {
      expect(safeCell(formula)).toBe(`'${formula}`);
    }
    for (const plain of ['张三', '138 1234 5678', '138****5678', "'already", '', ' =not at the start']) expect(safeCell(plain)).toBe(plain);
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(null)).toBeNull();
    const at = new Date(0);
    expect(safeCell(at)).toBe(at);
  });

  it('does so for every cell of a row, as an array or by column key', () => {
    expect(safeRow(['=1+1', 2, null])).toEqual(["'=1+1", 2, null]);
    expect(safeRow({ name: '@x', vip: 5 })).toEqual({ name: "'@x", vip: 5 });
  });
});
