import ExcelJS from 'exceljs';

/** Chinese characters: an English export has none in its sheet names, titles and headers. */
export const han = /[\u3400-\u9fff]/;
/** A moment written in UTC (2026-12-05T13:37:06.407Z): an export writes the center's clock instead. */
export const utcMoment = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A workbook an export sent, read back as a user's Excel shows it: each sheet's name and its rows
 * as the cells' text.
 *
 * @example
 * const book = await readBack((await h.call(token, 'GET', '/api/v1/handovers/export.xlsx?lang=en')).rawPayload);
 * book.sheets[0]!.rows.find((r) => r.includes('Date'));
 */
export async function readBack(payload: Buffer): Promise<{ sheets: { name: string; rows: string[][] }[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return {
    sheets: workbook.worksheets.map((sheet) => {
      const rows: string[][] = [];
      sheet.eachRow((row) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text));
        rows.push(cells);
      });
      return { name: sheet.name, rows };
    }),
  };
}

/** The row that holds `label` (a header), or the empty row. */
export function rowWith(sheet: { rows: string[][] }, label: string): string[] {
  return sheet.rows.find((r) => r.includes(label)) ?? [];
}
