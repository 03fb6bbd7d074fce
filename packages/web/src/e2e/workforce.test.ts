import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Roster } from '@banzu/contract';
import { centerDate, choose, type Desk, launchChromium, logIn, type RunningBanzu, screenshot, screenshotsOnFailure, startBanzu } from './index';

/** Bounds against a hang on a busy machine, not speed requirements. */
const SEE_TIMEOUT_MS = 120_000;
/** How each person's browser is set up: the demo center's clock, and the bound above for every wait. */
const IN_SHANGHAI = { timeZone: 'Asia/Shanghai', timeout: SEE_TIMEOUT_MS };
/** The demo's agent of 客服一组 and its leader. */
const AGENT = '8001';
const LEADER = 'leader1';
const QUEUE = '售前咨询';

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Six weeks of weekdays before `today`, 09:00-17:00 on the center's clock: a morning peak, 180 s a call, a day's ups and downs. */
function historyCsv(today: string): string {
  const lines = ['start,calls,aht'];
  let seed = 2026;
  const noise = () => {
    seed = (seed * 48271) % 2147483647;
    return Math.round((seed / 2147483647) * 8) - 4;
  };
  for (let d = 42; d >= 1; d--) {
    const date = addDays(today, -d);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let h = 9; h < 17; h++) for (const m of ['00', '30']) lines.push(`${date}T${String(h).padStart(2, '0')}:${m},${(h < 12 ? 24 : 14) + noise()},180`);
  }
  return lines.join('\n');
}

describe("in a real browser: the leader's month of shifts, leave and a swap (issue 15)", () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let leaderDesk: Desk;
  let agentDesk: Desk;
  let leader: Page;
  let agent: Page;
  let today: string;
  /** Next month on the center's clock: the one the leader plans. */
  let month: string;

  const open = (page: Page, path: string) => page.goto(`${banzu.url}${path}`);

  /** Types a month into an antd month picker and waits for the page to load it. */
  async function pickMonth(page: Page, path: string): Promise<void> {
    const input = page.getByLabel('月份');
    const loaded = page.waitForResponse((r) => r.url().includes(path) && r.url().includes(`month=${month}`));
    await input.click();
    await input.fill(month);
    await input.press('Enter');
    await loaded;
  }

  const roster = () => banzu.json<Roster>(leaderDesk.token, 'GET', `/api/v1/wfm/rosters/${leaderDesk.teamId}/${month}`);
  const shiftOf = (r: Roster, userId: string, date: string) => r.shifts.find((s) => s.userId === userId && s.date === date) ?? null;

  beforeAll(async () => {
    banzu = await startBanzu({}, 600_000);
    browser = await launchChromium();
    leaderDesk = await banzu.desk(LEADER);
    agentDesk = await banzu.desk(AGENT);
    const { timeZone } = await banzu.json<{ timeZone: string }>(leaderDesk.token, 'GET', '/api/v1/center');
    today = centerDate(Date.now(), timeZone);
    const [y, m] = today.split('-').map(Number) as [number, number];
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    leader = await logIn(browser, banzu, LEADER, IN_SHANGHAI);
  }, 900_000);

  screenshotsOnFailure('workforce', () => browser);

  afterAll(async () => {
    await browser?.close();
    await banzu?.stop();
  });

  it("the leader imports the queue's history, forecasts next month's requirement, generates and publishes the roster; the agent sees the shifts", async () => {
    await open(leader, '/wfm');
    await choose(leader, leader.getByLabel('班组'), '客服一组');
    await choose(leader, leader.getByLabel('话务队列'), QUEUE);
    // A multiple select keeps its list open over the buttons until told.
    await leader.keyboard.press('Escape');
    await leader.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await leader.locator('input[type=file]').setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(historyCsv(today)) });
    await leader.getByText(/已导入 \d+ 行历史话务/).waitFor();

    await leader.getByRole('button', { name: '预测需求' }).click();
    const accuracy = leader.getByTestId('forecast-accuracy');
    await accuracy.waitFor();
    expect(await accuracy.textContent()).toMatch(new RegExp(`^${QUEUE}：预测方法 .+，回测 WAPE \\d+\\.\\d%，MASE \\d+\\.\\d\\d(；按 Erlang A .+)?$`));
    const summary = await leader.getByTestId('requirement-summary').textContent();
    // Mornings are the peak: 24 calls a half hour against 14 in the afternoon.
    expect(summary).toMatch(new RegExp(`^${month} 共需 \\d+ 个座席·时段，峰值 \\d+ 人（${month}-\\d\\d (09|10|11):\\d\\d）$`));

    await leader.getByRole('button', { name: '生成班表' }).click();
    await leader.getByText('草稿（座席尚不可见）').waitFor();
    await leader.getByRole('button', { name: /^发\s*布$/ }).click();
    await leader.getByText('班表已发布，座席可以看到自己的班次').waitFor();
    await leader.getByText('已发布', { exact: true }).waitFor();

    const published = await roster();
    expect(published.status).toBe('published');
    expect(published.coverage.length).toBeGreaterThan(0);
    // The roster covers the forecast: scheduled at least required in most intervals, and every shift has its lunch.
    expect(published.coverage.filter((c) => c.scheduled >= c.required).length / published.coverage.length).toBeGreaterThan(0.5);
    expect(published.shifts.every((s) => s.breaks.length === 1)).toBe(true);
    await screenshot(leader, 'workforce-roster');

    const mine = published.shifts.filter((s) => s.userId === agentDesk.id);
    expect(mine.length).toBeGreaterThan(0);
    agent = await logIn(browser, banzu, AGENT, IN_SHANGHAI);
    await open(agent, '/wfm');
    await agent.getByText('我的班表').first().waitFor();
    const first = agent.locator('.ant-table-row', { hasText: mine[0]!.date });
    await first.getByText(`${mine[0]!.start.slice(11)}-${mine[0]!.end.slice(11)}`).waitFor();
    await first.getByText(mine[0]!.shift).waitFor();
  }, 900_000);

  it('a leave request: the agent asks in the browser, the leader approves, the shift leaves the roster and the agent is told', async () => {
    const before = await roster();
    const day = before.shifts.filter((s) => s.userId === agentDesk.id).at(-1)!;
    await open(agent, '/leave');
    const range = agent.locator('.ant-picker-range');
    await range.locator('input').first().click();
    await range.locator('input').first().fill(day.date);
    await range.locator('input').first().press('Enter');
    await range.locator('input').nth(1).fill(day.date);
    await range.locator('input').nth(1).press('Enter');
    await agent.getByLabel('事由').fill('发烧');
    await agent.getByRole('button', { name: '提交请假' }).click();
    await agent.getByText('请假已提交，等待组长审批').waitFor();

    await open(leader, '/leave');
    await pickMonth(leader, '/api/v1/leave');
    const row = leader.locator('.ant-table-row', { hasText: agentDesk.name }).filter({ hasText: '发烧' });
    await row.getByRole('button', { name: /^批\s*准$/ }).click();
    await row.getByText('已批准').waitFor();

    expect(shiftOf(await roster(), agentDesk.id, day.date)).toBeNull();
    await open(agent, '/wfm');
    await agent.getByText('班表有变动').waitFor();
    await agent.getByText(`${day.date}：${day.shift} → 休（请假：病假）`).waitFor();
  }, 600_000);

  it('a swap: the agent proposes, the teammate agrees, the leader approves, and the roster changes at once', async () => {
    const r = await roster();
    const works = (userId: string, date: string) => shiftOf(r, userId, date) !== null;
    // A day the agent works, a teammate off that day who works a day the agent is off.
    let plan: { given: string; partner: Roster['agents'][number]; taken: string } | undefined;
    for (const s of r.shifts.filter((x) => x.userId === agentDesk.id)) {
      for (const p of r.agents.filter((a) => a.userId !== agentDesk.id && !works(a.userId, s.date))) {
        const taken = r.shifts.find((x) => x.userId === p.userId && x.date !== s.date && !works(agentDesk.id, x.date));
        if (taken) plan ??= { given: s.date, partner: p, taken: taken.date };
      }
    }
    expect(plan).toBeDefined();
    const { given, partner, taken } = plan!;
    const givenShift = shiftOf(r, agentDesk.id, given)!.shift;
    const takenShift = shiftOf(r, partner.userId, taken)!.shift;

    await open(agent, '/leave');
    await pickMonth(agent, '/api/v1/leave');
    await agent.getByRole('tab', { name: '换班' }).click();
    await choose(agent, agent.getByLabel('我让出的班'), `${given} ${givenShift}`);
    await choose(agent, agent.getByLabel('换给'), `${partner.name} ${partner.employeeNo}`);
    await choose(agent, agent.getByLabel(/换回对方的班/), `${taken} ${takenShift}`);
    await agent.getByLabel('事由').last().fill('家里有事');
    await agent.getByRole('button', { name: '提交换班申请' }).click();
    await agent.getByText('换班申请已提交，等待对方同意').waitFor();
    await agent.locator('.ant-table-row', { hasText: '家里有事' }).getByText('待对方同意').waitFor();

    const teammate = await logIn(browser, banzu, partner.employeeNo, IN_SHANGHAI);
    await open(teammate, '/leave');
    await pickMonth(teammate, '/api/v1/leave');
    await teammate.getByRole('tab', { name: '换班' }).click();
    const asked = teammate.locator('.ant-table-row', { hasText: '家里有事' });
    await asked.getByRole('button', { name: /^同\s*意$/ }).click();
    await asked.getByText('待组长审批').waitFor();

    await open(leader, '/leave');
    await pickMonth(leader, '/api/v1/leave');
    await leader.getByRole('tab', { name: '换班' }).click();
    const pending = leader.locator('.ant-table-row', { hasText: '家里有事' });
    await pending.getByRole('button', { name: /^批\s*准$/ }).click();
    await pending.getByText('已批准').waitFor();

    const after = await roster();
    expect([
      shiftOf(after, agentDesk.id, given),
      shiftOf(after, partner.userId, given)?.shift,
      shiftOf(after, partner.userId, taken),
      shiftOf(after, agentDesk.id, taken)?.shift,
    ]).toEqual([null, givenShift, null, takenShift]);
    await open(teammate, '/wfm');
    await teammate.getByText(`${given}：休 → ${givenShift}（换班`, { exact: false }).waitFor();
    await screenshot(teammate, 'workforce-swap');
    await teammate.context().close();
  }, 600_000);
});
