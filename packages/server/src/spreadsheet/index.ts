/** What a spreadsheet program reads as the start of a formula (OWASP, CSV and formula injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * A cell's text as data, never a formula: text a spreadsheet would evaluate (`=HYPERLINK(…)`,
 * `+1…`, `-…`, `@…`, or a tab or CR before one) gets a leading apostrophe, as OWASP advises for
 * every export. Numbers, dates and empty cells stay as they are.
 *
 * @example
 * safeCell('=HYPERLINK("http://x","点我")'); // "'=HYPERLINK(\"http://x\",\"点我\")"
 * safeCell('张三'); // '张三'
 */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' && formulaStart.test(value) ? `'${value}` : value;
}

/**
 * Every text cell of a row as data: the one way an export writes rows (`sheet.addRow(safeRow(values))`).
 *
 * @example
 * sheet.addRow(safeRow({ name: '=1+1', vip: 5 })); // { name: "'=1+1", vip: 5 }
 */
export function safeRow<T extends object>(row: T): T {
  if (Array.isArray(row)) return row.map(safeCell) as T;
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, safeCell(value)])) as T;
}

export { centerTime, exportLanguage, inLanguage, type ExportLanguage } from './language';
