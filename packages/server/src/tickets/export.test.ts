import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { EXPORT_MAX_TICKETS } from './export';

describe.each(backends)('ticket export ($name)', (backend) => {
  let h: TestApp;
  let manager: string;

  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
  });
  afterAll(() => h.close());

  /** `n` open tickets of a type accepted by the manager, written straight into the store (a year's worth at once). */
  const insert = (n: number, type: string) =>
    h.t.store.query(
      `INSERT INTO tickets (type, title, priority, status, owner_id, clock_started_at, remind_at, due_at, manager_at, created_at, updated_at)
       SELECT $2, '批量工单 ' || i, 'normal', 'open', (SELECT id FROM users WHERE username = 'manager'), now, now + interval '38 hours',
         now + interval '48 hours', now + interval '72 hours', now, now
       FROM generate_series(1, $1::int) AS i, (SELECT $3::timestamptz AS now) AS clock`,
      [n, type, new Date(h.clock.now())],
    );
  const rowsOf = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  };

  it('exports every listed ticket, past the list’s page of 500, and refuses a list too long to export with how to narrow it', async () => {
    await insert(520, 'repair');
    const all = await h.call(manager, 'GET', '/api/v1/tickets/export.xlsx');
    expect(all.statusCode).toBe(200);
    const sheet = await rowsOf(all.rawPayload);
    // The title line, the header, and a row per ticket.
    expect(sheet.getRow(1).getCell(1).text).toBe('工单 · 520');
    expect(sheet.actualRowCount).toBe(2 + 520);
    expect(new Set(sheet.getColumn(3).values.slice(3)).size).toBe(520);

    await insert(EXPORT_MAX_TICKETS + 1 - 520, 'repair');
    await insert(2, 'complaint');
    const tooMany = await h.call(manager, 'GET', '/api/v1/tickets/export.xlsx');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toMatchObject({
      code: 'invalid_request',
      message: `符合条件的工单有 ${EXPORT_MAX_TICKETS + 3} 张，超过一次导出的上限 ${EXPORT_MAX_TICKETS} 张：请按类型、状态、列表或关键字缩小范围后分批导出`,
      details: { total: EXPORT_MAX_TICKETS + 3, max: EXPORT_MAX_TICKETS },
    });
    // Narrowed, it goes.
    const complaints = await h.call(manager, 'GET', '/api/v1/tickets/export.xlsx?type=complaint');
    expect(complaints.statusCode).toBe(200);
    expect((await rowsOf(complaints.rawPayload)).actualRowCount).toBe(2 + 2);
    const audited = await h.t.store.query<{ row_count: number }>("SELECT row_count FROM audit_log WHERE action = 'export' AND subject = 'tickets' ORDER BY id");
    expect(audited.map((a) => a.row_count)).toEqual([520, 2]);
  });
});
