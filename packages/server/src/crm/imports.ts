import { randomUUID } from 'node:crypto';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { ImportMode, ImportProgress } from '@banzu/contract';
import { cellText, CsvReader, CustomerRowChecker, type CellValue, type ColumnMapping, type CustomerRow, type ImportError } from '@banzu/core';
import { BadRequestError } from '../http/errors';
import { importProblem, words, type UserLanguage } from '../http/messages';
import type { Queryable, Store } from '../store/index';
import { writeAudit } from './audit';
import { nameInitials } from './pinyin';
import { safeRow } from '../spreadsheet/index';

export type ImportFormat = 'xlsx' | 'csv';

/** Opens the file afresh: an import reads it twice (check, then write) without holding it parsed. */
export type FileSource = () => Readable;

/** A file that cannot be read as the format it claims: a 400 for the API, exit 2 for the CLI. */
export class UnreadableFileError extends BadRequestError {}

/** xlsx is a zip file; anything else is taken as CSV text. */
export function detectFormat(head: Buffer, fileName = ''): ImportFormat {
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) throw new UnreadableFileError(words('import_file.not_xlsx', { file: fileName }));
  return 'csv';
}

/** Chinese Excel saves CSV as GB18030 (GBK); everything else is UTF-8. Decided from the first 64 KiB. */
async function csvEncoding(source: FileSource): Promise<'utf-8' | 'gb18030'> {
  let head = Buffer.alloc(0);
  for await (const chunk of source()) {
    head = Buffer.concat([head, chunk as Buffer]);
    if (head.length >= 65_536) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, 65_536), { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * A stored entry ExcelJS skips (it knows no such name), bigger than unzipper buffers of an entry
 * nobody reads (16 KiB; 64 KiB on Node 22), so unzipper cannot read past it until ExcelJS takes it.
 */
const barrierEntry = (() => {
  const name = Buffer.from('banzu/end-of-entries');
  const data = Buffer.alloc(1 << 20);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0); // local file header
  header.writeUInt16LE(20, 4); // needs zip 2.0; flags, method (stored) and time stay 0
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
})();
const endOfCentralDirectory = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const zip64Locator = 0x07064b50;
/** The zip's end records lie in its last this many bytes: the end record with the longest comment, zip64's record and locator. */
const zipEndMax = 22 + 0xffff + 20 + 56;

/**
 * The zip with {@link barrierEntry} before its end records. ExcelJS's streaming reader stops when
 * unzipper's stream of entries ends, and unzipper ends it on reaching the end records even while
 * entries it read ahead still wait for ExcelJS. ExcelJS waits on the disk when the sheet comes before
 * the shared strings (as Excel and ExcelJS write them): it parks the sheet in a temp file. On a slow
 * disk the entries after the sheet, xl/workbook.xml among them, were lost. With the barrier last,
 * unzipper reaches the end only after ExcelJS has taken every entry.
 */
async function* withEntryBarrier(zip: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let tail = Buffer.alloc(0);
  let tailOffset = 0;
  for await (const chunk of zip) {
    tail = Buffer.concat([tail, chunk]);
    const ready = tail.length - zipEndMax;
    if (ready > 0) {
      yield tail.subarray(0, ready);
      tail = tail.subarray(ready);
      tailOffset += ready;
    }
  }
  const end = tail.lastIndexOf(endOfCentralDirectory);
  // A zip64 file has its own end record first, where its locator (just before the end record) says.
  const at = end >= 20 && tail.readUInt32LE(end - 20) === zip64Locator ? Number(tail.readBigUInt64LE(end - 12)) - tailOffset : end;
  if (at < 0 || at > end) {
    // Not a zip: ExcelJS says so.
    yield tail;
    return;
  }
  yield tail.subarray(0, at);
  yield barrierEntry;
  yield tail.subarray(at);
}

/**
 * What one import may hold: a workbook that unzips to more (a "zip bomb": 1 MB inflating to 480 MB took
 * 1.8 GB of memory) or a file with more rows is refused before its rows are read.
 */
export const importLimits = { rows: 1_000_000, unzippedBytes: 512 * 1024 * 1024 } as const;

/** A file over {@link importLimits}: a 400 for the API, exit 2 for the CLI, nothing written. */
export class TooLargeFileError extends UnreadableFileError {}

/**
 * The sizes the workbook's central directory declares for its entries, added up, from one pass over
 * the file keeping only its end. An entry too big to say (zip64's 0xFFFFFFFF) counts as too big.
 */
async function unzippedSize(source: FileSource): Promise<number> {
  // The directory of an .xlsx holds a few dozen entries: its last MiB holds the directory and end records.
  const window = zipEndMax + (1 << 20);
  let tail = Buffer.alloc(0);
  for await (const chunk of source()) {
    tail = Buffer.concat([tail, chunk as Buffer]);
    if (tail.length > 2 * window) tail = tail.subarray(tail.length - window);
  }
  const end = tail.lastIndexOf(endOfCentralDirectory);
  if (end < 0 || end + 22 > tail.length) return 0;
  const entries = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  let at = end - directorySize;
  if (at < 0) return Number.POSITIVE_INFINITY;
  let total = 0;
  for (let i = 0; i < entries && at + 46 <= end; i++) {
    if (tail.readUInt32LE(at) !== 0x02014b50) break;
    const size = tail.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + tail.readUInt16LE(at + 28) + tail.readUInt16LE(at + 30) + tail.readUInt16LE(at + 32);
  }
  return total;
}

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** Lets the live floor and other requests run between rows: parsing a big file is otherwise one long task. */
const yieldEvery = 100;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The rows of the file's first sheet, as the sheet's row number and the cells by column (0-based). */
async function* readRows(source: FileSource, format: ImportFormat, onBytes?: (n: number) => void): AsyncGenerator<{ row: number; cells: CellValue[] }> {
  let rows = 0;
  for await (const r of parseRows(source, format, onBytes)) {
    if (++rows > importLimits.rows) {
      throw new TooLargeFileError(words('import_file.too_many_rows', { rows: importLimits.rows.toLocaleString('zh-CN') }));
    }
    if (rows % yieldEvery === 0) await nextTurn();
    yield r;
  }
}

async function* parseRows(source: FileSource, format: ImportFormat, onBytes?: (n: number) => void): AsyncGenerator<{ row: number; cells: CellValue[] }> {
  if (format === 'xlsx') {
    const size = await unzippedSize(source);
    if (size > importLimits.unzippedBytes) {
      const max = megabytes(importLimits.unzippedBytes);
      throw new TooLargeFileError(Number.isFinite(size) ? words('import_file.unzipped_too_big', { size: megabytes(size), max }) : words('import_file.unzipped_unknown', { max }));
    }
  }
  const encoding = format === 'csv' ? await csvEncoding(source) : 'utf-8';
  const raw = source();
  // Counted on the way through, for progress; piping keeps the reader's back-pressure.
  const stream = onBytes ? raw.pipe(new PassThrough()) : raw;
  if (onBytes) raw.on('data', (chunk: Buffer) => onBytes(chunk.length));
  if (format === 'csv') {
    const decoder = new TextDecoder(encoding);
    const csv = new CsvReader();
    let row = 0;
    for await (const chunk of stream) {
      for (const cells of csv.push(decoder.decode(chunk as Buffer, { stream: true }))) yield { row: ++row, cells };
    }
    for (const cells of [...csv.push(decoder.decode()), ...csv.end()]) yield { row: ++row, cells };
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(withEntryBarrier(stream)), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  try {
    for await (const sheet of workbook) {
      for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
        // ExcelJS numbers columns from 1 and leaves index 0 empty.
        yield { row: r.number, cells: (r.values as CellValue[]).slice(1) };
      }
      // Only the first sheet is read; the rest of the file is skipped.
      break;
    }
  } catch (err) {
    if (err instanceof BadRequestError) throw err;
    throw new UnreadableFileError(words('import_file.unreadable_xlsx', { detail: (err as Error).message }));
  }
}

/** Rows after the header row (the first row with any text), as cells by header. */
async function* readRecords(source: FileSource, format: ImportFormat, onBytes?: (n: number) => void) {
  let headers: string[] | null = null;
  for await (const { row, cells } of readRows(source, format, onBytes)) {
    const texts = Array.from({ length: cells.length }, (_, i) => cellText(cells[i]));
    if (headers === null) {
      if (texts.some((t) => t !== '')) headers = texts;
      continue;
    }
    if (texts.every((t) => t === '')) continue;
    const byHeader: Record<string, CellValue> = {};
    headers.forEach((h, i) => {
      if (h !== '') byHeader[h] = cells[i];
    });
    yield { row, headers, cells: byHeader };
  }
}

export interface ImportPreview {
  format: ImportFormat;
  headers: string[];
  /** The first rows as text, by header. */
  sample: Record<string, string>[];
}

/**
 * The file's headers and first rows, for the mapping step.
 *
 * @example
 * const { headers } = await previewImport(() => createReadStream(file), 'xlsx');
 */
export async function previewImport(source: FileSource, format: ImportFormat, sampleRows = 5): Promise<ImportPreview> {
  let headers: string[] | null = null;
  const sample: Record<string, string>[] = [];
  for await (const r of readRecords(source, format)) {
    headers = r.headers;
    sample.push(Object.fromEntries(Object.entries(r.cells).map(([h, v]) => [h, cellText(v)])));
    if (sample.length >= sampleRows) break;
  }
  if (headers === null) {
    // A file with a header row only still has headers to map.
    for await (const { cells } of readRows(source, format)) {
      const texts = cells.map((c) => cellText(c));
      if (texts.some((t) => t !== '')) {
        headers = texts;
        break;
      }
    }
  }
  if (headers === null) throw new UnreadableFileError(words('import_file.no_header'));
  const named = headers.filter((h) => h !== '');
  const twice = named.find((h, i) => named.indexOf(h) !== i);
  if (twice !== undefined) throw new UnreadableFileError(words('import_file.header_twice', { header: twice }));
  return { format, headers: named, sample };
}

export interface ImportResult {
  imported: number;
  updated: number;
  rejected: number;
  errors: ImportError[];
}

export interface ImportOptions {
  mode: ImportMode;
  mapping: ColumnMapping;
  /** Who imports (null: the command line), for the audit log. */
  userId: string | null;
  fileName: string;
  /** Called now and then while the import runs. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Called in each batch's transaction with what is written so far, so a record of the import kept
   * in the same store (the job) never says less than what a crash leaves written.
   */
  onBatchWritten?: (tx: Queryable, written: { imported: number; updated: number; rows: number }) => Promise<void>;
  /** Called in the transaction that writes the import's audit entry, so the job ends with it. */
  onFinished?: (tx: Queryable, result: FinishedImport) => Promise<void>;
  /**
   * The import job this import runs as: an all-or-nothing import a crash stopped while writing is
   * finished at start-up, and its job with it.
   */
  jobId?: string;
  batchSize?: number;
}

/** The import context: the center's classes and who may own customers (by username or 工号). */
export async function importContext(db: Queryable) {
  const classes = await db.query<{ code: string; nameZh: string; nameEn: string }>('SELECT code, name_zh AS "nameZh", name_en AS "nameEn" FROM customer_classes');
  const owners = new Map<string, string>();
  for (const u of await db.query<{ id: string; username: string | null; employee_no: string | null }>(
    'SELECT u.id, u.username, a.employee_no FROM users u LEFT JOIN agents a ON a.user_id = u.id WHERE NOT u.disabled',
  )) {
    if (u.username) owners.set(u.username.toLowerCase(), u.id);
    if (u.employee_no) owners.set(u.employee_no.toLowerCase(), u.id);
  }
  return { classes, owners };
}

/** Rows checked against the database: a number that belongs to a customer this row does not update. */
async function checkAgainstStore(db: Queryable, rows: CustomerRow[], columns: ColumnMapping): Promise<ImportError[]> {
  const ids = rows.map((r) => r.externalId).filter((x): x is string => x !== null);
  const existing = new Map(
    (await db.query<{ external_id: string; id: string }>('SELECT external_id, id FROM customers WHERE external_id = ANY($1::text[])', [ids])).map((r) => [r.external_id, r.id]),
  );
  const numbers = rows.flatMap((r) => r.phones.map((p) => p.e164));
  const owners = new Map<string, { id: string; name: string; external_id: string | null }>();
  for (const r of await db.query<{ n: string; id: string; name: string; external_id: string | null }>(
    `SELECT p.number_e164 AS n, c.id, c.name, c.external_id FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.number_e164 = ANY($1::text[])`,
    [numbers],
  )) {
    owners.set(r.n, r);
  }
  const errors: ImportError[] = [];
  for (const r of rows) {
    const self = r.externalId ? existing.get(r.externalId) : undefined;
    r.phones.forEach((p, i) => {
      const owner = owners.get(p.e164);
      if (owner && owner.id !== self) {
        const column = (i === 0 ? columns.phone : columns.phone2) ?? 'phone';
        const who = owner.external_id ? `${owner.name} (external id ${owner.external_id})` : owner.name;
        errors.push({ row: r.row, column, code: 'phone_taken', message: `${p.e164} already belongs to customer ${who}`, params: { value: p.e164, who } });
      }
    });
  }
  return errors;
}

/**
 * Writes a batch of valid rows: rows whose external id is known update that customer (empty cells
 * and unmapped columns keep what is stored), the others are new customers.
 */
async function writeBatch(db: Queryable, rows: CustomerRow[]): Promise<{ imported: number; updated: number }> {
  const ids = rows.map((r) => r.externalId).filter((x): x is string => x !== null);
  const existing = new Map(
    (await db.query<{ external_id: string; id: string }>('SELECT external_id, id FROM customers WHERE external_id = ANY($1::text[])', [ids])).map((r) => [r.external_id, r.id]),
  );
  const items = rows.map((r) => {
    const known = r.externalId === null ? undefined : existing.get(r.externalId);
    return {
      known: known !== undefined,
      id: known ?? randomUUID(),
      external_id: r.externalId,
      name: r.name,
      initials: nameInitials(r.name),
      class_code: r.classCode,
      vip_level: r.vipLevel,
      tags: r.tags,
      owner: r.ownerUserId,
      notes: r.notes,
      since: r.since,
      phones: r.phones,
    };
  });
  const updates = items.filter((i) => i.known);
  const inserts = items.filter((i) => !i.known);
  const recordset = `jsonb_to_recordset($1::jsonb) AS r(id uuid, external_id text, name text, initials text, class_code text, vip_level int,
    tags jsonb, owner text, notes text, since date)`;
  if (updates.length > 0) {
    await db.query(
      `UPDATE customers c SET name = r.name, name_initials = r.initials, class_code = coalesce(r.class_code, c.class_code),
         vip_level = coalesce(r.vip_level, c.vip_level),
         tags = CASE WHEN jsonb_array_length(r.tags) > 0 THEN ARRAY(SELECT jsonb_array_elements_text(r.tags)) ELSE c.tags END,
         owner_user_id = coalesce(r.owner, c.owner_user_id), notes = CASE WHEN r.notes <> '' THEN r.notes ELSE c.notes END,
         updated_at = now()
       FROM ${recordset} WHERE c.id = r.id`,
      [JSON.stringify(updates)],
    );
    // Numbers in the file replace the stored ones; a row without numbers keeps them.
    const replaced = updates.filter((u) => u.phones.length > 0).map((u) => u.id);
    if (replaced.length > 0) await db.query('DELETE FROM customer_phones WHERE customer_id = ANY($1::uuid[])', [replaced]);
  }
  if (inserts.length > 0) {
    await db.query(
      `INSERT INTO customers (id, external_id, name, name_initials, class_code, vip_level, tags, owner_user_id, notes, created_at, updated_at)
       SELECT id, external_id, name, initials, coalesce(class_code, 'ordinary'), vip_level, ARRAY(SELECT jsonb_array_elements_text(tags)), owner, notes,
              coalesce(since::timestamptz, now()), now()
       FROM ${recordset}`,
      [JSON.stringify(inserts)],
    );
  }
  await insertPhones(db, items);
  return { imported: inserts.length, updated: updates.length };
}

async function insertPhones(db: Queryable, customers: { id: string; phones: { e164: string; kind: string }[] }[]) {
  const rows = customers.flatMap((c) => c.phones.map((p, i) => ({ id: c.id, n: p.e164, kind: p.kind, pos: i })));
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO customer_phones (customer_id, number_e164, kind, position)
     SELECT id, n, kind, pos FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, n text, kind text, pos int) ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** Puts a batch of valid rows of an all-or-nothing import aside, in `customer_import_rows`. */
async function stageBatch(db: Queryable, importId: string, rows: CustomerRow[]): Promise<void> {
  const items = rows.map((r) => ({
    row: r.row,
    external_id: r.externalId,
    name: r.name,
    initials: nameInitials(r.name),
    class_code: r.classCode,
    vip_level: r.vipLevel,
    tags: r.tags,
    owner: r.ownerUserId,
    notes: r.notes,
    since: r.since,
    phones: r.phones,
  }));
  await db.query(
    `INSERT INTO customer_import_rows (import_id, row, external_id, name, initials, class_code, vip_level, tags, owner, notes, since, phones)
     SELECT $2, row, external_id, name, initials, class_code, vip_level, ARRAY(SELECT jsonb_array_elements_text(tags)), owner, notes, since, phones
     FROM jsonb_to_recordset($1::jsonb) AS r(row int, external_id text, name text, initials text, class_code text, vip_level int, tags jsonb,
       owner text, notes text, since date, phones jsonb)`,
    [JSON.stringify(items), importId],
  );
}

/**
 * Writes the staged rows `from`..`to` (sheet rows) to customers, as `writeBatch` does, in a few
 * statements that read them where they are: rows whose external id is known now update that customer.
 */
async function applyStaged(db: Queryable, importId: string, from: number, to: number): Promise<{ imported: number; updated: number }> {
  const staged = 's.import_id = $1 AND s.row BETWEEN $2 AND $3';
  const range = [importId, from, to];
  await db.query(`UPDATE customer_import_rows s SET id = c.id, known = true FROM customers c WHERE ${staged} AND c.external_id = s.external_id`, range);
  const [updated] = await db.query<{ n: number }>(
    `WITH u AS (
       UPDATE customers c SET name = s.name, name_initials = s.initials, class_code = coalesce(s.class_code, c.class_code),
         vip_level = coalesce(s.vip_level, c.vip_level), tags = CASE WHEN cardinality(s.tags) > 0 THEN s.tags ELSE c.tags END,
         owner_user_id = coalesce(s.owner, c.owner_user_id), notes = CASE WHEN s.notes <> '' THEN s.notes ELSE c.notes END, updated_at = now()
       FROM customer_import_rows s WHERE ${staged} AND s.known AND c.id = s.id RETURNING 1)
     SELECT count(*) AS n FROM u`,
    range,
  );
  // Numbers in the file replace the stored ones; a row without numbers keeps them.
  await db.query(`DELETE FROM customer_phones p USING customer_import_rows s WHERE ${staged} AND s.known AND jsonb_array_length(s.phones) > 0 AND p.customer_id = s.id`, range);
  const [imported] = await db.query<{ n: number }>(
    `WITH i AS (
       INSERT INTO customers (id, external_id, name, name_initials, class_code, vip_level, tags, owner_user_id, notes, created_at, updated_at)
       SELECT id, external_id, name, initials, coalesce(class_code, 'ordinary'), vip_level, tags, owner, notes, coalesce(since::timestamptz, now()), now()
       FROM customer_import_rows s WHERE ${staged} AND NOT s.known ORDER BY s.row RETURNING 1)
     SELECT count(*) AS n FROM i`,
    range,
  );
  await db.query(
    `INSERT INTO customer_phones (customer_id, number_e164, kind, position)
     SELECT s.id, p.e164, p.kind, p.pos - 1 FROM customer_import_rows s, ROWS FROM (jsonb_to_recordset(s.phones) AS (e164 text, kind text)) WITH ORDINALITY AS p(e164, kind, pos)
     WHERE ${staged} ON CONFLICT DO NOTHING`,
    range,
  );
  return { imported: imported?.n ?? 0, updated: updated?.n ?? 0 };
}

/** What a finished import wrote, with the rows its file had. */
export type FinishedImport = ImportResult & { rows: number };

export interface DecidedImportHooks {
  onBatchWritten?: ImportOptions['onBatchWritten'];
  onFinished?: ImportOptions['onFinished'];
  /** After each committed batch, with the rows written so far. */
  onWritten?: (rows: number) => void;
  /** Stops between batches (the server closing); the rest is written at the next start. */
  signal?: AbortSignal;
  /** Rows a batch writes. */
  batchSize?: number;
}

/**
 * Writes the rows of an all-or-nothing import decided to be written (in `customer_import_commits`),
 * in batches of their own transactions, each removing the rows it wrote from those put aside and
 * adding its counts to the decision's; then, in one transaction, the audit entry and the end of the
 * decision. Between batches the store serves desk actions. Run again after a crash, it writes what
 * is left (stopped by `signal`, it returns what is written so far); two runs at once take turns on the decision's row, so no row is written twice.
 *
 * @example
 * const { imported } = await writeDecidedImport(store, importId, { onFinished: finishImportJob(jobId) });
 */
export async function writeDecidedImport(store: Store, importId: string, hooks: DecidedImportHooks = {}): Promise<{ imported: number; updated: number }> {
  // Short batches: a desk action's journal write waits behind at most one (on the embedded store, one connection).
  const chunk = hooks.batchSize ?? (store.kind === 'embedded' ? 250 : 2000);
  let last = { imported: 0, updated: 0 };
  for (;;) {
    const step = await store.transaction(async (tx) => {
      const [decision] = await tx.query<{ job_id: string | null; user_id: string | null; file_name: string; file_rows: number; imported: number; updated: number }>(
        'SELECT job_id, user_id, file_name, file_rows, imported, updated FROM customer_import_commits WHERE import_id = $1 FOR UPDATE',
        [importId],
      );
      // Finished by another run (a node starting while this one wrote): nothing is left to write, and
      // the other run wrote the audit entry with the whole counts.
      if (!decision) return { done: true, ...last };
      const [range] = await tx.query<{ first: number | null; last: number | null }>(
        'SELECT min(row) AS first, max(row) AS last FROM (SELECT row FROM customer_import_rows WHERE import_id = $1 ORDER BY row LIMIT $2) s',
        [importId, chunk],
      );
      let { imported, updated } = decision;
      if (range?.first == null || range.last == null) {
        const result: FinishedImport = { imported, updated, rejected: 0, errors: [], rows: decision.file_rows };
        await writeAudit(tx, {
          userId: decision.user_id,
          action: 'import',
          subject: 'customers',
          rowCount: imported + updated,
          detail: { fileName: decision.file_name, mode: 'all-or-nothing', rows: decision.file_rows, imported, updated, rejected: 0 },
        });
        await hooks.onFinished?.(tx, result);
        await tx.query('DELETE FROM customer_import_commits WHERE import_id = $1', [importId]);
        return { done: true, imported, updated };
      }
      const n = await applyStaged(tx, importId, range.first, range.last);
      imported += n.imported;
      updated += n.updated;
      await tx.query('DELETE FROM customer_import_rows WHERE import_id = $1 AND row BETWEEN $2 AND $3', [importId, range.first, range.last]);
      await tx.query('UPDATE customer_import_commits SET imported = $2, updated = $3 WHERE import_id = $1', [importId, imported, updated]);
      await hooks.onBatchWritten?.(tx, { imported, updated, rows: imported + updated });
      return { done: false, imported, updated };
    });
    last = { imported: step.imported, updated: step.updated };
    if (step.done || hooks.signal?.aborted) return last;
    hooks.onWritten?.(step.imported + step.updated);
    await nextTurn();
  }
}

/**
 * Imports customers from a workbook or CSV file, streaming it twice: first every row is checked
 * (alone, against the rows before it, and against the stored customers), then the valid rows are
 * written in batches. In "all-or-nothing" mode any error writes nothing; with none, the rows are put
 * aside, the decision to write them all is recorded, and they are written in short batches (a crash
 * in between is finished by {@link writeDecidedImport} at start-up). In "valid-only" mode the valid
 * rows are written. Re-importing rows with an external id updates those customers. The import is
 * recorded in the audit log.
 *
 * @example
 * const result = await importCustomers(store, () => createReadStream(file), 'xlsx', { mode: 'valid-only', mapping, userId: null, fileName: file });
 */
export async function importCustomers(store: Store, source: FileSource, format: ImportFormat, options: ImportOptions): Promise<ImportResult> {
  // The embedded store is one connection: smaller batches keep short what a desk action's write waits behind.
  const batchSize = options.batchSize ?? (store.kind === 'embedded' ? 100 : 1000);
  // Checking reads two indexes per row: a thousand rows are one short statement.
  const checkBatch = Math.max(batchSize, 1000);
  const context = await importContext(store);
  const { mapping } = options;
  let total = 0;
  let fileBytes = 0;
  for await (const chunk of source()) fileBytes += (chunk as Buffer).length;
  let readBytes = 0;
  const progress = (phase: ImportProgress['phase'], fraction: number, rows: number) => options.onProgress?.({ phase, fraction: Math.min(1, fraction), rows });

  // Pass 1: check.
  const errors: ImportError[] = [];
  const rejected = new Set<number>();
  let checker = new CustomerRowChecker(mapping, context);
  let pending: CustomerRow[] = [];
  const flushChecks = async () => {
    for (const e of await checkAgainstStore(store, pending, mapping)) {
      errors.push(e);
      rejected.add(e.row);
    }
    pending = [];
  };
  for await (const r of readRecords(source, format, (n) => (readBytes += n))) {
    total++;
    const { customer, errors: rowErrors } = checker.row(r.row, r.cells);
    if (customer) pending.push(customer);
    else {
      errors.push(...rowErrors);
      rejected.add(r.row);
    }
    if (pending.length >= checkBatch) {
      await flushChecks();
      await nextTurn();
      progress('checking', (0.5 * readBytes) / Math.max(1, fileBytes), total);
    }
  }
  await flushChecks();
  errors.sort((a, b) => a.row - b.row);

  let imported = 0;
  let updated = 0;
  const valid = Math.max(1, total - rejected.size);
  /** Pass 2: the checker runs again so each row comes out exactly as it was checked; `flush` takes each batch. */
  const eachBatch = async (flush: (batch: CustomerRow[]) => Promise<void>) => {
    checker = new CustomerRowChecker(mapping, context);
    let batch: CustomerRow[] = [];
    for await (const r of readRecords(source, format)) {
      const { customer } = checker.row(r.row, r.cells);
      if (!customer || rejected.has(r.row)) continue;
      batch.push(customer);
      if (batch.length >= batchSize) {
        await flush(batch);
        batch = [];
        await nextTurn();
      }
    }
    if (batch.length > 0) await flush(batch);
  };
  if (options.mode === 'valid-only') {
    // One transaction per batch, so a long import does not hold the store.
    let done = 0;
    await eachBatch((batch) =>
      store.transaction(async (tx) => {
        const n = await writeBatch(tx, batch);
        imported += n.imported;
        updated += n.updated;
        done += batch.length;
        await options.onBatchWritten?.(tx, { imported, updated, rows: done });
        progress('writing', 0.5 + (0.5 * done) / valid, done);
      }),
    );
  } else if (errors.length === 0) {
    // All or nothing: the rows are put aside batch by batch while the file is read (reading it inside
    // one transaction held the store, and with it every desk action and the live floor, for the whole
    // import). Once all are aside the decision to write them is recorded, and they are written in
    // short batches the store serves other work between; a crash in between is finished at start-up.
    const importId = randomUUID();
    await store.query(
      `DELETE FROM customer_import_rows s WHERE staged_at < now() - interval '1 day'
       AND NOT EXISTS (SELECT 1 FROM customer_import_commits c WHERE c.import_id = s.import_id)`,
    );
    let decided = false;
    try {
      let staged = 0;
      await eachBatch(async (batch) => {
        await stageBatch(store, importId, batch);
        staged += batch.length;
        progress('writing', 0.5 + (0.4 * staged) / valid, staged);
      });
      await store.query('INSERT INTO customer_import_commits (import_id, job_id, user_id, file_name, file_rows) VALUES ($1, $2, $3, $4, $5)', [
        importId,
        options.jobId ?? null,
        options.userId,
        options.fileName,
        total,
      ]);
      decided = true;
    } finally {
      if (!decided) await store.query('DELETE FROM customer_import_rows WHERE import_id = $1', [importId]);
    }
    const written = await writeDecidedImport(store, importId, {
      onBatchWritten: options.onBatchWritten,
      onFinished: options.onFinished,
      onWritten: (done) => progress('writing', 0.9 + (0.1 * done) / valid, done),
      batchSize: options.batchSize,
    });
    progress('done', 1, total);
    return { imported: written.imported, updated: written.updated, rejected: 0, errors };
  }
  const result = { imported, updated, rejected: rejected.size, errors };
  await store.transaction(async (tx) => {
    await writeAudit(tx, {
      userId: options.userId,
      action: 'import',
      subject: 'customers',
      rowCount: imported + updated,
      detail: { fileName: options.fileName, mode: options.mode, rows: total, imported, updated, rejected: rejected.size },
    });
    await options.onFinished?.(tx, { ...result, rows: total });
  });
  progress('done', 1, total);
  return result;
}

/**
 * The error report: one line per problem naming row, column and problem in the user's language,
 * as a workbook written to `output` as it is made. Half a million errors stay a stream of rows,
 * never one workbook in memory, and the event loop turns between rows so the API keeps answering.
 *
 * @example
 * await writeErrorReport(result.errors, createWriteStream('errors.xlsx'), 'zh');
 */
export async function writeErrorReport(errors: readonly ImportError[], output: Writable, language: UserLanguage = 'zh'): Promise<void> {
  const say = (zh: string, en: string) => (language === 'en' ? en : zh);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Banzu';
  const sheet = workbook.addWorksheet(say('错误', 'Errors'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: say('行', 'Row'), key: 'row', width: 10 },
    { header: say('列', 'Column'), key: 'column', width: 18 },
    { header: say('代码', 'Code'), key: 'code', width: 22 },
    { header: say('问题', 'Problem'), key: 'message', width: 70 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const [i, e] of errors.entries()) {
    sheet.addRow(safeRow({ row: e.row, column: e.column, code: e.code, message: importProblem(e, language) })).commit();
    if (i % yieldEvery === yieldEvery - 1) await nextTurn();
  }
  sheet.commit();
  await workbook.commit();
}

/** A whole file in memory as a source (an upload). */
export const bufferSource =
  (file: Buffer): FileSource =>
  () =>
    Readable.from([file]);
