import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterviewRoundDetail, Profile, Report, StaffDetail, StaffRow, StoredRubric, TurnoverReport } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { readBack, rowWith } from '../testing/workbook';

describe.each(backends)('staff records, turnover and promotion interviews ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let leader1: string;
  let leader2: string;
  let leader3: string;
  let agent: string;
  let trainer: string;
  const ids = new Map<string, Profile>();
  const user = (name: string) => ids.get(name)!;

  beforeAll(async () => {
    h = await openTestApp(backend);
    [manager, leader1, leader2, leader3, agent, trainer] = (await Promise.all(['manager', 'leader1', 'leader2', 'leader3', '8001', 'trainer1'].map((u) => h.login(u)))) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const users = (await h.call(manager, 'GET', '/api/v1/users')).json() as Profile[];
    for (const u of users) ids.set(u.employeeNo ?? u.username, u);
  });
  afterAll(() => h.close());

  const json = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const record = (token: string, employeeNo: string, body: unknown, status = 200) => json<StaffDetail>(token, 'PUT', `/api/v1/staff/records/${user(employeeNo).id}`, body, status);
  const errorOf = async (token: string, method: string, url: string, body: unknown, status: number) => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return (res.json() as { error: { message: string } }).error.message;
  };

  it('keeps a staff record with every edit (who, when, before and after), refuses a leaving date before the hire date in Chinese, and keeps leaders to their team', async () => {
    const created = await record(leader1, '8002', { hireDate: '2025-12-01', probationEnd: '2026-02-28' });
    expect(created.record).toMatchObject({ hireDate: '2025-12-01', probationEnd: '2026-02-28', probationOutcome: 'pending', leaveDate: null });
    expect(created.tenureMonths).toBe(1);

    // Leaving before being hired: 400 naming both dates, and the record is as it was.
    const message = await errorOf(leader1, 'PUT', `/api/v1/staff/records/${user('8002').id}`, { leaveDate: '2025-11-30', leaveCategory: 'resigned' }, 400);
    expect(message).toBe('离职日期 2025-11-30 早于入职日期 2025-12-01');
    const english = await errorOf(leader1, 'PUT', `/api/v1/staff/records/${user('8002').id}?lang=en`, { leaveDate: '2025-11-30', leaveCategory: 'resigned' }, 400);
    expect(english).toBe('the leaving date 2025-11-30 is before the hire date 2025-12-01');
    expect(await errorOf(leader1, 'PUT', `/api/v1/staff/records/${user('8003').id}`, { probationEnd: '2026-03-01' }, 400)).toBe('新建员工档案需要填写入职日期');
    expect(await errorOf(leader1, 'PUT', `/api/v1/staff/records/${user('8002').id}`, { hireDate: '2025-13-01' }, 400)).toContain('入职日期格式应为 YYYY-MM-DD');

    h.clock.advance(60_000);
    const passed = await record(leader1, '8002', { probationOutcome: 'passed' });
    expect(passed.record!.leaveDate).toBeNull();
    expect(passed.changes.map((c) => [c.action, c.before, c.after, c.byName])).toEqual([
      ['update', { probationOutcome: 'pending' }, { probationOutcome: 'passed' }, '一组组长'],
      ['create', null, { hireDate: '2025-12-01', probationEnd: '2026-02-28', probationOutcome: 'pending', leaveDate: null, leaveCategory: null, leaveNote: '' }, '一组组长'],
    ]);
    expect(Date.parse(passed.changes[0]!.at) - Date.parse(passed.changes[1]!.at)).toBe(60_000);

    // Another team's leader: 403 to read and to write; an agent: 403; a manager sees every team.
    expect(await errorOf(leader2, 'PUT', `/api/v1/staff/records/${user('8002').id}`, { probationOutcome: 'failed' }, 403)).toContain('不在你的班组');
    expect((await h.call(leader2, 'GET', `/api/v1/staff/records/${user('8002').id}`)).statusCode).toBe(403);
    expect((await h.call(agent, 'GET', '/api/v1/staff/records')).statusCode).toBe(403);
    expect((await h.call(agent, 'PUT', `/api/v1/staff/records/${user('8001').id}`, { hireDate: '2020-01-01' })).statusCode).toBe(403);
    expect((await h.call(leader2, 'GET', `/api/v1/staff/records?teamId=${user('8002').teamId}`)).statusCode).toBe(403);
    const own = await json<{ items: StaffRow[] }>(leader1, 'GET', '/api/v1/staff/records');
    expect(own.items.map((r) => r.employeeNo)).toEqual(['8001', '8002', '8003', '8004']);
    expect(own.items.find((r) => r.employeeNo === '8002')!.record!.probationOutcome).toBe('passed');
    const all = await json<{ items: StaffRow[] }>(manager, 'GET', '/api/v1/staff/records');
    expect(all.items).toHaveLength(13);
    expect((await json<StaffDetail>(leader2, 'GET', `/api/v1/staff/records/${user('8005').id}`)).record).toBeNull();
  });

  it('counts turnover per month and team from the records: a moved agent in each team on its days, team rows adding up to the center', async () => {
    const [team1, team2, team3] = [user('8001').teamId!, user('8005').teamId!, user('8008').teamId!];
    for (const no of ['8001', '8003', '8004', '8005', '8006', '8007']) await record(manager, no, { hireDate: '2025-12-01' });
    // 8001 leaves team 1 on 15 January.
    const left = await record(leader1, '8001', { leaveDate: '2026-01-15', leaveCategory: 'resigned', leaveNote: '回老家发展' });
    expect(left.record).toMatchObject({ leaveDate: '2026-01-15', leaveCategory: 'resigned', leaveNote: '回老家发展' });
    // The manager moves 8005 from team 2 to team 3 today (5 January), who then leaves on the 20th.
    await json(manager, 'PATCH', `/api/v1/users/${user('8005').id}`, { teamId: team3 });
    const moved = await json<StaffDetail>(leader3, 'GET', `/api/v1/staff/records/${user('8005').id}`);
    expect(moved.moves).toEqual([expect.objectContaining({ fromTeamId: team2, toTeamId: team3, byName: '郑经理' })]);
    expect((await h.call(leader2, 'GET', `/api/v1/staff/records/${user('8005').id}`)).statusCode).toBe(403);
    await record(leader3, '8005', { leaveDate: '2026-01-20', leaveCategory: 'dismissed' });

    const byTeam = await json<Report>(manager, 'GET', '/api/v1/reports/metrics?from=2026-01-01&to=2026-01-31&by=team');
    const row = (key: string) => byTeam.rows.find((r) => r.key === key)!;
    // Team 1: 8001 15 days, 8002-8004 31 days each (8002's record from the first test); team 2: 8005 4 days, 8006-8007 31 each; team 3: 8005 from the 5th to the 20th.
    expect([row(team1).tally.headcountDays, row(team2).tally.headcountDays, row(team3).tally.headcountDays]).toEqual([15 + 3 * 31, 4 + 2 * 31, 16]);
    expect([row(team1).tally.leavers, row(team2).tally.leavers, row(team3).tally.leavers]).toEqual([1, 0, 1]);
    expect(row(team1).metrics.agentTurnover).toBeCloseTo(1 / (108 / 31));
    expect(row(team2).metrics.agentTurnover).toBe(0);
    const sum = (field: 'leavers' | 'headcountDays', rows: Report['rows']) => rows.reduce((a, r) => a + r.tally[field], 0);
    expect(sum('leavers', byTeam.rows)).toBe(byTeam.total.tally.leavers);
    expect(byTeam.total.tally.leavers).toBe(2);
    expect(sum('headcountDays', byTeam.rows)).toBe(byTeam.total.tally.headcountDays);
    expect(byTeam.total.metrics.agentTurnover).toBeCloseTo(2 / (byTeam.total.tally.headcountDays / 31));
    // Every dimension adds up to the same total; the month row is the month's turnover.
    for (const by of ['day', 'week', 'agent', 'site', 'queue'] as const) {
      const report = await json<Report>(manager, 'GET', `/api/v1/reports/metrics?from=2026-01-01&to=2026-01-31&by=${by}`);
      expect([sum('leavers', report.rows), sum('headcountDays', report.rows)], by).toEqual([2, byTeam.total.tally.headcountDays]);
    }
    const byMonth = await json<Report>(manager, 'GET', '/api/v1/reports/metrics?from=2025-12-01&to=2026-01-31&by=month');
    expect(byMonth.rows.map((r) => [r.key, r.tally.leavers, r.metrics.agentTurnover])).toEqual([
      ['2025-12', 0, 0],
      ['2026-01', 2, expect.closeTo(2 / (byTeam.total.tally.headcountDays / 31), 9)],
    ]);
    // A team leader's report is the own team's.
    const own = await json<Report>(leader1, 'GET', '/api/v1/reports/metrics?from=2026-01-01&to=2026-01-31&by=month');
    expect(own.total.tally.leavers).toBe(1);

    // The staff page's table: the same figures per month and team, the center's total, and the leavers by reason.
    const turnover = await json<TurnoverReport>(manager, 'GET', '/api/v1/staff/turnover?from=2025-12&to=2026-01');
    expect(turnover.months).toEqual(['2025-12', '2026-01']);
    const jan = (teamId: string) => turnover.teams.find((t) => t.teamId === teamId)!.cells[1]!;
    expect(jan(team1)).toEqual({ month: '2026-01', leavers: 1, headcount: 108 / 31, turnover: row(team1).metrics.agentTurnover });
    expect(turnover.teams.reduce((a, t) => a + t.cells[1]!.leavers, 0)).toBe(turnover.total[1]!.leavers);
    expect(turnover.byCategory).toEqual([
      { month: '2026-01', category: 'dismissed', leavers: 1 },
      { month: '2026-01', category: 'resigned', leavers: 1 },
    ]);
    const leaders = await json<TurnoverReport>(leader1, 'GET', '/api/v1/staff/turnover?from=2026-01&to=2026-01');
    expect(leaders.teams.map((t) => t.teamId)).toEqual([team1]);
    expect(await errorOf(leader1, 'GET', `/api/v1/staff/turnover?from=2026-01&to=2026-01&teamId=${team2}`, undefined, 403)).toBe('只能查看本班组的流动率');
    expect(await errorOf(manager, 'GET', '/api/v1/staff/turnover?from=2026-02&to=2026-01', undefined, 400)).toBe('起始月份 2026-02 晚于结束月份 2026-01');
  });

  it('runs a promotion interview on seed 000’s rubric: own sheets hidden until submitted, scores inside the bands, mean of interviewers, ranking and Excel', async () => {
    const rubrics = await json<StoredRubric[]>(manager, 'GET', '/api/v1/interviews/rubrics');
    expect(rubrics[0]).toMatchObject({ id: 'builtin-team-leader', builtin: true });
    expect(rubrics[0]!.questions[0]!.bands.map((b) => [b.min, b.max])).toEqual([
      [16, 20],
      [8, 15],
      [4, 7],
      [0, 3],
    ]);
    // Built-ins are copied, not changed; a copy is the center's own, and a bad band is refused.
    expect(await errorOf(manager, 'PUT', '/api/v1/interviews/rubrics/builtin-team-leader', { name: 'x', questions: rubrics[0]!.questions }, 400)).toContain('内置评分模板不能修改');
    const copy = await json<StoredRubric>(manager, 'POST', '/api/v1/interviews/rubrics', { name: '2026 组长竞聘', questions: rubrics[0]!.questions }, 201);
    expect(copy.builtin).toBe(false);
    const badBand = [{ ...rubrics[0]!.questions[0]!, bands: [{ min: 16, max: 25, description: '' }] }];
    expect(await errorOf(manager, 'PUT', `/api/v1/interviews/rubrics/${copy.id}`, { name: '2026 组长竞聘', questions: badBand }, 400)).toBe('题目 R1 的评分档 16-25 超出 0-20 分');
    expect((await h.call(leader1, 'POST', '/api/v1/interviews/rubrics', { name: 'x', questions: rubrics[0]!.questions })).statusCode).toBe(403);

    const candidates = ['8002', '8003', '8006'].map((no) => user(no).id);
    const round = await json<InterviewRoundDetail>(
      manager,
      'POST',
      '/api/v1/interviews/rounds',
      {
        title: '2026 年一季度组长竞聘',
        rubricId: 'builtin-team-leader',
        questionCodes: ['R1', 'Q3'],
        heldOn: '2026-01-20',
        candidates,
        interviewers: [user('leader1').id, user('leader2').id],
      },
      201,
    );
    expect(round.questions.map((q) => q.code)).toEqual(['R1', 'Q3']);
    expect(
      await errorOf(
        manager,
        'POST',
        '/api/v1/interviews/rounds',
        { title: 'x', rubricId: 'builtin-team-leader', heldOn: '2026-01-20', candidates: [user('leader3').id], interviewers: [user('leader1').id] },
        400,
      ),
    ).toBe('候选人必须是座席：三组组长');

    const url = `/api/v1/interviews/rounds/${round.id}`;
    const sheet = (points: [number, number][]) =>
      candidates.flatMap((agentId, i) => [
        { agentId, questionCode: 'R1', points: points[i]![0] },
        { agentId, questionCode: 'Q3', points: points[i]![1] },
      ]);
    // Outside the bands: 21 of 20, or 6 where the rules give 10, 5 or 0; nothing is saved.
    expect(await errorOf(leader1, 'PUT', `${url}/scores`, { scores: [{ agentId: candidates[0], questionCode: 'R1', points: 21 }] }, 400)).toBe('题目 R1 的得分 21 超出 0-20 分');
    expect(await errorOf(leader1, 'PUT', `${url}/scores`, { scores: [{ agentId: candidates[0], questionCode: 'Q3', points: 6 }] }, 400)).toContain('不在任何评分档内');
    await json(leader1, 'PUT', `${url}/scores`, {
      scores: [
        { agentId: candidates[0], questionCode: 'R1', points: 18 },
        { agentId: candidates[0], questionCode: 'Q3', points: 10 },
      ],
    });
    expect(await errorOf(leader1, 'POST', `${url}/submit`, undefined, 400)).toBe('评分表还有 4 项未评分，不能提交');
    const draft = await json<InterviewRoundDetail>(leader1, 'PUT', `${url}/scores`, {
      scores: sheet([
        [18, 10],
        [12, 5],
        [16, 10],
      ]),
    });
    expect(draft.mySheet!.scores).toHaveLength(6);
    expect(draft.ranking).toBeNull();
    // The other interviewer sees nothing of leader1's draft, the organizer no total from it.
    const other = await json<InterviewRoundDetail>(leader2, 'GET', url);
    expect(other.mySheet).toEqual({ scores: [], submitted: false });
    expect(other.ranking).toBeNull();
    expect((await json<InterviewRoundDetail>(manager, 'GET', url)).ranking!.every((r) => r.total === null)).toBe(true);
    // Not on the panel, or an agent: 403.
    expect((await h.call(trainer, 'GET', url)).statusCode).toBe(403);
    expect((await h.call(trainer, 'PUT', `${url}/scores`, { scores: [] })).statusCode).toBe(403);
    expect((await h.call(agent, 'GET', url)).statusCode).toBe(403);

    const submitted = await json<InterviewRoundDetail>(leader1, 'POST', `${url}/submit`);
    expect(submitted.ranking!.map((r) => [r.employeeNo, r.total, r.rank])).toEqual([
      ['8002', 28, 1],
      ['8006', 26, 2],
      ['8003', 17, 3],
    ]);
    expect(await errorOf(leader1, 'PUT', `${url}/scores`, { scores: [{ agentId: candidates[0], questionCode: 'R1', points: 0 }] }, 409)).toBe('你已提交评分表，不能再修改');
    await json(leader2, 'PUT', `${url}/scores`, {
      scores: sheet([
        [14, 5],
        [20, 10],
        [16, 10],
      ]),
    });
    await json(leader2, 'POST', `${url}/submit`);
    const final = await json<InterviewRoundDetail>(manager, 'GET', url);
    // 8002: (28 + 19) / 2; 8003: (17 + 30) / 2; 8006: 26 from both.
    expect(final.ranking!.map((r) => [r.employeeNo, r.total, r.rank, r.interviewers])).toEqual([
      ['8006', 26, 1, 2],
      ['8002', 23.5, 2, 2],
      ['8003', 23.5, 2, 2],
    ]);
    expect(final.ranking![1]!.byQuestion).toEqual({ R1: 16, Q3: 7.5 });

    const xlsx = await h.call(manager, 'GET', `${url}/ranking.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = (workbook.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const header = rows.findIndex((r) => r[0] === '名次');
    expect(rows[header]).toEqual(['名次', '工号', '姓名', '班组', 'R1 必答题（满分20）', 'Q3 随机问题（满分10）', '总分（满分30）', '评分面试官人数']);
    expect(rows.slice(header + 1).map((r) => [r[0], r[1], r[6]])).toEqual([
      [1, '8006', 26],
      [2, '8002', 23.5],
      [2, '8003', 23.5],
    ]);
    const en = (await readBack((await h.call(manager, 'GET', `${url}/ranking.xlsx?lang=en`)).rawPayload)).sheets[0]!;
    expect(rowWith(en, 'Rank')).toEqual(['Rank', 'Employee no.', 'Name', 'Team', 'R1 required (of 20)', 'Q3 drawn (of 10)', 'Total (of 30)', 'Interviewers']);
    expect(
      en.rows
        .slice(0, 3)
        .map((r) => r[0])
        .join(' '),
    ).toMatch(/^Interview ranking · .* Rubric: .* The total is the mean/);
    const audit = await h.t.store.query<{ subject: string }>(`SELECT subject FROM audit_log WHERE action = 'export' AND subject = 'interview_ranking'`);
    // Each export is audited, the English one too.
    expect(audit).toHaveLength(2);
    expect((await h.call(leader1, 'GET', `${url}/ranking.xlsx`)).statusCode).toBe(403);
    expect((await json<{ id: string }[]>(leader3, 'GET', '/api/v1/interviews/rounds')).map((r) => r.id)).toEqual([]);
    expect((await json<{ id: string; submitted: number }[]>(leader2, 'GET', '/api/v1/interviews/rounds')).map((r) => r.submitted)).toEqual([2]);
  });
});
