import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaForm, QaLog, ReportCall } from '@banzu/contract';
import { centerDate, type Desk, download, launchChromium, logIn, type RunningBanzu, screenshot, screenshotsOnFailure, sleep, startBanzu } from './index';

/** Bounds against a hang on a busy machine, not speed requirements. */
const IN_SHANGHAI = { timeZone: 'Asia/Shanghai', timeout: 90_000 };
const NOTE = '多名座席开场未报工号，建议班前会统一强调';

describe("in a real browser: the QA inspector's daily log, 质检日志 (issue 16, seed 004)", () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let manager: Desk;
  let qa: Desk;
  let today: string;

  async function logTab(page: Page): Promise<void> {
    await page.goto(`${banzu.url}/qa`);
    await page.getByRole('tab', { name: '质检日志' }).click();
  }

  beforeAll(async () => {
    banzu = await startBanzu({ BANZU_SIM_LOAD: '20' }, 600_000);
    browser = await launchChromium();
    manager = await banzu.desk('manager');
    qa = await banzu.desk('qa1');
    const { timeZone } = await banzu.json<{ timeZone: string }>(manager.token, 'GET', '/api/v1/center');
    today = centerDate(Date.now(), timeZone);
    // Two answered calls of the simulated floor have ended with their recordings; qa1 scores them, one with the fatal item failed.
    let calls: ReportCall[] = [];
    for (let waited = 0; calls.length < 2; waited += 2_000) {
      const all = await banzu.json<ReportCall[]>(manager.token, 'GET', `/api/v1/reports/calls?from=${today}&to=${today}&limit=5000`);
      calls = all.filter((c) => c.outcome === 'answered' && c.agentId && c.endedAt && c.record.recorded).slice(0, 2);
      if (waited > 480_000) throw new Error(`only ${calls.length} answered calls ended in time`);
      if (calls.length < 2) await sleep(2_000);
    }
    const form = await banzu.json<QaForm>(qa.token, 'POST', '/api/v1/qa/forms', {
      name: '质检日志评分表（e2e）',
      sections: [
        {
          name: '服务',
          items: [
            { key: 'greeting', text: '标准开场白', points: 10 },
            { key: 'privacy', text: '泄露客户信息', points: 10, fatal: true },
          ],
        },
      ],
    });
    await banzu.json(qa.token, 'POST', '/api/v1/qa/evaluations', {
      callId: calls[0]!.callId,
      formId: form.id,
      answers: [{ key: 'greeting', earned: 5 }, { key: 'privacy' }],
      comments: ['开场白未报工号'],
    });
    await banzu.json(qa.token, 'POST', '/api/v1/qa/evaluations', { callId: calls[1]!.callId, formId: form.id, answers: [{ key: 'greeting' }, { key: 'privacy', failed: true }] });
  }, 900_000);

  screenshotsOnFailure('qa-log', () => browser);

  afterAll(async () => {
    await browser?.close();
    await banzu?.stop();
  });

  it('qa1 reads the day against the target of 60, opens an evaluation, writes the note of the day and exports it', async () => {
    const page = await logIn(browser, banzu, 'qa1', IN_SHANGHAI);
    await logTab(page);
    await page.getByText(`${qa.name} 的质检日志 · ${today}`).waitFor();
    await page.locator('.ant-statistic').filter({ hasText: '监听' }).filter({ hasText: '/ 60' }).waitFor();
    const rows = page.locator('.ant-card-body .ant-table-tbody tr.ant-table-row');
    expect(await rows.count()).toBe(2);
    await rows.filter({ hasText: '泄露客户信息' }).getByText('致命项').first().waitFor();
    await rows.filter({ hasText: '开场白未报工号' }).click();
    await page.locator('.ant-drawer').getByText('开场白未报工号').waitFor();
    await page.locator('.ant-drawer-close').click();

    await page.getByLabel('今日发现的共性问题 / 建议').fill(NOTE);
    await page.getByRole('button', { name: '保存日志' }).click();
    await page.getByText('已保存质检日志').waitFor();
    await screenshot(page, 'qa-log-inspector');
    const log = await banzu.json<QaLog>(qa.token, 'GET', `/api/v1/qa/log?date=${today}`);
    expect(log.note?.text).toBe(NOTE);
    expect(log.summary).toMatchObject({ heard: 2, target: 60, fatal: 1 });
    const file = await download(page, () => page.getByText('导出 Excel').click(), 'e2e-qa-log.xlsx');
    expect(file).toMatch(/e2e-qa-log\.xlsx$/);
  });

  it('the manager, as QA lead, sees each inspector against the target and reads qa1’s log and note', async () => {
    const page = await logIn(browser, banzu, 'manager', IN_SHANGHAI);
    await logTab(page);
    const row = page.locator('tr.ant-table-row').filter({ hasText: qa.name });
    await row.getByText('2 / 60').waitFor();
    await row.getByText('已填写').waitFor();
    await row.click();
    await page.getByText(`${qa.name} 的质检日志 · ${today}`).waitFor();
    await page.getByText(NOTE).waitFor();
    // The lead reads the note; writing it is the inspector's.
    expect(await page.getByRole('button', { name: '保存日志' }).count()).toBe(0);
    await screenshot(page, 'qa-log-lead');
  });
});
