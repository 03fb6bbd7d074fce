import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centerDate, centerTime, type Desk, launchChromium, logIn, type RunningBanzu, screenshot, screenshotsOnFailure, startBanzu } from './index';

/** Bounds against a hang on a busy machine, not speed requirements. */
const SEE_TIMEOUT_MS = 90_000;
/** The demo's agent (客服一组) and the team's leader. */
const AGENT = '8001';
const LEADER = 'leader1';
/** The shift began this long before the test: the agent, not logged in, is late by at least as much. */
const LATE_MINUTES = 20;
const REASON = '门禁系统故障，班组长确认已按时到岗';

describe('in a real browser: a late login against the published roster (issue 15)', () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let agentDesk: Desk;
  let leaderDesk: Desk;
  let leader: Page;
  let shiftDate: string;
  let month: string;

  beforeAll(async () => {
    // No simulation: nobody logs the demo's agents in, so 8001 is logged out until the test says.
    banzu = await startBanzu({ BANZU_SIM: 'false' }, 600_000);
    browser = await launchChromium();
    agentDesk = await banzu.desk(AGENT);
    leaderDesk = await banzu.desk(LEADER);
    const teamId = leaderDesk.teamId!;
    const { timeZone } = await banzu.json<{ timeZone: string }>(leaderDesk.token, 'GET', '/api/v1/center');
    // A 5-hour shift (no lunch) that began LATE_MINUTES ago on the center's clock.
    const began = centerTime(Date.now() - LATE_MINUTES * 60_000, timeZone);
    const ends = centerTime(Date.now() + (300 - LATE_MINUTES) * 60_000, timeZone);
    shiftDate = began.slice(0, 10);
    month = shiftDate.slice(0, 7);
    // Four weeks of history for a queue, so the month can be generated from a forecast.
    const [queue] = await banzu.json<{ id: string }[]>(leaderDesk.token, 'GET', '/api/v1/queues');
    const rows = ['start,calls,aht'];
    for (let d = 28; d >= 1; d--) rows.push(`${centerDate(Date.now() - d * 86_400_000, timeZone)}T10:00,20,180`);
    await banzu.json(leaderDesk.token, 'POST', `/api/v1/wfm/history/${queue!.id}`, { csv: rows.join('\n') });
    // The month drafted from tomorrow on and published; then the leader puts the agent on the shift today.
    await banzu.json(leaderDesk.token, 'POST', '/api/v1/wfm/rosters', {
      teamId,
      month,
      queueIds: [queue!.id],
      share: 0.2,
      shifts: [{ name: '测试班', start: began.slice(11), end: ends.slice(11) }],
    });
    await banzu.json(leaderDesk.token, 'POST', `/api/v1/wfm/rosters/${teamId}/${month}/publish`);
    leader = await logIn(browser, banzu, LEADER, { timeZone, timeout: SEE_TIMEOUT_MS, home: /\/wallboard$/ });
  }, 900_000);

  screenshotsOnFailure('attendance', () => browser);

  afterAll(async () => {
    await browser?.close();
    await banzu?.stop();
  });

  it('the shift put on the published roster shows at once on the wallboard: the agent who has not logged in is late and out of adherence', async () => {
    const row = leader.locator(`[data-adherence-agent="${AGENT}"]`);
    expect(await row.count()).toBe(0);
    await banzu.json(leaderDesk.token, 'PUT', `/api/v1/wfm/rosters/${leaderDesk.teamId}/${month}/shifts/${agentDesk.id}/${shiftDate}`, { shift: '测试班', note: '临时加班次' });
    await row.waitFor();
    expect(Number(await row.getAttribute('data-late'))).toBeGreaterThanOrEqual(LATE_MINUTES - 1);
    expect(await row.getAttribute('data-in-adherence')).toBe('false');
    await row.getByText(/迟到 \d+ 分钟/).waitFor();
    await row.getByText(/未遵守排班 \d+:\d\d/).waitFor();
    // The agent's own card says it too.
    await leader.locator(`li[data-agent="${AGENT}"] .agent-late`).waitFor();
    await screenshot(leader, 'adherence-late', false);
  }, 300_000);

  it('the agent logs in late: in adherence from then on, still marked late', async () => {
    await banzu.json(agentDesk.token, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    const row = leader.locator(`[data-adherence-agent="${AGENT}"][data-in-adherence="true"]`);
    await row.waitFor();
    expect(Number(await row.getAttribute('data-late'))).toBeGreaterThanOrEqual(LATE_MINUTES - 1);
    await leader.locator(`li[data-agent="${AGENT}"] .agent-out-of-adherence`).waitFor({ state: 'detached' });
  }, 300_000);

  it('the attendance report lists the late arrival with 出勤率; the leader corrects it with a reason, and the sheet and the log say so', async () => {
    await leader.goto(`${banzu.url}/attendance`);
    const late = leader.locator(`.attendance-shifts tr[data-agent="${AGENT}"][data-date="${shiftDate}"]`);
    await late.waitFor();
    expect(await late.getAttribute('data-status')).toBe('late');
    await late.getByText('迟到', { exact: true }).waitFor();
    // 出勤率 has a value for the agent, not a dash.
    const summary = leader.locator('.attendance-agents .ant-table-row', { hasText: AGENT });
    await summary
      .getByText(/\d+(\.\d)?%/)
      .first()
      .waitFor();

    await late.getByRole('button', { name: /更\s*正/ }).click();
    const modal = leader.locator('.ant-modal:visible');
    // Without a reason nothing is saved.
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.getByText('请填写更正原因').waitFor();
    await modal.getByLabel('原因').fill(REASON);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    const corrected = leader.locator(`.attendance-shifts tr[data-agent="${AGENT}"][data-date="${shiftDate}"][data-status="present"]`);
    await corrected.getByText('已更正').waitFor();
    await corrected.getByText(REASON, { exact: false }).waitFor();
    await screenshot(leader, 'attendance-corrected');

    const report = await banzu.json<{
      agents: {
        userId: string;
        late: number;
        attendanceRate: number | null;
        shifts: { date: string; status: string; computedStatus: string; correction: { reason: string } | null }[];
      }[];
    }>(leaderDesk.token, 'GET', `/api/v1/wfm/attendance/${leaderDesk.teamId}/${month}`);
    const mine = report.agents.find((a) => a.userId === agentDesk.id)!;
    expect(mine.shifts.find((s) => s.date === shiftDate)).toMatchObject({ status: 'present', computedStatus: 'late', correction: { reason: REASON } });
    expect(mine.late).toBe(0);
    expect(mine.attendanceRate).not.toBeNull();
    const xlsx = await banzu.api(leaderDesk.token, 'GET', `/api/v1/wfm/attendance/${leaderDesk.teamId}/${month}?format=xlsx`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === AGENT && r[2] === shiftDate)?.at(-1)).toContain(REASON);
  }, 300_000);
});
