import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centerDate, choose, type Desk, download, launchChromium, logIn, type RunningBanzu, screenshot, screenshotsOnFailure, startBanzu, takeOver } from './index';

/** Bounds against a hang on a busy machine, not speed requirements. */
const SEE_TIMEOUT_MS = 90_000;
/** How each person's browser is set up: the demo center's clock, and the bound above for every wait. */
const IN_SHANGHAI = { timeZone: 'Asia/Shanghai', timeout: SEE_TIMEOUT_MS };
/** The demo's agent (客服一组), the team's leader, the next team's leader who takes the shift over, the trainer. */
const AGENT = '8001';
const LEADER = 'leader1';
const INCOMING = 'leader2';
const TRAINER = 'trainer1';
const GOAL = '工单错误量控制在0!';

interface Sheet {
  agentId: string;
  employeeNo: string;
  score: number | null;
  rank: number | null;
  rankedOf: number;
  bonus: number;
  comment: string;
  confirmedAt: string | null;
  components: Record<'kpi' | 'qa' | 'attendance' | 'points' | 'exam', number | null>;
  componentDetails: Record<'kpi' | 'qa' | 'attendance' | 'points' | 'exam', { value: number | null }>;
}

describe("in a real browser: the team leader's day and month (issue 17)", () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let manager: Desk;
  let agentDesk: Desk;
  let leaderDesk: Desk;
  let incomingDesk: Desk;
  let leader: Page;
  let agent: Page;
  let today: string;
  /** The month just ended on the center's clock: the one the leader assesses and the agent may confirm. */
  let lastMonth: string;
  /** A moment of last month's last day, on the center's clock, as the leader types it. */
  let lastMonthMoment: string;
  let rule: { code: string; text: string; points: number };

  /** Opens a page of the console as its menu would (the session cookie carries over). */
  async function open(page: Page, path: string): Promise<void> {
    await page.goto(`${banzu.url}${path}`);
  }

  /** Types a date into an antd date picker and commits it. */
  async function typeDate(input: Locator, value: string): Promise<void> {
    await input.click();
    await input.fill(value);
    await input.press('Enter');
    // A value the picker did not take would fall back to the previous one: the test stops here then.
    expect(await input.inputValue()).toBe(value);
  }

  beforeAll(async () => {
    banzu = await startBanzu({}, 600_000);
    browser = await launchChromium();
    manager = await banzu.desk('manager');
    agentDesk = await banzu.desk(AGENT);
    leaderDesk = await banzu.desk(LEADER);
    incomingDesk = await banzu.desk(INCOMING);
    const { timeZone } = await banzu.json<{ timeZone: string }>(manager.token, 'GET', '/api/v1/center');
    today = centerDate(Date.now(), timeZone);
    const [year, month] = today.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(year, month - 1, 0));
    lastMonth = lastDay.toISOString().slice(0, 7);
    lastMonthMoment = `${lastDay.toISOString().slice(0, 10)} 10:00`;
    const rules = await banzu.json<{ code: string; text: string; points: number; active: boolean }[]>(manager.token, 'GET', '/api/v1/discipline/rules');
    rule = rules.find((r) => r.active && r.points > 0)!;
    await takeOver(banzu, agentDesk);
    leader = await logIn(browser, banzu, LEADER, IN_SHANGHAI);
  }, 900_000);

  screenshotsOnFailure('leader-day', () => browser);

  afterAll(async () => {
    await browser?.close();
    await banzu?.stop();
  });

  it('leader1 opens the prepared 班前会, adds the goal and publishes it', async () => {
    await open(leader, '/briefings');
    const card = leader.locator('.ant-card', { hasText: `客服一组 · ${today}` }).first();
    await card.waitFor();
    // The agenda was prepared before the leader typed anything: yesterday's figures and today's schedule.
    await leader
      .getByText(/昨日班组指标/)
      .first()
      .waitFor();
    await leader.getByText('今日排班').first().waitFor();
    await leader.getByLabel('今日目标').fill(GOAL);
    await leader.getByRole('button', { name: /^发\s*布$/ }).click();
    await leader.getByRole('button', { name: '确认发布' }).click();
    await card.getByText('已发布').waitFor();
    await card.getByText(/发布于/).waitFor();

    const briefing = await banzu.json<{ status: string; goal: string }>(leaderDesk.token, 'GET', `/api/v1/briefings?team=${leaderDesk.teamId}&date=${today}`);
    expect(briefing).toMatchObject({ status: 'published', goal: GOAL });
  }, 300_000);

  it("the agent reads it on the desktop and confirms, and the leader's roll shows the confirmation", async () => {
    agent = await logIn(browser, banzu, AGENT, IN_SHANGHAI);
    const card = agent.locator('.briefing-card');
    await card.getByText(`今日目标：${GOAL}`).waitFor();
    await card.getByRole('button', { name: '已读，确认' }).click();
    await card.getByText(/已于 \d\d-\d\d \d\d:\d\d 确认/).waitFor();

    await leader.reload();
    const row = leader.locator('.ant-table-row', { hasText: AGENT });
    await row.locator('.ant-tag', { hasText: /\d\d:\d\d/ }).waitFor();
    const briefing = await banzu.json<{ roll: { agentId: string; confirmedAt: string | null }[] }>(
      leaderDesk.token,
      'GET',
      `/api/v1/briefings?team=${leaderDesk.teamId}&date=${today}`,
    );
    expect(briefing.roll.find((l) => l.agentId === agentDesk.id)?.confirmedAt).not.toBeNull();
    await screenshot(agent, 'briefing-confirmed', false);
  }, 300_000);

  it('leader1 records a discipline item for the agent from the catalogue', async () => {
    await open(leader, '/discipline');
    // The leader enters an item of the month just ended, before its assessment.
    const monthLoaded = leader.waitForResponse((r) => r.url().includes(`/api/v1/discipline/points?month=${lastMonth}`));
    await typeDate(leader.getByLabel('月份'), lastMonth);
    await monthLoaded;
    await leader.getByRole('button', { name: '记录扣分' }).click();
    const modal = leader.locator('.ant-modal:visible');
    await choose(leader, modal.getByLabel('座席'), new RegExp(`^${AGENT} `), AGENT);
    await choose(leader, modal.getByLabel('扣分条款'), `${rule.code} ${rule.text}`, rule.code);
    await typeDate(modal.getByLabel('发生时间'), lastMonthMoment);
    await modal.getByLabel('说明').fill('通话中与同事闲聊');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });

    const item = leader.locator('.ant-table-row', { hasText: `${rule.code} ${rule.text}` });
    await item.filter({ hasText: AGENT }).filter({ hasText: '通话中与同事闲聊' }).waitFor();
    await leader.getByText(`本月扣分合计:${rule.points} 分`).first().waitFor();
    const page = await banzu.json<{ items: { ruleCode: string; points: number; occurredAt: string }[] }>(
      leaderDesk.token,
      'GET',
      `/api/v1/discipline/points?agentId=${agentDesk.id}&month=${lastMonth}`,
    );
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ ruleCode: rule.code, points: rule.points });
  }, 300_000);

  it('leader1 writes the handover and hands it to leader2, who logs in and acknowledges', async () => {
    await open(leader, '/handovers');
    const situation = leader.locator('#handover-situation');
    await situation.waitFor();
    // The five items come pre-filled from what is open; the leader adds to the first.
    expect(await situation.inputValue()).not.toBe('');
    await situation.fill(`${await situation.inputValue()}\n${AGENT} 已记录扣分一次`);
    await choose(leader, leader.getByLabel('接班人'), incomingDesk.name);
    await leader.getByRole('button', { name: /^交\s*班$/ }).click();
    await leader.getByText(`已交给 ${incomingDesk.name}，等待确认接班`).waitFor();

    const incoming = await logIn(browser, banzu, INCOMING, IN_SHANGHAI);
    await open(incoming, '/handovers');
    const handed = incoming.locator('.ant-card', { hasText: '待我接班' }).first();
    await handed.getByText(`${AGENT} 已记录扣分一次`).waitFor();
    await handed.getByLabel('接班反馈').fill('已阅，情况清楚');
    await handed.getByRole('button', { name: '确认接班' }).click();
    await incoming.getByText('已确认接班').first().waitFor();

    await leader.reload();
    await leader.locator('.ant-table-row', { hasText: incomingDesk.name }).getByText('已接班').waitFor();
    await leader.locator('.ant-table-row', { hasText: '已阅，情况清楚' }).waitFor();
    const log = await banzu.json<{ items: { status: string; incoming: { id: string }; acknowledgement: string }[] }>(
      leaderDesk.token,
      'GET',
      `/api/v1/handovers?team=${leaderDesk.teamId}`,
    );
    expect(log.items[0]).toMatchObject({ status: 'acknowledged', incoming: { id: incomingDesk.id }, acknowledgement: '已阅，情况清楚' });
    await incoming.context().close();
  }, 300_000);

  it("at month end leader1 sees the team's 月度考核 with ranks and bonuses as the API has them and exports it to Excel", async () => {
    await open(leader, '/assessments');
    const { items } = await banzu.json<{ items: Sheet[] }>(leaderDesk.token, 'GET', `/api/v1/assessments?month=${lastMonth}&team=${leaderDesk.teamId}`);
    const mine = items.find((s) => s.agentId === agentDesk.id)!;
    expect(mine.components.points).toBe(rule.points);
    expect(mine.componentDetails.points.value).toBe(rule.points);
    // The month the page opens on is the one just ended.
    expect(await leader.getByLabel('月份').inputValue()).toBe(lastMonth);
    await leader.locator(`tr[data-row-key="${agentDesk.id}"]`).waitFor();
    const headers = await leader.locator('.ant-table-thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['工号', '扣分', '考核得分', '组内名次', '奖金合计']));
    const cell = (sheet: Sheet, header: string) => leader.locator(`tr[data-row-key="${sheet.agentId}"] td`).nth(headers.indexOf(header)).textContent();
    for (const sheet of items) {
      expect(await cell(sheet, '工号')).toBe(sheet.employeeNo);
      expect(await cell(sheet, '扣分')).toBe(sheet.componentDetails.points.value === null ? '—' : String(sheet.componentDetails.points.value));
      expect(await cell(sheet, '考核得分')).toBe(sheet.score === null ? '—' : String(sheet.score));
      expect(await cell(sheet, '组内名次')).toBe(sheet.rank === null ? '—' : `${sheet.rank} / ${sheet.rankedOf}`);
      expect(await cell(sheet, '奖金合计')).toBe(String(sheet.bonus));
    }

    // The leader's comment, for the agent to read.
    await leader.locator(`tr[data-row-key="${agentDesk.id}"]`).getByRole('button', { name: '写评语' }).click();
    await leader.locator('.ant-modal:visible').getByLabel('组长评语').fill('本月注意现场纪律');
    await leader.getByRole('button', { name: '保存评语' }).click();
    await leader.locator(`tr[data-row-key="${agentDesk.id}"]`).getByText('本月注意现场纪律').waitFor();

    const file = await download(leader, () => leader.getByText('导出 Excel').click(), `e2e-assessment-${lastMonth}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('月度考核表')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows.find((r) => r.includes('考核得分'))!;
    const column = (name: string) => header.findIndex((h) => typeof h === 'string' && h.includes(name));
    const row = rows.find((r) => r[column('工号')] === AGENT)!;
    expect(row, 'the agent has a row on the paper form').toBeDefined();
    expect(row[column('扣分')]).toBe(rule.points);
    expect(row[column('考核得分')]).toBe(mine.score ?? '—');
    expect(row[column('组内名次')]).toBe(mine.rank === null ? '—' : `${mine.rank}/${mine.rankedOf}`);
    expect(row[column('奖金合计')]).toBe(mine.bonus);
    expect(row[column('组长评语')]).toBe('本月注意现场纪律');
    expect(rows.filter((r) => /^\d+$/.test(String(r[column('工号')])))).toHaveLength(items.length);
    await screenshot(leader, 'assessment');
  }, 300_000);

  it('the agent sees the own points and sheet and confirms it', async () => {
    await open(agent, '/discipline');
    await typeDate(agent.getByLabel('月份'), lastMonth);
    await agent.getByText(`本月扣分合计:${rule.points} 分`).waitFor();
    await agent
      .locator('.ant-table-row', { hasText: `${rule.code} ${rule.text}` })
      .getByText('已记录')
      .waitFor();

    await open(agent, '/assessments');
    await agent.getByRole('heading', { name: '我的考核表' }).waitFor();
    const { items } = await banzu.json<{ items: Sheet[] }>(agentDesk.token, 'GET', `/api/v1/assessments?month=${lastMonth}`);
    expect(items.map((s) => s.agentId)).toEqual([agentDesk.id]);
    const [mine] = items as [Sheet];
    const value = (label: string) => agent.locator('.ant-descriptions-row', { has: agent.locator('th', { hasText: new RegExp(`^${label}$`) }) }).locator('td');
    await value('组长评语').getByText('本月注意现场纪律').waitFor();
    expect(await value('扣分').textContent()).toBe(String(rule.points));
    expect(await value('考核得分').textContent()).toBe(mine.score === null ? '—' : String(mine.score));
    expect(await value('奖金合计').textContent()).toBe(`${mine.bonus} 元`);
    await agent.getByRole('button', { name: '确认考核表' }).click();
    await agent.getByText(/^确认于 \d{4}-\d\d-\d\d \d\d:\d\d$/).waitFor();

    const after = await banzu.json<{ items: Sheet[] }>(agentDesk.token, 'GET', `/api/v1/assessments?month=${lastMonth}`);
    expect(after.items[0]!.confirmedAt).not.toBeNull();
    await leader.reload();
    await leader.locator(`tr[data-row-key="${agentDesk.id}"]`).getByText('已确认').waitFor();
  }, 300_000);

  it('the trainer writes a short exam and publishes it to the team; the agent takes it; the trainer sees the result', async () => {
    const trainer = await logIn(browser, banzu, TRAINER, IN_SHANGHAI);
    await open(trainer, '/training');
    await trainer.getByRole('tab', { name: '考试' }).click();
    await trainer.getByRole('button', { name: '新建考试' }).click();
    await trainer.locator('#exam-title').fill('首问负责制测验');
    await trainer.getByLabel('q1-text').fill('客户来电首先由谁负责？');
    await trainer.getByLabel('q1-option1').fill('接听电话的座席');
    await trainer.getByLabel('q1-option2').fill('班组长');
    await trainer.getByRole('button', { name: '添加题目' }).click();
    await choose(trainer, trainer.getByLabel('q2-kind'), '判断题');
    await trainer.getByLabel('q2-text').fill('通话中可以与同事闲聊。');
    await trainer.getByLabel('q2-truth').getByText('错', { exact: true }).click();
    await trainer.getByRole('button', { name: /^保\s*存$/ }).click();

    const exam = trainer.locator('.ant-table-row', { hasText: '首问负责制测验' });
    await exam.getByText('草稿').waitFor();
    await exam.getByRole('button', { name: /^发\s*布$/ }).click();
    const publish = trainer.locator('.ant-modal:visible');
    await choose(trainer, publish.getByLabel('参加的班组'), '客服一组');
    // The open list would cover the footer: a click on the title closes it (Escape would close the dialog).
    await publish.locator('.ant-modal-title').click();
    await publish.locator('.ant-modal-footer .ant-btn-primary').click();
    await exam.getByText('已发布').waitFor();

    await open(agent, '/training');
    const mine = agent.locator('.ant-table-row', { hasText: '首问负责制测验' });
    await mine.getByText('进行中').waitFor();
    await mine.getByRole('button', { name: '开始答题' }).click();
    await agent.getByText('A. 接听电话的座席').click();
    await agent.getByLabel('q2-answer').getByText('错', { exact: true }).click();
    await agent.getByRole('button', { name: /^交\s*卷$/ }).click();
    await agent.getByText('你的成绩：4 / 4（100%）及格').waitFor();

    await trainer.reload();
    await trainer.getByRole('tab', { name: '考试' }).click();
    await exam.getByRole('button', { name: /^成\s*绩$/ }).click();
    const result = trainer.locator('.ant-table-row', { hasText: AGENT });
    await result.getByText('4（100%）及格').waitFor();
    const exams = await banzu.json<{ items: { id: string; title: string }[] }>(manager.token, 'GET', '/api/v1/training/exams');
    const examId = exams.items.find((e) => e.title === '首问负责制测验')!.id;
    const results = await banzu.json<{ rows: { agentId: string; score: number | null; passed: boolean | null }[] }>(
      manager.token,
      'GET',
      `/api/v1/training/exams/${examId}/results`,
    );
    expect(results.rows.find((r) => r.agentId === agentDesk.id)).toMatchObject({ score: 4, passed: true });
    await screenshot(trainer, 'exam-results');
  }, 300_000);
});
