import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../store/testing';
import { openTestApp, type TestApp } from '../http/testing';
import { bufferSource, importCustomers } from './imports';
import { nameInitials } from './pinyin';

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('客户');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const header = ['客户编号', '姓名', '手机', '类别', 'VIP等级', '标签', '建档日期'];
const mapping = { externalId: '客户编号', name: '姓名', phone: '手机', class: '类别', vipLevel: 'VIP等级', tags: '标签', since: '建档日期' };
/** A mobile number of the 199 range, which the test center's customers never use. */
const mobile = (i: number) => `199${String(i).padStart(8, '0')}`;

/** 1,000 malformed rows of eight kinds, each with the one error it must get, after 50 good rows. */
function malformedFile(offset: number) {
  const rows: unknown[][] = [header];
  const expected: { row: number; column: string; code: string }[] = [];
  for (let i = 0; i < 50; i++) rows.push([`OK-${offset + i}`, `导入客户${i}`, mobile(offset + i), '意向客户', '', '导入', '2025-06-01']);
  const kinds: ((i: number) => [unknown[], string, string])[] = [
    (i: number) => [[`B-${offset + i}`, '', mobile(offset + 1000 + i), '', '', '', ''], '姓名', 'missing_name'],
    (i: number) => [[`B-${offset + i}`, '坏号码', `12${i}`, '', '', '', ''], '手机', 'bad_phone'],
    (i: number) => [[`B-${offset + i}`, '重复号码', mobile(offset + (i % 50)), '', '', '', ''], '手机', 'duplicate_phone'],
    (i: number) => [[`OK-${offset + (i % 50)}`, '重复编号', mobile(offset + 3000 + i), '', '', '', ''], '客户编号', 'duplicate_external_id'],
    (i: number) => [[`B-${offset + i}`, '未知类别', mobile(offset + 4000 + i), '金牌客户', '', '', ''], '类别', 'unknown_class'],
    (i: number) => [[`B-${offset + i}`, '坏日期', mobile(offset + 5000 + i), '', '', '', '2025-02-30'], '建档日期', 'bad_date'],
    (i: number) => [[`B-${offset + i}`, '坏等级', mobile(offset + 6000 + i), '', 'ten', '', ''], 'VIP等级', 'bad_vip_level'],
    (i: number) => [[`B-${offset + i}`, '字母', 'call me', '', '', '', ''], '手机', 'bad_phone'],
  ];
  for (let i = 0; i < 1000; i++) {
    const [row, column, code] = kinds[i % kinds.length]!(i);
    rows.push(row);
    expected.push({ row: rows.length, column, code });
  }
  return { rows, expected };
}

describe.each(backends)('customers ($name)', (backend) => {
  let h: TestApp;
  let tokens: Record<string, string>;
  let teams: string[];
  let agentOf: Record<string, string>;
  beforeAll(async () => {
    h = await openTestApp(backend);
    const agents = await h.t.store.query<{ employee_no: string; team_id: string }>(
      `SELECT DISTINCT ON (u.team_id) a.employee_no, u.team_id FROM agents a JOIN users u ON u.id = a.user_id ORDER BY u.team_id, a.employee_no`,
    );
    teams = agents.map((a) => a.team_id);
    agentOf = Object.fromEntries(agents.map((a) => [a.team_id, a.employee_no]));
    tokens = {
      manager: await h.login('manager'),
      qa: await h.login('qa1'),
      agent1: await h.login(agentOf[teams[0]!]!),
      agent2: await h.login(agentOf[teams[1]!]!),
    };
  });
  afterAll(() => h.close());

  const create = (token: string, body: unknown) => h.call(token, 'POST', '/api/v1/customers', body);
  const search = async (token: string, query: string) => (await h.call(token, 'GET', `/api/v1/customers?${query}`)).json();

  it('finds a customer by phone in any form, by name, by pinyin initials, by tag and class', async () => {
    const created = await create(tokens.manager!, {
      name: '张三',
      phones: [{ number: '199-0000-0001' }, { number: '010-6666 0001' }],
      tags: ['搜索测试'],
      classCode: 'high_value',
      externalId: 'S-1',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: '张三',
      vipLevel: 5,
      className: { zh: '优质客户' },
      phones: [
        { number: '199 0000 0001', kind: 'mobile' },
        { number: '010 6666 0001', kind: 'landline' },
      ],
    });
    for (const q of ['19900000001', '+86 199 0000 0001', '1990000', '01066660001', '张三', 'zs', 'ZS']) {
      const found = await search(tokens.manager!, `q=${encodeURIComponent(q)}&limit=200`);
      expect(
        found.customers.map((c: { name: string }) => c.name),
        q,
      ).toContain('张三');
    }
    const initials = await search(tokens.manager!, 'q=zs&limit=200');
    for (const c of initials.customers as { name: string }[]) expect(nameInitials(c.name).startsWith('zs') || c.name.toLowerCase().includes('zs')).toBe(true);
    const byTag = await search(tokens.manager!, `tag=${encodeURIComponent('搜索测试')}&class=high_value`);
    expect(byTag.customers.map((c: { externalId: string }) => c.externalId)).toEqual(['S-1']);
    expect((await search(tokens.manager!, 'q=19900000002')).customers).toEqual([]);
  });

  it('refuses a bad or taken number with the reason, and changes nothing', async () => {
    const bad = await create(tokens.manager!, { name: '坏号', phones: [{ number: '12345' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ message: '电话号码“12345”有误：位数太少', details: { field: 'phones.0.number' } });
    const english = await h.call(tokens.manager!, 'POST', '/api/v1/customers?lang=en', { name: '坏号', phones: [{ number: '12345' }] });
    expect(english.json().error.message).toBe('phone number "12345": too few digits for a phone number');
    const taken = await create(tokens.manager!, { name: '抢号', phones: [{ number: '19900000001' }] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/^号码 \+8619900000001 已属于客户“.+”$/);
    expect((await search(tokens.manager!, `q=${encodeURIComponent('抢号')}`)).total).toBe(0);
  });

  it('shows numbers to agents and masks them for QA; agents see their team’s customers and those of no team', async () => {
    const mine = (await create(tokens.agent1!, { name: '一组客户', phones: [{ number: '19900000011' }] })).json();
    expect(mine.teamId).toBe(teams[0]);
    await create(tokens.manager!, { name: '公共客户', phones: [{ number: '19900000012' }] });
    expect((await search(tokens.agent1!, 'q=19900000011')).customers[0].phones[0].number).toBe('199 0000 0011');
    const qa = (await search(tokens.qa!, 'q=19900000011')).customers[0];
    expect(qa.phones[0].number).toBe('199****0011');
    expect(qa.phonesMasked).toBe(true);
    const profile = await h.call(tokens.qa!, 'GET', `/api/v1/customers/${mine.id}/profile`);
    expect(JSON.stringify(profile.json())).not.toContain('19900000011');
    expect((await search(tokens.agent2!, 'q=19900000011')).customers).toEqual([]);
    expect((await h.call(tokens.agent2!, 'GET', `/api/v1/customers/${mine.id}`)).statusCode).toBe(404);
    expect((await search(tokens.agent2!, 'q=19900000012')).customers).toHaveLength(1);
    expect((await create(tokens.agent1!, { name: '越权', teamId: teams[1] })).statusCode).toBe(403);
    expect((await create(tokens.qa!, { name: 'QA 不建客户' })).statusCode).toBe(403);
  });

  it('lets roles that see masked numbers search by the whole number or its last four digits, never by a prefix', async () => {
    await create(tokens.manager!, { name: '前缀客户', phones: [{ number: '19900004321' }] });
    for (const q of ['1990000', '199000043', '+86199']) {
      const res = await h.call(tokens.qa!, 'GET', `/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message, q).toContain('后四位');
    }
    expect((await search(tokens.qa!, 'q=4321')).customers.map((c: { name: string }) => c.name)).toEqual(['前缀客户']);
    expect((await search(tokens.qa!, 'q=19900004321')).customers.map((c: { name: string }) => c.name)).toEqual(['前缀客户']);
    // Those who see numbers keep the prefix search.
    expect((await search(tokens.agent1!, 'q=199000043')).customers.map((c: { name: string }) => c.name)).toEqual(['前缀客户']);
  });

  it('keeps an agent to contact details: no VIP level, VIP class or team, and only oneself as owner', async () => {
    const [{ username: leaderName }] = (await h.t.store.query<{ username: string }>("SELECT username FROM users WHERE role = 'team_leader' AND team_id = $1", [teams[0]])) as [
      { username: string },
    ];
    const leader1 = await h.login(leaderName);
    const own = (await create(tokens.agent1!, { name: '座席客户', phones: [{ number: '19900005555' }] })).json();
    const otherTeamAgent = (await h.call(tokens.manager!, 'GET', `/api/v1/users?teamId=${teams[1]}&role=agent`)).json()[0].id as string;
    const me = (await h.call(tokens.agent1!, 'GET', '/api/v1/auth/me')).json().id as string;
    for (const patch of [{ vipLevel: 9 }, { classCode: 'high_value' }, { teamId: teams[1] }, { ownerUserId: otherTeamAgent }]) {
      const res = await h.call(tokens.agent1!, 'PATCH', `/api/v1/customers/${own.id}`, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(403);
    }
    expect((await create(tokens.agent1!, { name: '自封贵宾', vipLevel: 9 })).statusCode).toBe(403);
    const after = (await h.call(tokens.manager!, 'GET', `/api/v1/customers/${own.id}`)).json();
    expect([after.vipLevel, after.classCode, after.teamId, after.ownerUserId]).toEqual([own.vipLevel, own.classCode, teams[0], own.ownerUserId]);
    // What is the agent's: the notes, the name, itself as owner; and the whole form sent back unchanged.
    const fine = await h.call(tokens.agent1!, 'PATCH', `/api/v1/customers/${own.id}`, { notes: '周末回电', ownerUserId: me, vipLevel: own.vipLevel, classCode: own.classCode });
    expect(fine.statusCode, fine.body).toBe(200);
    // A team leader gives a customer to someone of the own team only.
    expect((await h.call(leader1, 'PATCH', `/api/v1/customers/${own.id}`, { ownerUserId: otherTeamAgent })).statusCode).toBe(403);
  });

  it('keeps orders, service records with feedback and field visits in the profile; an agent changes only the own visits', async () => {
    const { id } = (await create(tokens.agent1!, { name: '档案客户', phones: [{ number: '19900000021' }] })).json();
    expect(
      (await h.call(tokens.agent1!, 'POST', `/api/v1/customers/${id}/orders`, { orderNo: 'O-1', product: '空调', amountCents: 329900, orderedAt: '2026-01-02T03:00:00Z' }))
        .statusCode,
    ).toBe(201);
    const service = (
      await h.call(tokens.agent1!, 'POST', `/api/v1/customers/${id}/service-records`, { kind: 'repair', subject: '不制冷', openedAt: '2026-01-03T03:00:00Z' })
    ).json();
    const closed = await h.call(tokens.agent1!, 'PATCH', `/api/v1/customers/${id}/service-records/${service.id}`, { status: 'closed', feedback: '师傅很准时', satisfaction: 5 });
    expect(closed.json()).toMatchObject({ status: 'closed', feedback: '师傅很准时', satisfaction: 5 });
    const visit = await h.call(tokens.agent1!, 'POST', `/api/v1/customers/${id}/visits`, {
      visitedAt: '2026-01-04T06:00:00Z',
      remote: true,
      opinion: '价格偏高',
      intention: 'medium',
      expectedDate: '2026-02-01',
      requests: '上门安装',
      nextStep: '一周后回访',
    });
    expect(visit.statusCode).toBe(201);
    const [{ username } = { username: '' }] = await h.t.store.query<{ username: string }>(`SELECT username FROM users WHERE role = 'team_leader' AND team_id = $1`, [teams[0]]);
    const leader = await h.login(username);
    const other = await h.login(String(Number(agentOf[teams[0]!]) + 1));
    expect((await h.call(other, 'PATCH', `/api/v1/customers/${id}/visits/${visit.json().id}`, { nextStep: '改' })).statusCode).toBe(403);
    expect((await h.call(leader, 'PATCH', `/api/v1/customers/${id}/visits/${visit.json().id}`, { nextStep: '两周后回访' })).json().nextStep).toBe('两周后回访');
    const profile = (await h.call(tokens.agent1!, 'GET', `/api/v1/customers/${id}/profile`)).json();
    expect(profile.orders).toMatchObject([{ orderNo: 'O-1', amountCents: 329900 }]);
    expect(profile.serviceRecords).toMatchObject([{ kind: 'repair', feedback: '师傅很准时' }]);
    expect(profile.visits).toMatchObject([{ remote: true, intention: 'medium', expectedDate: '2026-02-01', nextStep: '两周后回访' }]);
    expect(profile.calls).toEqual([]);
  });

  it('exports to Excel masked unless manager, and records every export in the audit log', async () => {
    const leader = await h.login('leader1');
    const tag = encodeURIComponent('搜索测试');
    const asLeader = await h.call(leader, 'GET', `/api/v1/customers/export.xlsx?tag=${tag}`);
    expect(asLeader.statusCode).toBe(200);
    const read = async (body: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(body as unknown as ArrayBuffer);
      return wb.worksheets[0]!.getRow(2).getCell(3).text;
    };
    expect(await read(asLeader.rawPayload)).toBe('199****0001');
    expect(await read((await h.call(tokens.manager!, 'GET', `/api/v1/customers/export.xlsx?tag=${tag}`)).rawPayload)).toBe('199 0000 0001');
    expect((await h.call(tokens.agent1!, 'GET', '/api/v1/customers/export.xlsx')).statusCode).toBe(403);
    const audit = (await h.call(tokens.manager!, 'GET', '/api/v1/audit?action=export')).json();
    expect(audit.slice(0, 2)).toMatchObject([
      { username: 'manager', action: 'export', subject: 'customers', rowCount: 1, detail: { phonesMasked: false } },
      { username: 'leader1', action: 'export', subject: 'customers', rowCount: 1, detail: { phonesMasked: true } },
    ]);
    expect((await h.call(leader, 'GET', '/api/v1/audit')).statusCode).toBe(403);
  });

  it('exports formula text as text: a name or note that starts with = + - @ gets an apostrophe (OWASP), numbers stay numbers', async () => {
    const name = '=HYPERLINK("http://evil.example","点我")';
    const created = await create(tokens.manager!, { name, notes: '@SUM(1+1)', tags: ['公式测试'], vipLevel: 3 });
    expect(created.statusCode).toBe(201);
    const res = await h.call(tokens.manager!, 'GET', `/api/v1/customers/export.xlsx?tag=${encodeURIComponent('公式测试')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRow(2);
    expect(row.getCell(2).value).toBe(`'${name}`);
    expect(row.getCell(9).value).toBe("'@SUM(1+1)");
    expect(row.getCell(6).value).toBe(3);
    expect(wb.worksheets[0]!.getRow(2).getCell(2).formula).toBeUndefined();
    // Headers and the class in the user's language only.
    const header = (book: ExcelJS.Workbook) => (book.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean).map(String);
    expect(header(wb)).toEqual(['客户编号', '姓名', '电话', '电话2', '类别', 'VIP', '标签', '负责人', '备注', '建档日期']);
    const en = new ExcelJS.Workbook();
    await en.xlsx.load((await h.call(tokens.manager!, 'GET', `/api/v1/customers/export.xlsx?tag=${encodeURIComponent('公式测试')}&lang=en`)).rawPayload as unknown as ArrayBuffer);
    expect(header(en)).toEqual(['External id', 'Name', 'Phone', 'Phone 2', 'Class', 'VIP', 'Tags', 'Owner', 'Notes', 'Since']);
    expect(en.worksheets[0]!.getRow(2).getCell(5).text).toMatch(/^[A-Za-z -]*$/);
    expect(en.worksheets[0]!.getRow(2).getCell(10).text).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('imports a file with 1,000 malformed rows: each gets its row, column and code; all-or-nothing writes nothing, valid-only the rest', async () => {
    const { rows, expected } = malformedFile(100_000);
    const file = await workbook(rows);
    const count = async () => (await h.t.store.query<{ n: number }>(`SELECT count(*) AS n FROM customers WHERE external_id LIKE 'OK-%' OR external_id LIKE 'B-%'`))[0]!.n;
    const strict = await importCustomers(h.t.store, bufferSource(file), 'xlsx', { mode: 'all-or-nothing', mapping, userId: null, fileName: 'bad.xlsx', batchSize: 200 });
    expect(strict.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual(expected);
    expect(strict).toMatchObject({ imported: 0, updated: 0, rejected: 1000 });
    expect(await count()).toBe(0);

    const lenient = await importCustomers(h.t.store, bufferSource(file), 'xlsx', { mode: 'valid-only', mapping, userId: null, fileName: 'bad.xlsx', batchSize: 200 });
    expect(lenient).toMatchObject({ imported: 50, updated: 0, rejected: 1000 });
    expect(await count()).toBe(50);
    const [one] = await h.t.store.query<{ name: string; class_code: string; tags: string[]; created: string }>(
      `SELECT name, class_code, tags, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS created FROM customers WHERE external_id = 'OK-100000'`,
    );
    expect(one).toEqual({ name: '导入客户0', class_code: 'prospect', tags: ['导入'], created: '2025-06-01' });

    // The same rows again, renamed: updated by external id, not duplicated.
    const again = await workbook([header, ...rows.slice(1, 51).map((r) => [r[0], `改名${String(r[1])}`, r[2], '优质客户', '', '', ''])]);
    const reimport = await importCustomers(h.t.store, bufferSource(again), 'xlsx', { mode: 'all-or-nothing', mapping, userId: null, fileName: 'again.xlsx' });
    expect(reimport).toEqual({ imported: 0, updated: 50, rejected: 0, errors: [] });
    expect(await count()).toBe(50);
    const [renamed] = await h.t.store.query<{ name: string; class_code: string; tags: string[] }>(`SELECT name, class_code, tags FROM customers WHERE external_id = 'OK-100000'`);
    expect(renamed).toEqual({ name: '改名导入客户0', class_code: 'high_value', tags: ['导入'] });

    // Without an external id, a number already on file is refused rather than duplicated.
    const noIds = await importCustomers(
      h.t.store,
      bufferSource(
        await workbook([
          ['姓名', '手机'],
          ['无编号', mobile(100_000)],
        ]),
      ),
      'xlsx',
      {
        mode: 'valid-only',
        mapping: { name: '姓名', phone: '手机' },
        userId: null,
        fileName: 'x.xlsx',
      },
    );
    expect(noIds.errors).toMatchObject([{ row: 2, column: '手机', code: 'phone_taken' }]);
    const audit = await h.t.store.query<{ row_count: number; detail: { mode: string } }>(`SELECT row_count, detail FROM audit_log WHERE action = 'import' ORDER BY id`);
    expect(audit.map((a) => [a.detail.mode, a.row_count])).toEqual([
      ['all-or-nothing', 0],
      ['valid-only', 50],
      ['all-or-nothing', 50],
      ['valid-only', 0],
    ]);
  });

  it('runs the import over HTTP: upload, mapping, progress, result and the error report', async () => {
    const csv = Buffer.from(`\ufeff编号,姓名,电话\nH-1,李四,19900000031\nH-2,,19900000032\nH-3,王五,abc\n`);
    const upload = await h.app.inject({
      method: 'POST',
      url: '/api/v1/customers/imports?fileName=list.csv',
      headers: { authorization: `Bearer ${tokens.manager}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(upload.statusCode).toBe(201);
    const job = upload.json();
    expect(job).toMatchObject({ format: 'csv', headers: ['编号', '姓名', '电话'], mapping: { externalId: '编号', name: '姓名', phone: '电话' } });
    expect(job.sample[0]).toEqual({ 编号: 'H-1', 姓名: '李四', 电话: '19900000031' });

    const badMapping = await h.call(tokens.manager!, 'POST', `/api/v1/customers/imports/${job.id}/run`, { mode: 'valid-only', mapping: { phone: '电话' } });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().error.message).toBe('列的对应有误：请指定哪一列是客户姓名');
    expect((await h.call(tokens.agent1!, 'POST', `/api/v1/customers/imports/${job.id}/run`, { mode: 'valid-only', mapping: job.mapping })).statusCode).toBe(403);

    expect((await h.call(tokens.manager!, 'POST', `/api/v1/customers/imports/${job.id}/run`, { mode: 'valid-only', mapping: job.mapping })).statusCode).toBe(202);
    let state = (await h.call(tokens.manager!, 'GET', `/api/v1/customers/imports/${job.id}`)).json();
    for (let i = 0; i < 100 && state.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await h.call(tokens.manager!, 'GET', `/api/v1/customers/imports/${job.id}`)).json();
    }
    expect(state).toMatchObject({ status: 'done', imported: 1, rejected: 2, errorCount: 2, progress: { fraction: 1 } });
    const report = await h.call(tokens.manager!, 'GET', `/api/v1/customers/imports/${job.id}/errors.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect([2, 3].map((r) => [sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(2).text, sheet.getRow(r).getCell(3).text])).toEqual([
      [3, '姓名', 'missing_name'],
      [4, '电话', 'bad_phone'],
    ]);
    // The problems read in the user's language: Chinese by default, in the list and in the report.
    expect(state.errors.map((e: { message: string }) => e.message)).toEqual(['客户没有姓名', expect.stringMatching(/^“.*”：/)]);
    expect(sheet.getRow(1).getCell(4).text).toBe('问题');
    expect(sheet.getRow(2).getCell(4).text).toBe('客户没有姓名');
    const english = await h.app.inject({
      method: 'GET',
      url: `/api/v1/customers/imports/${job.id}/errors.xlsx`,
      headers: { authorization: `Bearer ${tokens.manager}`, 'accept-language': 'en-US,en;q=0.9' },
    });
    const englishBook = new ExcelJS.Workbook();
    await englishBook.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    expect([englishBook.worksheets[0]!.getRow(1).getCell(4).text, englishBook.worksheets[0]!.getRow(2).getCell(4).text]).toEqual(['Problem', 'the customer has no name']);

    const garbage = await h.app.inject({
      method: 'POST',
      url: '/api/v1/customers/imports?fileName=list.xlsx',
      headers: { authorization: `Bearer ${tokens.manager}`, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('not a workbook'),
    });
    expect(garbage.statusCode).toBe(400);
  });
});
