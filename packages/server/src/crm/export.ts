import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { exportsFullNumbers, localDate, type Actor } from '@banzu/core';
import { BadRequestError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';
import { writeAudit } from './audit';
import { customerFilter, customerSelect, toCustomer, type CustomerQueryInput } from './customers';
import { inLanguage, safeRow, type ExportLanguage } from '../spreadsheet/index';

/** Larger lists are narrowed first: a file with the whole customer base is what leaks. */
export const EXPORT_MAX_ROWS = 200_000;
const PAGE = 2000;

/**
 * The customers of a search as an Excel workbook, numbers masked unless the role may take them
 * out (manager, admin), written to the audit log with who, what and how many rows. Headers and
 * classes in the user's language, the date on the center's calendar.
 *
 * @example
 * const { xlsx, rows } = await exportCustomers(store, actor, { tag: '团购' }, { language: 'zh', timeZone: 'Asia/Shanghai' });
 */
export async function exportCustomers(
  db: Queryable,
  actor: Actor | null,
  query: Omit<CustomerQueryInput, 'limit' | 'offset'>,
  { language, timeZone }: { language: ExportLanguage; timeZone: string },
) {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const params: unknown[] = [];
  const where = customerFilter(actor, query, params);
  const [count] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM customers c WHERE ${where} LIMIT ${EXPORT_MAX_ROWS + 1}) x`, params);
  if ((count?.n ?? 0) > EXPORT_MAX_ROWS) {
    throw new BadRequestError(words('crm.export_too_many', { max: EXPORT_MAX_ROWS }));
  }
  const full = exportsFullNumbers(actor);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(say('客户', 'Customers'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: say('客户编号', 'External id'), key: 'externalId', width: 16 },
    { header: say('姓名', 'Name'), key: 'name', width: 14 },
    { header: say('电话', 'Phone'), key: 'phone', width: 18 },
    { header: say('电话2', 'Phone 2'), key: 'phone2', width: 18 },
    { header: say('类别', 'Class'), key: 'class', width: 12 },
    { header: 'VIP', key: 'vip', width: 6 },
    { header: say('标签', 'Tags'), key: 'tags', width: 24 },
    { header: say('负责人', 'Owner'), key: 'owner', width: 12 },
    { header: say('备注', 'Notes'), key: 'notes', width: 30 },
    { header: say('建档日期', 'Since'), key: 'since', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rows = 0;
  // Keyset paging: the same order as the list, without OFFSET's cost on deep pages.
  // The key as text: a Date would drop the microseconds and skip rows created in the same millisecond.
  const select = customerSelect.replace('SELECT c.id,', 'SELECT c.created_at::text AS created_key, c.id,');
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const pageParams = [...params];
    const keyset: string = after ? ` AND (c.created_at, c.id) < ($${pageParams.push(after.at)}::timestamptz, $${pageParams.push(after.id)}::uuid)` : '';
    type PageRow = Parameters<typeof toCustomer>[0] & { created_key: string };
    const page: PageRow[] = await db.query<PageRow>(`${select} WHERE ${where}${keyset} ORDER BY c.created_at DESC, c.id DESC LIMIT ${PAGE}`, pageParams);
    for (const row of page) {
      const c = toCustomer(row, full);
      sheet
        .addRow(
          safeRow({
            externalId: c.externalId,
            name: c.name,
            phone: c.phones[0]?.number ?? null,
            phone2: c.phones[1]?.number ?? null,
            class: say(c.className.zh, c.className.en),
            vip: c.vipLevel,
            tags: c.tags.join('，'),
            owner: c.ownerName,
            notes: c.notes,
            since: localDate(Date.parse(c.createdAt), timeZone),
          }),
        )
        .commit();
      rows++;
    }
    if (page.length < PAGE) break;
    const last: PageRow = page[page.length - 1]!;
    after = { at: last.created_key, id: last.id };
  }
  sheet.commit();
  await workbook.commit();
  await writeAudit(db, {
    userId: actor?.userId ?? null,
    action: 'export',
    subject: 'customers',
    rowCount: rows,
    detail: { filter: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)), phonesMasked: !full },
  });
  return { xlsx: Buffer.concat(chunks), rows };
}
