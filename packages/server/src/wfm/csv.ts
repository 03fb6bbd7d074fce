import { readFile } from 'node:fs/promises';
import { CsvReader } from '@banzu/core';

/** A file the WFM commands cannot read: names the file, the row and the column. */
export class WfmFileError extends Error {
  override name = 'WfmFileError';
}

/**
 * A CSV file's rows as objects keyed by the lower-cased header, with the file's row numbers (the
 * header is row 1). `required` columns must be in the header; empty lines are skipped.
 *
 * @example
 * const rows = await readCsvFile('history.csv', ['start', 'calls']); // [{ row: 2, cells: { start: '2026-03-02T09:00', calls: '41' } }, …]
 */
export async function readCsvFile(file: string, required: readonly string[]): Promise<{ row: number; cells: Record<string, string> }[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new WfmFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const csv = new CsvReader();
  const records = [...csv.push(text), ...csv.end()];
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new WfmFileError(`${file}: no column ${missing.map((c) => `"${c}"`).join(', ')} (columns: ${header.join(', ') || 'none'})`);
  const rows: { row: number; cells: Record<string, string> }[] = [];
  records.slice(1).forEach((record, i) => {
    if (record.every((cell) => cell.trim() === '')) return;
    rows.push({ row: i + 2, cells: Object.fromEntries(header.map((h, c) => [h, (record[c] ?? '').trim()])) });
  });
  return rows;
}

/** A cell that must be a number of at least 0; names the file, row and column when it is not. */
export function numberCell(file: string, row: number, column: string, text: string): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < 0) throw new WfmFileError(`${file} row ${row}: ${column} must be a number of at least 0, got "${text}"`);
  return value;
}
