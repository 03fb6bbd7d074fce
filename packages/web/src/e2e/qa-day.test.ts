import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DisciplinePointPage,
  Profile,
  QaCalibrationSession,
  QaCoaching,
  QaEvaluation,
  QaForm,
  QaLibraryEntry,
  QaPenaltyStanding,
  QaQueueItem,
  QaReport,
  QaSettings,
  QaStarEntry,
  ReportCall,
} from '@banzu/contract';
import { qaZh } from '../qa/messages';
import { centerDate, choose, type Desk, launchChromium, logIn, type RunningBanzu, screenshot, screenshotsOnFailure, sleep, startBanzu } from './index';

/** Bounds against a hang on a busy machine, not speed requirements. */
const SEE_TIMEOUT_MS = 90_000;
/** How each person's browser is set up: the demo center's clock, and the bound above for every wait. */
const IN_SHANGHAI = { timeZone: 'Asia/Shanghai', timeout: SEE_TIMEOUT_MS };
const FORM = '服务质量评分表（e2e）';
const COMMENT = '开场白语速过快';
/**
 * Why sampling may pick a call, as the QA page names the reasons: each reason tag of the queue starts
 * with one of the labels (a {{placeholder}} in a label stands for its value), never a bare code.
 */
const REASONS = new RegExp(
  `^(?:${Object.values(qaZh.reasons)
    .map((label) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\w+\\\}\\\}/g, '.+'))
    .join('|')})`,
);

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe("in a real browser: the QA inspector's day, from the scoring sheet to the QA star (issue 16)", () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let manager: Desk;
  let qaDesk: Desk;
  let qa: Page;
  let today: string;
  /** The two sampled calls qa1 scores: A with points off and a comment, B with the fatal item failed. */
  let callA: QaQueueItem;
  let callB: QaQueueItem;
  let form: QaForm;
  let agents: Profile[];
  let leaders: Profile[];

  /** Opens the QA page at one of its tabs. */
  async function qaTab(page: Page, tab: string): Promise<void> {
    await page.goto(`${banzu.url}/qa`);
    await page.getByRole('tab', { name: tab }).click();
  }

  const agentOf = (call: QaQueueItem) => agents.find((a) => a.id === call.agentId)!;
  const leaderOf = (call: QaQueueItem) => leaders.find((l) => l.teamId === agentOf(call).teamId)!;
  const evaluationOf = async (call: QaQueueItem) => (await banzu.json<QaEvaluation[]>(manager.token, 'GET', `/api/v1/qa/evaluations?callId=${call.callId}`))[0]!;

  /** A calibration session's row in the 校准 tab, opened: what the page shows of it below the row. */
  async function calibrationRow(page: Page, sessionId: string): Promise<{ row: Locator; detail: Locator }> {
    await qaTab(page, '校准');
    const row = page.locator(`tr[data-row-key="${sessionId}"]`);
    await row.getByRole('button', { name: '展开行' }).click();
    return { row, detail: row.locator('xpath=following-sibling::tr[1]') };
  }

  /** An invitee yet to score sees no one's sheet: the session asks for the own first, and so does the call. */
  async function expectBlind(page: Page, sessionId: string, callId: string): Promise<void> {
    const { row, detail } = await calibrationRow(page, sessionId);
    await detail.getByText('请先提交你的校准评分，之后可查看他人的评分').waitFor();
    expect(await detail.getByText('一致性（Fleiss κ）').count()).toBe(0);
    await row.getByText('校准', { exact: true }).waitFor();
    await page.getByLabel('通话', { exact: true }).fill(callId);
    await page.getByRole('button', { name: '查看校准' }).click();
    await page.getByText('请先提交你的校准评分，再查看他人的评分').waitFor();
  }

  /** An invitee scores the session's call from the queue, as any call: the greeting's points, the answer N/A, the rest as is. */
  async function scoreCalibration(page: Page, sessionId: string, callId: string, greeting: number, score: string): Promise<void> {
    await qaTab(page, '待检队列');
    const row = page.locator(`tr[data-row-key="${callId}/${sessionId}"]`);
    await row.getByText('校准', { exact: true }).waitFor();
    await row.getByRole('button', { name: /^评\s*分$/ }).click();
    const drawer = page.locator('.ant-drawer-open .ant-drawer-content-wrapper');
    await drawer.getByText(`评分：通话 ${callId}`).waitFor();
    await drawer.getByLabel('item1-earned').fill(String(greeting));
    await drawer.locator('tr[data-row-key="item2"]').getByText('不适用').click();
    await drawer.getByRole('button', { name: '提交评分' }).click();
    await drawer.getByText(`已评分：${score} 分`).first().waitFor();
    await page.keyboard.press('Escape');
    await row.waitFor({ state: 'detached' });
  }

  /** `n` answered, recorded calls of the agent today that have no evaluation yet, once the simulated floor has made them. */
  async function unscoredCalls(agentId: string, n: number): Promise<string[]> {
    for (let waited = 0; ; waited += 2_000) {
      const scored = new Set((await banzu.json<QaEvaluation[]>(manager.token, 'GET', `/api/v1/qa/evaluations?agentId=${agentId}`)).map((e) => e.callId));
      const calls = (await banzu.json<ReportCall[]>(manager.token, 'GET', `/api/v1/reports/calls?from=${today}&to=${today}&limit=5000`))
        .filter((c) => c.outcome === 'answered' && c.agentId === agentId && c.endedAt && c.record.recorded && !scored.has(c.callId))
        .map((c) => c.callId);
      if (calls.length >= n) return calls.slice(0, n);
      if (waited > 480_000) throw new Error(`the agent has only ${calls.length} more recorded calls`);
      await sleep(2_000);
    }
  }

  beforeAll(async () => {
    // Many callers, so answered calls have ended and been recorded by the time qa1 samples.
    banzu = await startBanzu({ BANZU_SIM_LOAD: '20' }, 600_000);
    browser = await launchChromium();
    manager = await banzu.desk('manager');
    qaDesk = await banzu.desk('qa1');
    const { timeZone } = await banzu.json<{ timeZone: string }>(manager.token, 'GET', '/api/v1/center');
    today = centerDate(Date.now(), timeZone);
    agents = await banzu.json<Profile[]>(manager.token, 'GET', '/api/v1/users?role=agent');
    leaders = await banzu.json<Profile[]>(manager.token, 'GET', '/api/v1/users?role=team_leader');
    // A star from one confirmed evaluation (a center sets its minimum; the default 3 a day takes a day's work).
    await banzu.json(manager.token, 'PATCH', '/api/v1/qa/settings', { starMinimum: { day: 1, month: 1 } });
    // Two answered calls of the simulated floor have ended with their recordings.
    for (let waited = 0; ; waited += 2_000) {
      const calls = await banzu.json<ReportCall[]>(manager.token, 'GET', `/api/v1/reports/calls?from=${today}&to=${today}&limit=5000`);
      const done = calls.filter((c) => c.outcome === 'answered' && c.agentId && c.endedAt && c.record.recorded);
      const recorded = await Promise.all(done.slice(0, 5).map(async (c) => (await banzu.api(manager.token, 'GET', `/api/v1/calls/${c.callId}/recording`)).ok));
      if (recorded.filter(Boolean).length >= 2) break;
      if (waited > 480_000) throw new Error(`only ${done.length} answered calls ended in time`);
      await sleep(2_000);
    }
    qa = await logIn(browser, banzu, 'qa1', IN_SHANGHAI);
  }, 900_000);

  screenshotsOnFailure('qa-day', () => browser);

  afterAll(async () => {
    await browser?.close();
    await banzu?.stop();
  });

  it('qa1 builds a scoring sheet with an N/A item and a fatal item (致命项)', async () => {
    await qaTab(qa, '评分表');
    await qa.getByLabel('名称').fill(FORM);
    await qa.getByLabel('大项 1').fill('服务规范');
    await qa.getByLabel('item1-text').fill('标准开场白');
    await qa.getByRole('button', { name: '添加评分项' }).click();
    await qa.getByLabel('item2-text').fill('解答准确');
    await qa.getByLabel('item2-points').fill('30');
    await qa.locator('tr[data-row-key="item2"]').getByText('可不适用').click();
    await qa.getByRole('button', { name: '添加评分项' }).click();
    await qa.getByLabel('item3-text').fill('泄露客户信息');
    await qa.getByLabel('item3-fatal').check();
    await qa.getByRole('button', { name: /^保\s*存$/ }).click();
    await qa.getByText(`${FORM} · 第 1 版 · 总分 50`).waitFor();

    const forms = await banzu.json<QaForm[]>(qaDesk.token, 'GET', '/api/v1/qa/forms');
    form = forms.find((f) => f.name === FORM)!;
    expect(form).toMatchObject({ version: 1, points: 50, fatalScope: 'evaluation' });
    expect(form.sections[0]!.items.map((i) => [i.text, i.points, i.allowNA, i.fatal])).toEqual([
      ['标准开场白', 10, false, false],
      ['解答准确', 30, true, false],
      ['泄露客户信息', 10, false, true],
    ]);
  }, 300_000);

  it('qa1 samples the day by the plan and sees why each call was picked', async () => {
    await qaTab(qa, '待检队列');
    await qa.getByRole('button', { name: '按计划抽检' }).click();
    await qa.getByText(/新抽取 \d+ 通/).waitFor();
    const queue = await banzu.json<QaQueueItem[]>(qaDesk.token, 'GET', '/api/v1/qa/queue');
    expect(queue.length).toBeGreaterThanOrEqual(2);
    [callA, callB] = queue as [QaQueueItem, QaQueueItem];
    for (const item of queue.slice(0, 10)) {
      const row = qa.locator(`tr[data-row-key="${item.callId}"]`);
      await row.waitFor();
      expect(item.reasons.length).toBeGreaterThan(0);
      expect(await row.locator('.ant-tag').first().textContent()).toMatch(REASONS);
      // QA hears the calls without seeing whole numbers.
      if (item.from) expect(item.from).toContain('****');
    }
    await screenshot(qa, 'qa-queue');
  }, 300_000);

  it('qa1 scores a call while listening: the recording plays with its waveform, a comment pinned to its time, an N/A item', async () => {
    const row = qa.locator(`tr[data-row-key="${callA.callId}"]`);
    await row.getByRole('button', { name: /^评\s*分$/ }).click();
    const drawer = qa.locator('.ant-drawer-open .ant-drawer-content-wrapper');
    await drawer.getByText(`评分：通话 ${callA.callId}`).waitFor();
    // The call's details and why it was picked beside the player.
    await drawer.getByText(agentOf(callA).displayName).first().waitFor();
    // The browser decoded the recording: the waveform is drawn.
    await drawer.getByRole('slider', { name: '录音波形（点击跳转）' }).waitFor();
    await choose(qa, drawer.getByLabel('倍速'), '1.5×');
    // The player's own play button, as the inspector presses it.
    const audio = drawer.locator('audio');
    const box = (await audio.boundingBox())!;
    await qa.mouse.click(box.x + 18, box.y + box.height / 2);
    await qa.waitForFunction(() => {
      const a = document.querySelector<HTMLAudioElement>('.ant-drawer-open audio');
      return !!a && a.currentTime > 0.3 && a.playbackRate === 1.5;
    });

    await drawer.getByLabel('批注').fill(COMMENT);
    await drawer.getByRole('button', { name: '添加批注' }).click();
    await drawer.getByText(COMMENT).waitFor();
    await drawer.getByLabel('item1-earned').fill('6');
    await drawer.locator('tr[data-row-key="item2"]').getByText('不适用').click();
    await drawer.getByRole('button', { name: '提交评分' }).click();
    // (6 + 10) of (10 + 10): the N/A item out of both.
    await drawer.getByText('已评分：80.0 分').first().waitFor();

    const e = await evaluationOf(callA);
    expect(e).toMatchObject({ score: 80, fatal: false, status: 'pending', formVersion: 1, agentId: callA.agentId, inspectorId: qaDesk.id });
    expect(e.comments).toEqual([{ atSeconds: expect.any(Number), text: COMMENT, itemKey: null }]);
    expect(e.comments[0]!.atSeconds).toBeGreaterThanOrEqual(0);
    await screenshot(qa, 'qa-scoring');
    await qa.keyboard.press('Escape');
    await row.waitFor({ state: 'detached' });
  }, 300_000);

  it('qa1 scores the next call with the fatal item failed: 0 points', async () => {
    await qa
      .locator(`tr[data-row-key="${callB.callId}"]`)
      .getByRole('button', { name: /^评\s*分$/ })
      .click();
    const drawer = qa.locator('.ant-drawer-open .ant-drawer-content-wrapper');
    await drawer.getByText(`评分：通话 ${callB.callId}`).waitFor();
    await drawer.locator('tr[data-row-key="item3"]').getByText('触犯致命项').click();
    await drawer.getByRole('button', { name: '提交评分' }).click();
    await drawer.getByText('已评分：0.0 分').first().waitFor();
    expect(await evaluationOf(callB)).toMatchObject({ score: 0, fatal: true, status: 'pending' });
    await qa.keyboard.press('Escape');
  }, 300_000);

  it('the agent hears the recording and the comment and signs; the other call’s agent disputes the fatal item', async () => {
    const agentA = await logIn(browser, banzu, agentOf(callA).employeeNo!, IN_SHANGHAI);
    await qaTab(agentA, '我的质检');
    const cardA = agentA.locator('.ant-card-small', { hasText: COMMENT }).first();
    await cardA.getByText('80.0').waitFor();
    await cardA.locator('audio').waitFor();
    await cardA.getByRole('button', { name: '签字确认' }).click();
    await cardA.getByText('已确认').waitFor();
    expect(await evaluationOf(callA)).toMatchObject({ status: 'confirmed', confirmedHow: 'acknowledged' });

    const agentB = callB.agentId === callA.agentId ? agentA : await logIn(browser, banzu, agentOf(callB).employeeNo!, IN_SHANGHAI);
    if (agentB !== agentA) await qaTab(agentB, '我的质检');
    const cardB = agentB.locator('.ant-card-small', { hasText: '待签字' }).filter({ hasText: '致命项' }).first();
    await cardB.getByRole('button', { name: /^申\s*诉$/ }).click();
    await agentB.locator('.ant-modal:visible').getByLabel('申诉理由').fill('客户本人要求核对，未泄露信息');
    await agentB.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await agentB.locator('.ant-card-small', { hasText: '客户本人要求核对，未泄露信息' }).getByText('申诉中').waitFor();
    expect(await evaluationOf(callB)).toMatchObject({ status: 'disputed', disputeReason: '客户本人要求核对，未泄露信息' });
    await screenshot(agentB, 'qa-agent');
    await agentA.context().close();
    if (agentB !== agentA) await agentB.context().close();
  }, 300_000);

  it('a QA lead (the manager) upholds the disputed score with the reason', async () => {
    const lead = await logIn(browser, banzu, 'manager', IN_SHANGHAI);
    await qaTab(lead, '评分记录');
    const card = lead.locator('.ant-card-small', { hasText: '客户本人要求核对，未泄露信息' }).first();
    await card.getByRole('button', { name: '处理申诉' }).click();
    const modal = lead.locator('.ant-modal:visible');
    await modal.getByLabel('处理理由').fill('录音中已读出完整卡号');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await lead.getByText('申诉已处理').waitFor();
    expect(await evaluationOf(callB)).toMatchObject({ status: 'confirmed', confirmedHow: 'upheld', score: 0, resolutionReason: '录音中已读出完整卡号' });
    await lead.context().close();
  }, 300_000);

  it("the agent's team leader opens coaching (个别辅导) from the evaluation", async () => {
    const leader = await logIn(browser, banzu, leaderOf(callA).username, IN_SHANGHAI);
    // The leader may pick any of the own team's recorded calls to score: the list holds the team's only.
    await qaTab(leader, '自选抽听');
    const team = new Set(agents.filter((a) => a.teamId === agentOf(callA).teamId).map((a) => a.employeeNo));
    const picked = leader.locator('.ant-table-row');
    await picked.first().waitFor();
    for (const agent of await picked.locator('td:nth-child(2)').allTextContents()) expect(team.has(agent.split(' ')[0]!)).toBe(true);
    await qaTab(leader, '评分记录');
    const card = leader.locator('.ant-card-small', { hasText: COMMENT }).first();
    await card.getByRole('button', { name: /^辅\s*导$/ }).click();
    const modal = leader.locator('.ant-modal:visible');
    await modal.getByLabel('辅导重点').fill('开场白语速');
    await modal.getByLabel('改进措施').fill('每天跟读标准开场白三遍');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await leader.getByText('已建立辅导记录').waitFor();
    await leader.getByRole('tab', { name: '辅导记录' }).click();
    await leader.getByText('开场白语速').first().waitFor();

    const records = await banzu.json<QaCoaching[]>(manager.token, 'GET', `/api/v1/qa/coaching?agentId=${callA.agentId}`);
    const evaluation = await evaluationOf(callA);
    expect(records.find((r) => r.focus === '开场白语速')).toMatchObject({ agentId: callA.agentId, actions: '每天跟读标准开场白三遍', itemKeys: ['item1'] });
    expect(records.find((r) => r.focus === '开场白语速')?.source).toMatchObject({ kind: 'qa_evaluation', id: evaluation.id });
    await screenshot(leader, 'qa-coaching');
    await leader.context().close();
  }, 300_000);

  it('qa1 puts the call in the model-call library, where it plays', async () => {
    await qaTab(qa, '评分记录');
    const card = qa.locator('.ant-card-small', { hasText: COMMENT }).first();
    await card.getByRole('button', { name: '加入录音库' }).click();
    const modal = qa.locator('.ant-modal:visible');
    await modal.getByLabel('分类').fill('开场白');
    await modal.getByLabel('说明').fill('培训用：开场白节奏');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await qa.getByText('已加入录音库').waitFor();
    await qa.getByRole('tab', { name: '录音库' }).click();
    const entry = qa.locator('.ant-list-item', { hasText: '培训用：开场白节奏' });
    await entry.getByText('优秀录音').waitFor();
    await entry.getByText(agentOf(callA).displayName).waitFor();
    await entry.locator('audio').waitFor();
    const library = await banzu.json<QaLibraryEntry[]>(qaDesk.token, 'GET', '/api/v1/qa/library');
    expect(library.find((l) => l.callId === callA.callId)).toMatchObject({ kind: 'good', category: '开场白' });
  }, 300_000);

  it('the QA star of the day, the QA report and 监听分值 in the reports show the confirmed scores', async () => {
    const stars = await banzu.json<QaStarEntry[]>(manager.token, 'GET', '/api/v1/qa/stars?period=day');
    const star = stars.find((s) => s.teamId === agentOf(callA).teamId)!;
    expect(star).toBeDefined();
    await qaTab(qa, '质检明星');
    await qa
      .locator('.ant-card-small', { hasText: '今日质检明星' })
      .getByText(`平均 ${star.average.toFixed(1)} 分 · ${star.evaluations} 次`)
      .first()
      .waitFor();
    await qa.getByText(star.agentName).first().waitFor();

    // The QA report per agent: the agent's evaluations, average and 致命项率.
    const report = await banzu.json<QaReport>(qaDesk.token, 'GET', `/api/v1/qa/report?from=${today}&to=${today}&by=agent`);
    const line = report.rows.find((r) => r.key === callA.agentId)!;
    expect(line.evaluations).toBeGreaterThanOrEqual(1);
    await qa.getByRole('tab', { name: '质检报表' }).click();
    const row = qa.locator('.ant-table-row', { hasText: agentOf(callA).displayName }).first();
    await row.getByText(line.averageScore!.toFixed(1), { exact: true }).waitFor();
    await qa.getByText('失分最多的评分项').waitFor();
    await qa.locator('.ant-table-row', { hasText: '标准开场白' }).first().waitFor();
    await screenshot(qa, 'qa-report');

    // The wallboard greets the floor with the star.
    const lead = await logIn(browser, banzu, 'manager', IN_SHANGHAI);
    await lead.goto(`${banzu.url}/wallboard`);
    await lead.getByText('今日质检明星').waitFor();
    await lead.getByText(star.agentName).first().waitFor();

    // 监听分值 is the mean of the agent's scores today, in the API and on the scorecard.
    const scores = (await banzu.json<QaEvaluation[]>(manager.token, 'GET', `/api/v1/qa/evaluations?agentId=${callA.agentId}&purpose=evaluation`)).map((e) => e.score);
    let monitoring: number | null = null;
    for (let tries = 0; tries < 60 && monitoring === null; tries++) {
      const figures = await banzu.json<{ total: { metrics: Record<string, number | null> } }>(
        manager.token,
        'GET',
        `/api/v1/reports/metrics?from=${today}&to=${today}&by=agent&agentId=${callA.agentId}`,
      );
      monitoring = figures.total.metrics.monitoringScore ?? null;
      if (monitoring === null || Math.abs(monitoring - mean(scores)) > 1e-9) {
        monitoring = null;
        await sleep(1_000);
      }
    }
    expect(monitoring).toBeCloseTo(mean(scores), 9);
    await lead.goto(`${banzu.url}/reports`);
    await lead.getByRole('tab', { name: '成绩单' }).click();
    const agent = agentOf(callA);
    // The scorecard's agent picker, showing an agent (工号 and name) before the choice.
    await choose(lead, lead.locator('.ant-select:visible', { hasText: /^\d{4} / }).locator('input'), `${agent.employeeNo} ${agent.displayName}`, agent.employeeNo!);
    const scoreLine = lead.locator('.ant-table-row:visible', { hasText: '监听分值' });
    await scoreLine.getByText(monitoring!.toFixed(2), { exact: true }).first().waitFor();
    await screenshot(lead, 'qa-scorecard');
    await lead.context().close();
  }, 300_000);

  it('a QA lead opens a calibration (校准) on a call; three inspectors score it blind; the spread per item and Fleiss κ follow their scores; closed, it takes no more', async () => {
    // Three more inspectors join QA for it (the staff page's work, not what is tested here); the last never scores.
    const others = ['质检员乙', '质检员丙', '质检员丁'];
    for (const [n, displayName] of others.entries()) {
      await banzu.json<Profile>(manager.token, 'POST', '/api/v1/users', { username: `qa${n + 2}`, displayName, role: 'qa', password: banzu.password });
    }
    const [qa2, qa3, qa4] = [await logIn(browser, banzu, 'qa2', IN_SHANGHAI), await logIn(browser, banzu, 'qa3', IN_SHANGHAI), await logIn(browser, banzu, 'qa4', IN_SHANGHAI)];
    const lead = await logIn(browser, banzu, 'manager', IN_SHANGHAI);

    await qaTab(lead, '校准');
    await lead.getByRole('button', { name: '发起校准' }).click();
    const modal = lead.locator('.ant-modal:visible');
    await modal.getByLabel('通话编号').fill(callA.callId);
    await choose(lead, modal.getByLabel('评分表'), `${FORM} · 第 1 版`);
    for (const name of [qaDesk.name, ...others]) await choose(lead, modal.getByLabel('受邀质检员'), name, name);
    await modal.getByLabel('校准说明').fill('开场白语速算不算扣分');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await lead.getByText('已发起校准，受邀质检员的待检队列中会出现这通电话').waitFor();
    const session = (await banzu.json<QaCalibrationSession[]>(manager.token, 'GET', '/api/v1/qa/calibration-sessions')).find((s) => s.callId === callA.callId)!;
    const opened = await calibrationRow(lead, session.id);
    for (const name of [qaDesk.name, ...others]) await opened.row.getByText(`${name} 待评`).waitFor();
    await opened.detail.getByText('尚无人评分').waitFor();

    // qa1 and qa2 agree on every item: 6 of 10 for the greeting, the answer N/A, the fatal item passed (80 of 100).
    await expectBlind(qa, session.id, callA.callId);
    await scoreCalibration(qa, session.id, callA.callId, 6, '80.0');
    // qa2 sees that qa1 has scored, not how.
    await expectBlind(qa2, session.id, callA.callId);
    await (await calibrationRow(qa2, session.id)).row.getByText(`${qaDesk.name} 已评`).waitFor();
    await scoreCalibration(qa2, session.id, callA.callId, 6, '80.0');
    // Two sheets alike: full agreement.
    const agreed = await calibrationRow(qa, session.id);
    await agreed.detail.getByText('一致性（Fleiss κ）: 1.00').waitFor();
    await agreed.detail.getByText(`${qaDesk.name} 80.0`).waitFor();
    await agreed.detail.getByText('质检员乙 80.0').waitFor();
    expect(await agreed.detail.getByText('意见不一').count()).toBe(0);

    // qa3, still to score, sees neither sheet: not in the session, not by the call.
    await expectBlind(qa3, session.id, callA.callId);
    expect(await (await calibrationRow(qa3, session.id)).detail.getByText('80.0').count()).toBe(0);
    // qa3 gives the greeting full marks: one of three disagrees on one item.
    await scoreCalibration(qa3, session.id, callA.callId, 10, '100.0');
    // qa4 opens the sheet, but is late.
    await qaTab(qa4, '待检队列');
    await qa4
      .locator(`tr[data-row-key="${callA.callId}/${session.id}"]`)
      .getByRole('button', { name: /^评\s*分$/ })
      .click();
    const late = qa4.locator('.ant-drawer-open .ant-drawer-content-wrapper');
    await late.getByLabel('item1-earned').fill('0');

    // Per item the categories (part 6, N/A, full) of three inspectors: the greeting 2 : 1, the others unanimous.
    // Observed agreement (1/3 + 1 + 1) / 3 = 7/9; by chance (2² + 3² + 4²) / 9² = 29/81; κ = (63 − 29) / (81 − 29) = 0.65.
    const result = await calibrationRow(lead, session.id);
    await result.row.getByRole('cell', { name: '0.65', exact: true }).waitFor();
    await result.detail.getByText('一致性（Fleiss κ）: 0.65').waitFor();
    for (const sheet of [`${qaDesk.name} 80.0`, '质检员乙 80.0', '质检员丙 100.0']) await result.detail.getByText(sheet).waitFor();
    const greeting = result.detail.locator('.ant-table-row', { hasText: '标准开场白' });
    await greeting.getByRole('cell', { name: '6 – 10', exact: true }).waitFor();
    await greeting.getByRole('cell', { name: '7.3', exact: true }).waitFor();
    await greeting.getByText('意见不一').waitFor();
    const fatalItem = result.detail.locator('.ant-table-row', { hasText: '泄露客户信息' });
    await fatalItem.getByRole('cell', { name: '10', exact: true }).waitFor();
    expect(await fatalItem.getByText('意见不一').count()).toBe(0);
    // The month's agreement per item puts the greeting first: on its own, 2 : 1 is below chance (κ −0.50), 4 points apart.
    const month = lead.locator('.ant-card-small', { hasText: '本月各评分项一致性（1 次校准）' }).locator('.ant-table-row').first();
    await month.getByText(`标准开场白（${FORM}）`).waitFor();
    await month.getByRole('cell', { name: '-0.50', exact: true }).waitFor();
    await month.getByRole('cell', { name: '4.0 / 10', exact: true }).waitFor();
    await screenshot(lead, 'qa-calibration');

    // The lead closes the session: the agreement is final, qa4 missed it and can score it no more.
    await result.row.getByRole('button', { name: '结束校准' }).click();
    await lead
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /^确\s*定$/ })
      .click();
    await lead.getByText('已结束校准').waitFor();
    const closed = await calibrationRow(lead, session.id);
    await closed.row.getByText('已结束', { exact: true }).waitFor();
    await closed.row.getByText('质检员丁 未评').waitFor();
    await closed.detail.getByText('最终一致性（Fleiss κ）: 0.65').waitFor();
    expect(await closed.row.getByRole('button', { name: '结束校准' }).count()).toBe(0);
    await late.getByRole('button', { name: '提交评分' }).click();
    await qa4.getByText(/这次校准已于 .+ 结束，不能再提交评分/).waitFor();
    expect(await late.getByText(/已评分/).count()).toBe(0);
    await qa4.keyboard.press('Escape');
    // The call has left qa4's queue once it has loaded, and the final figures are no longer hidden from qa4.
    await qaTab(qa4, '待检队列');
    await qa4.locator('.ant-table-wrapper').waitFor();
    await qa4.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
    expect(await qa4.locator(`tr[data-row-key="${callA.callId}/${session.id}"]`).count()).toBe(0);
    const missed = await calibrationRow(qa4, session.id);
    await missed.detail.getByText('最终一致性（Fleiss κ）: 0.65').waitFor();
    await missed.detail.getByText('质检员丙 100.0').waitFor();

    // Calibration sheets count nowhere else: callA's agent still has the one evaluation.
    expect(await banzu.json<QaEvaluation[]>(manager.token, 'GET', `/api/v1/qa/evaluations?callId=${callA.callId}`)).toHaveLength(1);
    for (const page of [qa2, qa3, qa4, lead]) await page.context().close();
  }, 600_000);

  it('confirmed fatal failures put the agent on the penalty ladder (处理跟进); the leader books the fine as a discipline item (QA-01)', async () => {
    const agent = agentOf(callB);
    const leader = await logIn(browser, banzu, leaderOf(callB).username, IN_SHANGHAI);
    // The upheld dispute was the agent's first confirmed fatal failure: the ladder's first step.
    const first = await evaluationOf(callB);
    await qaTab(leader, '处理跟进');
    const firstRow = leader.locator(`tr[data-row-key="${first.id}"]`);
    await firstRow.getByText('1. 口头提醒').waitFor();
    await firstRow.getByRole('cell', { name: '1', exact: true }).waitFor();
    await firstRow.getByRole('cell', { name: '口头警告', exact: true }).waitFor();

    // The center follows seed 004's "再犯同样错误直接扣罚": a repeat of the same fatal error is fined at once
    // (the settings page's ladder; its editor is not what is tested here). The page names the step to come from it.
    const settings = await banzu.json<QaSettings>(manager.token, 'GET', '/api/v1/qa/settings');
    const steps = settings.ladder.steps.filter((step) => ['verbal_reminder', 'fine', 'dismissal'].includes(step.code));
    await banzu.json(manager.token, 'PATCH', '/api/v1/qa/settings', { ladder: { ...settings.ladder, steps } });
    await qaTab(leader, '处理跟进');
    await firstRow.getByRole('cell', { name: '经济扣罚', exact: true }).waitFor();

    // The agent fails the same fatal item on another call (scored as any call is, above).
    const [repeat] = await unscoredCalls(agent.id, 1);
    const fine = await banzu.json<QaEvaluation>(manager.token, 'POST', '/api/v1/qa/evaluations', {
      callId: repeat,
      formId: form.id,
      answers: [
        { key: 'item1', earned: 10 },
        { key: 'item2', earned: 30 },
        { key: 'item3', failed: true },
      ],
    });

    // The agent signs it: the reminder slip (质检提醒单) names the fine.
    const agentPage = await logIn(browser, banzu, agent.username, IN_SHANGHAI);
    await qaTab(agentPage, '我的质检');
    await agentPage.locator('.ant-card-small', { hasText: '待签字' }).filter({ hasText: '致命项' }).getByRole('button', { name: '签字确认' }).click();
    await agentPage.getByText('处理：经济扣罚').waitFor();
    await screenshot(agentPage, 'qa-slip');
    await agentPage.context().close();

    // The leader sees the agent once, at the second step (经济扣罚) with two offences, the slip signed, the fine to book.
    await qaTab(leader, '处理跟进');
    const row = leader.locator(`tr[data-row-key="${fine.id}"]`);
    await row.getByText('2. 经济扣罚').waitFor();
    await row.getByRole('cell', { name: '2', exact: true }).waitFor();
    await row.getByRole('cell', { name: '辞退', exact: true }).waitFor();
    await row.getByText('已签').waitFor();
    await row.getByText('待记扣分').waitFor();
    expect(await firstRow.count()).toBe(0);
    await row.getByRole('button', { name: '记扣分' }).click();
    await row.getByText('已记扣分').waitFor();
    await row.getByText('待记扣分').waitFor({ state: 'detached' });
    await screenshot(leader, 'qa-penalties');

    // The fine is the agent's discipline item under QA-01, linked from the penalty, on the leader's discipline page.
    const standing = (await banzu.json<QaPenaltyStanding[]>(manager.token, 'GET', '/api/v1/qa/penalties')).find((s) => s.evaluationId === fine.id)!;
    expect(standing).toMatchObject({ offences: 2, step: { code: 'fine' }, todo: ['carry_out'] });
    const month = today.slice(0, 7);
    const points = await banzu.json<DisciplinePointPage>(manager.token, 'GET', `/api/v1/discipline/points?month=${month}&agentId=${agent.id}`);
    const point = points.items.find((p) => p.id === standing.disciplinePointId)!;
    expect(point).toMatchObject({ ruleCode: 'QA-01', agentId: agent.id, status: 'recorded' });
    expect(point.note).toContain('泄露客户信息');
    expect(point.note).toContain(repeat);
    await leader.goto(`${banzu.url}/discipline`);
    const item = leader.locator('.ant-table-row', { hasText: `QA-01 ${point.ruleText}` });
    await item.getByText(point.note).waitFor();
    await item.getByText(`${agent.employeeNo} ${agent.displayName}`).waitFor();
    await screenshot(leader, 'qa-fine');
    await leader.context().close();
  }, 900_000);
});
