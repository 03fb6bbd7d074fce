import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bufferSource, previewImport } from './imports';

describe('reading a workbook', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads the first sheet when the disk is slow: ExcelJS parks the sheet in a temp file until workbook.xml, the last zip entry', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('客户');
    sheet.addRow(['客户编号', '姓名', '建档日期']);
    for (let i = 0; i < 50; i++) sheet.addRow([`K-${i}`, { richText: [{ text: '李' }, { font: { bold: true }, text: `四${i}` }] }, new Date(Date.UTC(2025, 5, 1))]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    // A loaded machine: each write to the temp file takes 20 ms, time for unzipper to read the rest of the zip.
    const createWriteStream = fs.createWriteStream;
    vi.spyOn(fs, 'createWriteStream').mockImplementation((...args: Parameters<typeof fs.createWriteStream>) => {
      const out = createWriteStream(...args);
      const write = out._write.bind(out);
      out._write = (chunk, encoding, done) => setTimeout(() => write(chunk, encoding, done), 20);
      return out;
    });
    for (let i = 0; i < 3; i++) {
      const preview = await previewImport(bufferSource(file), 'xlsx', 2);
      expect(preview.headers).toEqual(['客户编号', '姓名', '建档日期']);
      expect(preview.sample).toEqual([
        { 客户编号: 'K-0', 姓名: '李四0', 建档日期: '2025-06-01' },
        { 客户编号: 'K-1', 姓名: '李四1', 建档日期: '2025-06-01' },
      ]);
    }
    expect(fs.createWriteStream).toHaveBeenCalled();
  });
});
