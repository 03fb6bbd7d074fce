import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** Seed 002's targets table ends with 原因 and 改善计划: leaders record them per team and month, and the report shows and exports them. */
describe.each(backends)('reasons and improvement plans on the targets report ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let leader: string;
  let ownTeam: string;
  let otherTeam: string;
  const url = '/api/v1/reports/targets?metric=serviceLevel&from=2026-01&to=2026-02&by=team&target=0.8';

  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
    leader = await h.login('leader1');
    ownTeam = (await h.call(leader, 'GET', '/api/v1/auth/me')).json().teamId;
    otherTeam = ((await h.call(manager, 'GET', '/api/v1/teams')).json() as { id: string }[]).find((t) => t.id !== ownTeam)!.id;
  });
  afterAll(() => h.close());

  it('lets a leader record the own team’s reason and plan, shown in the report and in the export', async () => {
    const note = { metricId: 'serviceLevel', teamId: ownTeam, month: '2026-02', reason: '春节后话务量激增', plan: '增加晚班人手，缩短事后处理' };
    expect((await h.call(leader, 'PUT', '/api/v1/targets/notes', note)).statusCode).toBe(200);
    expect((await h.call(leader, 'PUT', '/api/v1/targets/notes', { ...note, plan: '增加晚班人手' })).json().plan).toBe('增加晚班人手');
    const report = await h.call(manager, 'GET', url);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().notes).toEqual([{ ...note, plan: '增加晚班人手' }]);

    const xlsx = await h.call(manager, 'GET', `${url}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const lines: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => lines.push(String(row.getCell(1).value)));
    expect(lines.some((l) => l.startsWith('原因 · ') && l.endsWith('2026-02: 春节后话务量激增'))).toBe(true);
    expect(lines.some((l) => l.endsWith('2026-02: 增加晚班人手') && l.startsWith('改善计划'))).toBe(true);
  });

  it('refuses another team’s note to a leader (403), an unknown team (404), a bad month (400), and agents', async () => {
    const note = { metricId: 'serviceLevel', teamId: otherTeam, month: '2026-02', reason: 'x', plan: 'y' };
    expect((await h.call(leader, 'PUT', '/api/v1/targets/notes', note)).statusCode).toBe(403);
    expect((await h.call(manager, 'PUT', '/api/v1/targets/notes', { ...note, teamId: 'nope' })).statusCode).toBe(404);
    expect((await h.call(manager, 'PUT', '/api/v1/targets/notes', { ...note, month: '2026-13' })).statusCode).toBe(400);
    expect((await h.call(await h.login('8001'), 'PUT', '/api/v1/targets/notes', note)).statusCode).toBe(403);
    expect((await h.call(manager, 'PUT', '/api/v1/targets/notes', note)).statusCode).toBe(200);
  });

  it('says why in the user’s language: Chinese by default, English with ?lang=en', async () => {
    const note = { metricId: 'serviceLevel', teamId: 'nope', month: '2026-02', reason: 'x', plan: 'y' };
    const message = async (token: string, url: string, body: unknown) => (await h.call(token, 'PUT', url, body)).json().error.message;
    expect(await message(manager, '/api/v1/targets/notes', note)).toBe('找不到班组：nope');
    expect(await message(manager, '/api/v1/targets/notes?lang=en', note)).toBe('team nope not found');
    expect(await message(leader, '/api/v1/targets/notes', { ...note, teamId: otherTeam })).toBe('只能为本班组填写原因和改善计划');
    expect(await message(leader, '/api/v1/targets/notes?lang=en', { ...note, teamId: otherTeam })).toBe('you write reasons and plans for your own team only');
  });
});
