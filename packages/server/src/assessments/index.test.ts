import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { han, readBack, rowWith, utcMoment } from '../testing/workbook';
import type { AssessmentItem } from './index';

interface Page {
  month: string;
  monthOver: boolean;
  items: AssessmentItem[];
}

describe.each(backends)('monthly assessment (月度考核) ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let leader: string;
  let otherLeader: string;
  let agent: string;
  let colleague: string;
  let agentId: string;
  let colleagueId: string;
  let teamId: string;
  let otherTeamId: string;

  const call = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const sheet = (page: Page, id: string) => page.items.find((i) => i.agentId === id)!;

  beforeAll(async () => {
    // The test clock is Monday 5 January 2026: December 2025 is over, January under way.
    h = await openTestApp(backend);
    [manager, leader, otherLeader, agent, colleague] = (await Promise.all(['manager', 'leader1', 'leader2', '8001', '8002'].map((u) => h.login(u)))) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const ids = await h.t.store.query<{ id: string; teamId: string }>(
      "SELECT a.user_id AS id, u.team_id AS \"teamId\" FROM agents a JOIN users u ON u.id = a.user_id WHERE a.employee_no IN ('8001', '8002', '8005') ORDER BY a.employee_no",
    );
    [agentId, colleagueId] = ids.map((r) => r.id) as [string, string];
    teamId = ids[0]!.teamId;
    otherTeamId = ids[2]!.teamId;
    const [{ id: queueId }] = (await h.t.store.query<{ id: string }>("SELECT id FROM queues WHERE name = '售前咨询'")) as [{ id: string }];
    // December's figures as the reports keep them: every weekday logged in; 8001 answers faster and scores better in QA.
    for (let day = 1; day <= 31; day++) {
      const date = `2025-12-${String(day).padStart(2, '0')}`;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const [id, talk, qa] of [
        [agentId, 150, 95],
        [colleagueId, 240, 80],
      ] as const) {
        await h.t.store.query(
          `INSERT INTO day_tallies (day, queue_id, agent_id, team_id, offered, answered, talk_seconds, logged_in_seconds, qa_score_sum, qa_evaluations)
           VALUES ($1, $2, $3, $4, 10, 10, $5, 28800, $6, 1)`,
          [date, queueId, id, teamId, talk * 10, qa],
        );
      }
    }
    await call(manager, 'PUT', '/api/v1/targets', { metricId: 'averageHandleTime', scope: 'center', target: 180 });
  });
  afterAll(() => h.close());

  it("builds each agent's December from the reports, QA, leave and discipline points, with ranks and seed 003's bonus", async () => {
    // 8001: three days of sick leave (Monday 8 to Wednesday 10 December); 8002: five of personal leave, which forfeits the attendance bonus.
    for (const [token, kind, startDate, endDate] of [
      [agent, 'sick', '2025-12-08', '2025-12-10'],
      [colleague, 'personal', '2025-12-15', '2025-12-19'],
    ] as const) {
      const asked = await call<{ id: string }>(token, 'POST', '/api/v1/leave', { kind, startDate, endDate }, 201);
      await call(leader, 'POST', `/api/v1/leave/${asked.id}/approve`, {});
    }
    const rules = await call<{ code: string; points: number }[] | { items: { code: string; points: number }[] }>(leader, 'GET', '/api/v1/discipline/rules');
    const rule = (Array.isArray(rules) ? rules : rules.items).find((r) => r.points > 0)!;
    await call(leader, 'POST', '/api/v1/discipline/points', { agentId, ruleCode: rule.code, occurredAt: '2025-12-11T02:00:00.000Z', note: '离座未示忙' }, 201);

    const page = await call<Page>(leader, 'GET', `/api/v1/assessments?month=2025-12&team=${teamId}`);
    expect(page.monthOver).toBe(true);
    expect(page.items.every((i) => i.teamId === teamId)).toBe(true);
    expect(page.items.length).toBe(4);

    // The same figures as the reports for that month.
    const report = await call<Report>(manager, 'GET', '/api/v1/reports/metrics?from=2025-12-01&to=2025-12-31&by=agent');
    const mine = sheet(page, agentId);
    const theirs = sheet(page, colleagueId);
    for (const [item, id] of [
      [mine, agentId],
      [theirs, colleagueId],
    ] as const) {
      const row = report.rows.find((r) => r.key === id)!;
      expect(item.componentDetails.qa.value).toBe(row.metrics.monitoringScore);
      expect(item.componentDetails.kpi.lines).toEqual([
        { metricId: 'averageHandleTime', value: row.metrics.averageHandleTime, target: 180, met: row.metrics.averageHandleTime! <= 180 },
      ]);
    }
    expect(mine.componentDetails.qa.value).toBe(95);
    expect(mine.componentDetails.kpi).toMatchObject({ score: 100 });
    expect(theirs.componentDetails.kpi).toMatchObject({ score: 75 });

    // Leave from WFM: days excused from attendance, priced by seed 003.
    expect(mine.leave).toMatchObject({ sick: 3, personal: 0 });
    expect(mine.componentDetails.attendance).toMatchObject({ source: 'logins', score: 100, expected: 20, attended: 20 });
    expect(mine.bonusDetail).toMatchObject({ attendance: 170, deductions: [{ kind: 'sick', days: 3, amount: 30, forfeit: false }] });
    expect(theirs.leave.personal).toBe(5);
    expect(theirs.bonusDetail.attendance).toBe(0);

    // Points from the discipline module appear in components.points (the API contract), with their detail.
    expect(mine.components.points).toBe(rule.points);
    expect(mine.componentDetails.points).toMatchObject({ value: rule.points, score: 100 - rule.points, reason: null });
    expect(theirs.componentDetails.points).toMatchObject({ value: 0, score: 100 });
    // No exam taken: said so, not a 0.
    expect(mine.componentDetails.exam).toEqual({ value: null, score: null, reason: '本月没有考试成绩' });
    expect(mine.missing).toEqual(['exam']);

    // Ranks follow the scores; agents without any figure are not ranked.
    expect(mine.score!).toBeGreaterThan(theirs.score!);
    expect(mine.rank).toBe(1);
    expect(theirs.rank).toBe(2);
    expect(mine.bonus).toBe(mine.bonusDetail.attendance + mine.bonusDetail.evaluation);
    expect(mine.bonusDetail.evaluation).toBe(Math.round(2 * mine.score! * 100) / 100);
    // 8003 joined on Monday 15 December (员工档案): 13 working days expected, none logged in.
    const [{ id: thirdId }] = (await h.t.store.query<{ id: string }>("SELECT user_id AS id FROM agents WHERE employee_no = '8003'")) as [{ id: string }];
    await h.t.store.query("INSERT INTO staff_records (agent_id, hire_date, created_at, updated_at) VALUES ($1, '2025-12-15', now(), now())", [thirdId]);
    const joined = sheet(await call<Page>(leader, 'GET', `/api/v1/assessments?month=2025-12&team=${teamId}`), thirdId);
    expect(joined.componentDetails.attendance).toMatchObject({ source: 'logins', expected: 13, attended: 0, score: 0, absent: 13 });
    const center = await call<Page>(manager, 'GET', '/api/v1/assessments?month=2025-12');
    expect(center.items.length).toBeGreaterThan(page.items.length);
    expect(sheet(center, agentId).centerRank).toBe(1);
  });

  it('refuses a bad month, another team and other agents, in Chinese (English when asked)', async () => {
    const bad = await h.call(leader, 'GET', '/api/v1/assessments?month=2025-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('月份格式');
    expect((await h.call(leader, 'GET', '/api/v1/assessments?month=2026-03')).json().error.message).toBe('2026-03 还没有到，不能考核');
    expect((await h.call(leader, 'GET', '/api/v1/assessments?month=2026-03&lang=en')).json().error.message).toBe('2026-03 has not come yet: it cannot be assessed');
    const other = await h.call(leader, 'GET', `/api/v1/assessments?month=2025-12&team=${otherTeamId}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toContain('本班组');
    // An agent sees only the own sheet, whatever is asked.
    const own = await call<Page>(agent, 'GET', '/api/v1/assessments?month=2025-12');
    expect(own.items.map((i) => i.agentId)).toEqual([agentId]);
    expect((await h.call(agent, 'GET', `/api/v1/assessments?month=2025-12&team=${otherTeamId}`)).statusCode).toBe(403);
    expect((await h.call(otherLeader, 'POST', `/api/v1/assessments/2025-12/${agentId}/comment`, { comment: '不错' })).statusCode).toBe(403);
    expect((await h.call(agent, 'GET', '/api/v1/assessments/export?month=2025-12')).statusCode).toBe(403);
    expect((await h.call(leader, 'PUT', '/api/v1/assessment-rules', { weights: { kpi: 1, qa: 1, attendance: 1, points: 1, exam: 1 } })).statusCode).toBe(403);
  });

  it('the leader comments, the agent confirms after the month: the sheet is frozen against later data', async () => {
    const commented = await call<AssessmentItem>(leader, 'POST', `/api/v1/assessments/2025-12/${agentId}/comment`, { comment: '接听效率高，继续保持' });
    expect(commented).toMatchObject({ comment: '接听效率高，继续保持', commentedBy: expect.any(String), commentedAt: '2026-01-05T01:00:00.000Z' });
    expect((await h.call(agent, 'POST', '/api/v1/assessments/2026-01/confirm')).json().error.message).toContain('还没有结束');
    expect((await h.call(leader, 'POST', '/api/v1/assessments/2025-12/confirm')).statusCode).toBe(403);
    const confirmed = await call<AssessmentItem>(agent, 'POST', '/api/v1/assessments/2025-12/confirm');
    expect(confirmed).toMatchObject({ frozen: true, confirmedBy: agentId, confirmedAt: '2026-01-05T01:00:00.000Z', comment: '接听效率高，继续保持' });
    expect((await h.call(agent, 'POST', '/api/v1/assessments/2025-12/confirm')).statusCode).toBe(409);

    // A late QA evaluation of December changes the open sheets, not the confirmed one.
    await h.t.store.query('UPDATE day_tallies SET qa_score_sum = 0 WHERE day = $1', ['2025-12-31']);
    const after = await call<Page>(leader, 'GET', `/api/v1/assessments?month=2025-12&team=${teamId}`);
    expect(sheet(after, agentId)).toMatchObject({ score: confirmed.score, bonus: confirmed.bonus, componentDetails: confirmed.componentDetails });
    expect(sheet(after, colleagueId).componentDetails.qa.value).toBeLessThan(80);
    const refused = await h.call(leader, 'POST', `/api/v1/assessments/2025-12/${agentId}/comment`, { comment: '改评语' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('已确认');
    const audit = await h.t.store.query<{ action: string }>("SELECT action FROM audit_log WHERE subject = 'assessments' ORDER BY at");
    expect(audit.map((a) => a.action)).toEqual(['assessment.comment', 'assessment.confirm']);
  });

  it('exports the team in the layout of the paper form, audited', async () => {
    const res = await h.call(leader, 'GET', '/api/v1/assessments/export?month=2025-12');
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('月度考核表')!;
    expect(ws.getCell('A1').value).toBe('月度考核表');
    expect(String(ws.getCell('D2').value)).toContain('2025-12');
    expect(String(ws.getCell('G2').value)).toMatch(/^服务水平口径：/);
    const header = ws.getRow(3).values as unknown[];
    expect(header).toEqual(expect.arrayContaining(['工号', '姓名', '考核得分', '组内名次', '奖金合计', '组长评语', '座席确认']));
    const row = ws.getRow(4).values as unknown[];
    expect(row).toEqual(expect.arrayContaining(['8001', '接听效率高，继续保持']));
    expect(row.some((v) => typeof v === 'string' && v.startsWith('已确认'))).toBe(true);
    // Confirmed at 09:00 on the center's clock (01:00 UTC), not in UTC or the browser's format.
    expect(row).toContain('2026-01-05 09:00:00');
    const en = (await readBack((await h.call(leader, 'GET', '/api/v1/assessments/export?month=2025-12&lang=en')).rawPayload)).sheets[0]!;
    expect(en.name).toBe('Monthly assessment');
    const enHeader = rowWith(en, 'Employee no.');
    expect(enHeader).toEqual(expect.arrayContaining(['Employee no.', 'Name', 'Score', 'Team rank', 'Bonus', "Leader's comment", 'Confirmed at']));
    expect(`${en.rows[0]!.join(' ')} ${enHeader.join(' ')}`).not.toMatch(han);
    expect(en.rows[1]!.join(' ')).toMatch(/^Team: .* Month: 2025-12 .*Service level: /);
    expect(en.rows[3]!).toContain('2026-01-05 09:00:00');
    expect(en.rows.flat().some((c) => utcMoment.test(c))).toBe(false);
    const [audit] = await h.t.store.query<{ rowCount: number }>("SELECT row_count AS \"rowCount\" FROM audit_log WHERE subject = 'assessments' AND action = 'export'");
    expect(audit?.rowCount).toBe(4);
  });

  it('takes attendance from the published roster (leave excused) and exam scores from training, in the month under way', async () => {
    const [trainer, third] = (await Promise.all(['trainer1', '8003'].map((u) => h.login(u)))) as [string, string];
    const [{ id: thirdId }] = (await h.t.store.query<{ id: string }>("SELECT user_id AS id FROM agents WHERE employee_no = '8003'")) as [{ id: string }];
    // January's published roster: everyone of the team on Friday 2 January 08:30-17:30 (00:30-09:30 UTC).
    await h.t.store.query(
      `INSERT INTO wfm_rosters (team_id, month, status, shift_templates, generated_at, published_at) VALUES ($1, '2026-01', 'published', '[{"name":"早班","start":"08:30","end":"17:30"}]', now(), now())`,
      [teamId],
    );
    for (const id of [agentId, colleagueId, thirdId]) {
      await h.t.store.query(
        `INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at) VALUES ($1, '2026-01', $2, '2026-01-02', '早班', '2026-01-02T00:30:00Z', '2026-01-02T09:30:00Z')`,
        [teamId, id],
      );
    }
    // 8001 logged in the whole shift; 8002 never came; 8003 was on approved sick leave that day.
    for (let q = 0; q < 36; q++) {
      await h.t.store.query('INSERT INTO interval_tallies (interval_start, agent_id, team_id, logged_in_seconds) VALUES ($1, $2, $3, 900)', [
        new Date(Date.UTC(2026, 0, 2, 0, 30) + q * 900_000),
        agentId,
        teamId,
      ]);
    }
    const sick = await call<{ id: string }>(third, 'POST', '/api/v1/leave', { kind: 'sick', startDate: '2026-01-02', endDate: '2026-01-02' }, 201);
    await call(leader, 'POST', `/api/v1/leave/${sick.id}/approve`, {});
    // An exam in January: 8001 full marks, 8002 40%.
    const exam = await call<{ id: string }>(
      trainer,
      'POST',
      '/api/v1/training/exams',
      {
        title: '一月业务考试',
        passPercent: 60,
        questions: [
          { key: 'q1', kind: 'single', text: '首问负责制是指？', points: 6, options: ['谁先接谁负责到底', '组长负责'], answer: 0 },
          { key: 'q2', kind: 'true_false', text: '病假每天扣发10元', points: 4, answer: true },
        ],
      },
      201,
    );
    const now = h.clock.now();
    await call(trainer, 'POST', `/api/v1/training/exams/${exam.id}/publish`, {
      teamIds: [teamId],
      opensAt: new Date(now).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    });
    await call(agent, 'POST', `/api/v1/training/my-exams/${exam.id}/submissions`, { answers: { q1: 0, q2: true } }, 201);
    await call(colleague, 'POST', `/api/v1/training/my-exams/${exam.id}/submissions`, { answers: { q1: 1, q2: true } }, 201);

    const page = await call<Page>(leader, 'GET', `/api/v1/assessments?month=2026-01&team=${teamId}`);
    expect(page.monthOver).toBe(false);
    expect(sheet(page, agentId).componentDetails.attendance).toMatchObject({ source: 'roster', expected: 540, attended: 540, score: 100, absent: 0 });
    expect(sheet(page, colleagueId).componentDetails.attendance).toMatchObject({ source: 'roster', expected: 540, attended: 0, score: 0, absent: 1 });
    expect(sheet(page, thirdId).componentDetails.attendance).toMatchObject({ source: 'roster', expected: 0, score: null, reason: '本月排班中没有到期的班次' });
    expect(sheet(page, thirdId).leave.sick).toBe(1);
    expect(sheet(page, agentId).componentDetails.exam).toMatchObject({ value: 100, score: 100, reason: null });
    expect(sheet(page, colleagueId).componentDetails.exam).toMatchObject({ value: 40, score: 40 });
    expect(sheet(page, thirdId).componentDetails.exam.reason).toBe('本月没有考试成绩');
  });

  it('follows the center rules the manager sets, and refuses rules that cannot be used', async () => {
    const bad = await h.call(manager, 'PUT', '/api/v1/assessment-rules', {
      weights: { kpi: 0, qa: 0, attendance: 0, points: 0, exam: 0 },
      attendanceBonus: 200,
      evaluationBonus: 200,
      evaluationMinScore: 60,
      leaveDeductions: {},
      scorePerPoint: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('权重不能全部为 0');
    await call(manager, 'PUT', '/api/v1/assessment-rules', {
      weights: { kpi: 0, qa: 100, attendance: 0, points: 0, exam: 0 },
      attendanceBonus: 300,
      evaluationBonus: 100,
      evaluationMinScore: 90,
      leaveDeductions: { personal: { perDay: 20, forfeitAtDays: null } },
      scorePerPoint: 1,
    });
    const page = await call<Page>(leader, 'GET', '/api/v1/assessments?month=2025-12');
    const theirs = sheet(page, colleagueId);
    expect(theirs.score).toBe(theirs.componentDetails.qa.score);
    // 300 less 5 × 20, no forfeit now; a QA score below 90 earns no 考评奖.
    expect(theirs.bonusDetail).toMatchObject({ attendance: 200, evaluation: 0 });
  });
});
