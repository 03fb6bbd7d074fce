import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile, Report, ReportCall } from '@banzu/contract';
import {
  centerDate,
  centerTime,
  choose,
  type Desk,
  download,
  launchChromium,
  logIn,
  type RunningBanzu,
  screenshot,
  screenshotsOnFailure,
  sleep,
  startBanzu,
  takeOver,
} from './index';

/** Bounds against a hang on a busy machine, not speed requirements. */
const SEE_TIMEOUT_MS = 90_000;
/** A bound for the busiest demo center's teams to have answered calls ended, not a wait: that takes a minute or two. */
const FIRST_CALLS_TIMEOUT_MS = 600_000;
/** The calls the chosen team's row has before its people take over: more than one, so the list is a list. */
const MIN_CALLS = 3;
/** The outcomes a drill-down may list, as a Chinese reader sees them. */
const OUTCOMES = ['已接听', '放弃', '溢出', '下班转移', '下班提示', '回拨'];
const han = /[\u3400-\u9fff]/;
const utcMoment = /\d{4}-\d\d-\d\dT\d\d:\d\d/;
const centerMoment = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

/** The cells of a workbook's first sheet, row by row, as ExcelJS reads them back (numbers stay numbers). */
async function readSheet(file: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return (book.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
}

/** A row's calls: what 总呼叫数 counts (after-hours calls included). */
const counted = (row: Report['rows'][number] | undefined) => (row?.tally ? row.tally.offered + row.tally.afterHours : 0);

describe("in a real browser: a report row's drill-down lists exactly its calls, and the exports read back in Chinese on the center's clock (issue 20)", () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let manager: Desk;
  let page: Page;
  let timeZone: string;
  let today: string;
  /** The team whose desks people take over, so that the team's row stands still; its agents as the sheets name them; the row's calls. */
  let team: { id: string; name: string };
  let agentLabels: Set<string>;
  let calls = 0;
  /** The drill-down's calls as the page listed them (来电时间 MM-DD HH:mm:ss). */
  const listed: string[] = [];

  const teamRows = async () => (await banzu.json<Report>(manager.token, 'GET', `/api/v1/reports/metrics?from=${today}&to=${today}&by=team`)).rows;

  beforeAll(async () => {
    // At the most load the demo allows, every inbound agent is staffed at any hour and callers wait
    // for them: answered calls are certain, whichever agents the simulation puts on the phones.
    banzu = await startBanzu({ BANZU_SIM_LOAD: '20' }, 600_000);
    browser = await launchChromium();
    manager = await banzu.desk('manager');
    timeZone = (await banzu.json<{ timeZone: string }>(manager.token, 'GET', '/api/v1/center')).timeZone;
    today = centerDate(Date.now(), timeZone);
    const teams = await banzu.json<{ id: string; name: string }[]>(manager.token, 'GET', '/api/v1/teams');

    // The team with the most calls ended once one has a few; people take its desks over (the calls
    // in hand are put down), and its row stands still once the reports have followed the log.
    const deadline = Date.now() + FIRST_CALLS_TIMEOUT_MS;
    for (;;) {
      const busiest = (await teamRows()).filter((r) => r.key !== '').sort((a, b) => counted(b) - counted(a))[0];
      if (busiest && counted(busiest) >= MIN_CALLS) {
        team = teams.find((t) => t.id === busiest.key)!;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no team had ${MIN_CALLS} answered calls ended in time`);
      await sleep(2_000);
    }
    const agents = await banzu.json<Profile[]>(manager.token, 'GET', `/api/v1/users?role=agent&teamId=${team.id}`);
    await Promise.all(agents.map(async (a) => takeOver(banzu, await banzu.desk(a.employeeNo!))));
    agentLabels = new Set(agents.map((a) => `${a.employeeNo} ${a.displayName}`));
    for (let before = -1, step = 0; calls !== before; step++) {
      if (step === 60) throw new Error(`the row of ${team.name} did not stand still`);
      before = calls;
      await sleep(2_000);
      calls = counted((await teamRows()).find((r) => r.key === team.id));
    }
    expect(calls).toBeGreaterThanOrEqual(MIN_CALLS);
    page = await logIn(browser, banzu, 'manager', { timeZone, timeout: SEE_TIMEOUT_MS });
  }, 1_500_000);

  screenshotsOnFailure('reports', () => browser);

  afterAll(async () => {
    await browser?.close();
    await banzu?.stop();
  });

  /** The open tab of 报表 (指标报表 when the page opens). */
  const panel = (): Locator => page.getByRole('tabpanel');
  /** The report table's rows. */
  const rows = (): Locator => panel().locator('.ant-table-tbody tr.ant-table-row');

  it("a team's row of 报表 counts N calls, and its drill-down lists exactly those N", async () => {
    await page.goto(`${banzu.url}/reports`);
    const dimension = panel().locator('.ant-select').first();
    await choose(page, dimension, '班组');
    const row = rows().filter({ hasText: team.name });
    await row.waitFor();
    const headers = await panel().locator('.ant-table-thead th').allTextContents();
    expect(await row.locator('td').nth(headers.indexOf('总呼叫数')).textContent()).toBe(String(calls));

    await row.click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('.ant-modal-title', { hasText: `明细：${team.name}（${calls} 通）` }).waitFor();
    // The list pages by ten: every page's calls, none twice.
    const listRows = modal.locator('.ant-table-tbody tr.ant-table-row');
    await listRows.first().waitFor();
    const pages = Math.max(await modal.locator('.ant-pagination-item').count(), 1);
    for (let p = 1; p <= pages; p++) {
      if (p > 1) await modal.locator(`.ant-pagination-item-${p}`).click();
      await modal.locator(`.ant-pagination-item-active.ant-pagination-item-${p}`).waitFor();
      listed.push(...(await listRows.locator('td:first-child').allTextContents()));
    }
    expect(listed).toHaveLength(calls);
    // Each listed call arrived today on the center's clock, with an outcome by name and durations as the page writes them.
    for (const arrived of listed) expect(arrived).toMatch(new RegExp(`^${today.slice(5)} \\d\\d:\\d\\d:\\d\\d$`));
    const outcomes = await modal.locator('.ant-table-tbody .ant-tag').allTextContents();
    expect(outcomes.every((o) => OUTCOMES.includes(o))).toBe(true);
    const talk = await listRows.locator('td:nth-child(5)').allTextContents();
    expect(talk.every((d) => /^(\d+秒|\d+分\d\d秒|\d+小时\d\d分)$/.test(d))).toBe(true);
    await screenshot(page, 'drill-down', false);
  }, 300_000);

  it("the drill-down's Excel holds the same calls, each by one of the team's agents, with Chinese headers and outcomes, the center's clock and seconds named in the header", async () => {
    const modal = page.locator('.ant-modal:visible');
    const file = await download(page, () => modal.getByText('导出 Excel').click(), `e2e-drill-down-${today}.xlsx`);
    const sheet = await readSheet(file);
    expect(sheet[0]).toEqual([`通话明细 · ${today}`]);
    expect(sheet[1]).toEqual([`班组：${team.name}`]);
    const header = sheet[2] as string[];
    expect(header).toEqual(['来电时间', '主叫号码', '结果', '等待（秒）', '通话（秒）', '队列', '座席', '结束时间']);
    const body = sheet.slice(3);
    expect(body).toHaveLength(calls);
    const column = (name: string) => body.map((r) => r[header.indexOf(name)]);
    // Every call is the row's: answered by one of the team, and one the page listed.
    expect(column('座席').every((a) => agentLabels.has(String(a)))).toBe(true);
    expect((column('来电时间') as string[]).map((t) => t.slice(5)).sort()).toEqual([...listed].sort());
    expect(column('结果').every((o) => OUTCOMES.includes(String(o)))).toBe(true);
    expect(column('队列').every((q) => han.test(String(q)))).toBe(true);
    for (const name of ['等待（秒）', '通话（秒）']) expect(column(name).every((s) => Number.isInteger(s) && (s as number) >= 0)).toBe(true);
    // Moments on the center's clock, not UTC: each is the API's instant as the center's wall clock reads it.
    expect(body.flat().some((c) => utcMoment.test(String(c)))).toBe(false);
    const api = await banzu.json<ReportCall[]>(manager.token, 'GET', `/api/v1/reports/calls?from=${today}&to=${today}&by=team&key=${team.id}&limit=5000`);
    expect(api).toHaveLength(calls);
    for (const [i, call] of api.entries()) {
      const [arrived, ended] = [body[i]![header.indexOf('来电时间')], body[i]![header.indexOf('结束时间')]] as [string, string];
      expect(arrived).toMatch(centerMoment);
      expect(arrived.slice(0, 16)).toBe(centerTime(Date.parse(call.startedAt), timeZone));
      expect(ended.slice(0, 16)).toBe(centerTime(Date.parse(call.endedAt!), timeZone));
      expect(body[i]![header.indexOf('通话（秒）')]).toBe(Math.round(call.record.talkMs / 1000));
    }
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });
  }, 300_000);

  it("the report's Excel, downloaded from the page, has the page's columns in its order with Chinese headers, seconds named, and the team's row counting N", async () => {
    const shown = (await panel().locator('.ant-table-thead th').allTextContents()).filter(Boolean);
    const file = await download(page, () => panel().getByText('导出 Excel').first().click(), `e2e-metrics-${today}.xlsx`);
    const sheet = await readSheet(file);
    const header = sheet.find((r) => r[0] === '班组') as string[];
    expect(header, 'a header row in Chinese').toBeDefined();
    expect(header.filter((h) => /[A-Za-z]/.test(h))).toEqual([]);
    // The page's columns, in the page's order; a figure in seconds names its unit.
    expect(header.slice(0, shown.length).map((h) => h.replace(/（秒）$/, ''))).toEqual(shown);
    expect(header).toContain('平均处理时长（秒）');
    const row = sheet.find((r) => r[0] === team.name)!;
    expect(row[header.indexOf('总呼叫数')]).toBe(calls);
    expect(sheet.flat().some((c) => utcMoment.test(String(c)))).toBe(false);
    await screenshot(page, 'reports-by-team');
  }, 300_000);
});
