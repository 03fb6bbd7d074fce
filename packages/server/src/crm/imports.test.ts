import fs from 'node:fs';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backends } from '../store/testing';
import { bufferSource, importCustomers, importLimits, previewImport, TooLargeFileError } from './imports';

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

/**
 * A zip of one entry: `size` bytes of zeros, deflated. 600 MiB come to about 600 KiB, as in an
 * attacker's "zip bomb"; the sizes in its headers are the true ones.
 */
async function zipBomb(size: number): Promise<Buffer> {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const zeros = Buffer.alloc(1 << 20);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => parts.push(chunk));
  let crc = 0;
  for (let written = 0; written < size; written += zeros.length) {
    crc = zlib.crc32(zeros, crc);
    if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  await new Promise((resolve) => deflate.end(resolve));
  const data = Buffer.concat(parts);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const directory = Buffer.concat([central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, directory, end]);
}

describe('files too big to import', () => {
  it('refuses a workbook that unzips to more than the limit, before inflating it, and names both sizes', async () => {
    const bomb = await zipBomb(600 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const heapBefore = process.memoryUsage().heapUsed;
    const refusal = await previewImport(bufferSource(bomb), 'xlsx').catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(TooLargeFileError);
    expect((refusal as Error).message).toBe('工作簿解压后有 600 MB，超过上限 512 MB，请拆成几个文件，或另存为 .csv');
    // Nothing was inflated: memory grew by far less than the 600 MiB the file holds.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a file of more rows than the limit and writes none of them', async () => {
    const csv = Buffer.from(`姓名\n${'张\n'.repeat(importLimits.rows + 1)}`);
    const t = await backends[0]!.open();
    try {
      const refusal = await importCustomers(t.store, bufferSource(csv), 'csv', { mode: 'valid-only', mapping: { name: '姓名' }, userId: null, fileName: 'huge.csv' }).catch(
        (err: unknown) => err,
      );
      expect(refusal).toBeInstanceOf(TooLargeFileError);
      expect((refusal as Error).message).toBe('文件超过 1,000,000 行，请拆成几个文件分别导入');
      expect(await t.store.query('SELECT id FROM customers')).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
