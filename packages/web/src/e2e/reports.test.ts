import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@banzu/contract';
import { artifactsDir, launchChromium, startBanzu, type RunningBanzu } from './index';

/** Bounds against a hang on a busy machine, not speed requirements. */
const SEE_TIMEOUT_MS = 60_000;
/** The demo agent whose desk a person takes over, so that the row of calls it answered stops changing. */
const AGENT = '8001';
const han = /[\u3400-\u9fff]/;
const utcMoment = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The text of every cell, row by row, of a workbook's first sheet. */
async function sheetText(read: (book: ExcelJS.Workbook) => Promise<unknown>): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await read(book);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text));
    rows.push(cells);
  });
  return rows;
}

describe("in a real browser: a report row's calls are exactly the row's, and exports read back in Chinese on the center's clock (issue 20)", () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let page: Page;
  let manager: string;
  let agent: { token: string; id: string; displayName: string };
  let today = '';

  async function api(token: string | null, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${banzu.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }
  async function login(username: string): Promise<string> {
    return ((await (await api(null, 'POST', '/api/v1/auth/login', { username, password: banzu.password })).json()) as { token: string }).token;
  }
  const agentReport = async () => (await (await api(manager, 'GET', `/api/v1/reports/metrics?from=${today}&to=${today}&by=agent`)).json()) as Report;
  const agentRow = async () => (await agentReport()).rows.find((r) => r.key === agent.id);

  beforeAll(async () => {
    // Daytime in Shanghai or not, the demo's calls come at the most the simulation allows.
    // On a busy machine the server first builds a stale console, which takes minutes.
    banzu = await startBanzu({ BANZU_SIM_LOAD: '20' }, 600_000);
    browser = await launchChromium();
    manager = await login('manager');
    const token = await login(AGENT);
    const me = (await (await api(token, 'GET', '/api/v1/auth/me')).json()) as { id: string; displayName: string };
    agent = { token, ...me };
    today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    // The simulated twin answers calls until it has some in the record; then a person takes the desk and the row stands still.
    const deadline = Date.now() + 8 * SEE_TIMEOUT_MS;
    while (((await agentRow())?.metrics.answered ?? 0) < 2) {
      if (Date.now() > deadline) throw new Error(`${AGENT} answered no calls in time`);
      await new Promise((r) => setTimeout(r, 2000));
    }
    for (let step = 0; step < 30; step++) {
      if ((await api(token, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'break' })).ok) break;
      await api(token, 'POST', '/api/v1/desktop/hang-up');
      await new Promise((r) => setTimeout(r, 500));
    }
    // The reports follow the log a moment behind: wait until the row no longer changes.
    let before = '';
    for (let step = 0; step < 30; step++) {
      const now = JSON.stringify((await agentRow())?.tally);
      if (now === before) break;
      before = now;
      await new Promise((r) => setTimeout(r, 2000));
    }
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    await page.goto(banzu.url);
    await page.getByLabel('用户名 / 工号').fill('manager');
    await page.getByLabel('密码').fill(banzu.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/wallboard$/, { timeout: SEE_TIMEOUT_MS });
  }, 1_500_000);

  afterAll(async () => {
    await browser?.close();
    await banzu?.stop();
  });

  it('the agent row of 报表 counts N calls, and its drill-down lists exactly those N', async () => {
    const row = (await agentRow())!;
    const counted = row.metrics.totalCalls!;
    expect(counted).toBeGreaterThan(0);
    await page.goto(`${banzu.url}/reports`);
    await page.locator('.ant-select').filter({ hasText: '时段' }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('座席').click();
    const tableRow = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: `${AGENT} ${agent.displayName}` });
    await tableRow.waitFor({ timeout: SEE_TIMEOUT_MS });
    await tableRow.click();
    const modal = page.locator('.ant-modal:visible');
    const title = await modal.locator('.ant-modal-title').textContent({ timeout: SEE_TIMEOUT_MS });
    expect(title).toBe(`明细：${AGENT} ${agent.displayName}（${counted} 通）`);
    // The list pages by ten: the pages before the last hold ten each.
    await modal.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: SEE_TIMEOUT_MS });
    const pages = await modal.locator('.ant-pagination-item').count();
    if (pages > 1) await modal.locator('.ant-pagination-item').last().click();
    const onLast = await modal.locator('.ant-table-tbody tr.ant-table-row').count();
    expect(Math.max(pages - 1, 0) * 10 + onLast).toBe(counted);
    await page.screenshot({ path: join(artifactsDir, 'e2e-drill-down.png') });
    await modal.getByRole('button', { name: /close|关闭/i }).click();
  }, 300_000);

  it("the report's Excel, downloaded from the page, reads back with Chinese headers and the intervals on the center's clock", async () => {
    await page.locator('.ant-select').filter({ hasText: '座席' }).first().click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('时段').click();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: SEE_TIMEOUT_MS });
    const downloading = page.waitForEvent('download');
    await page.getByText('导出 Excel').click();
    const file = join(artifactsDir, `e2e-metrics-${today}.xlsx`);
    await (await downloading).saveAs(file);
    const rows = await sheetText((book) => book.xlsx.readFile(file));
    const header = rows.find((r) => r.includes('总呼叫数'))!;
    expect(header, 'a header row in Chinese').toBeDefined();
    expect(header.join(' ')).not.toMatch(/Total calls|Service level/);
    expect(rows.flat().some((c) => utcMoment.test(c))).toBe(false);
    // Each interval of the API's report (keys on the center's clock) is a row of the sheet, as the page shows it.
    const report = (await (await api(manager, 'GET', `/api/v1/reports/metrics?from=${today}&to=${today}&by=interval&interval=30`)).json()) as Report;
    const firstColumn = rows.map((r) => r[0]);
    for (const r of report.rows.slice(0, -1)) expect(firstColumn.some((c) => c?.includes(r.key.slice(11, 16)))).toBe(true);
    const localHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date());
    expect(
      firstColumn.some((c) => c?.includes(`${localHour}:`)),
      `an interval at ${localHour}:xx Shanghai time`,
    ).toBe(true);
  }, 300_000);

  it("the campaign's dial detail reads back with statuses by name and times on the center's clock, not codes and UTC", async () => {
    const campaigns = (await (await api(manager, 'GET', '/api/v1/campaigns')).json()) as { id: string; status: string }[];
    const running = campaigns.find((c) => c.status === 'running')!;
    expect(running, 'the demo runs a campaign').toBeDefined();
    const response = await api(manager, 'GET', `/api/v1/campaigns/${running.id}/numbers?format=xlsx&lang=zh-CN`);
    expect(response.status).toBe(200);
    const payload = await response.arrayBuffer();
    const rows = await sheetText((book) => book.xlsx.load(payload));
    const body = rows.slice(2).flat();
    expect(rows.slice(0, 2).flat().join(' ')).toMatch(han);
    for (const code of ['open', 'exhausted', 'no_answer', 'refused', 'done', 'in_progress']) expect(body, `no raw ${code}`).not.toContain(code);
    expect(body.some((c) => utcMoment.test(c))).toBe(false);
  }, 120_000);
});
