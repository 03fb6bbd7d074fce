import { describe, expect, it } from 'vitest';
import { metricDictionary } from '../metrics/index';
import { assembleAgenda, briefingAttendance, carriedOver, type AgendaInput, type DebriefProblem } from './index';

const problem = (id: string, date: string, status: DebriefProblem['status'], raisedAt = `${date}T10:00:00.000Z`): DebriefProblem => ({
  id,
  teamId: 't1',
  date,
  text: `问题 ${id}`,
  raisedBy: 'a1',
  raisedByName: '王芳',
  raisedAt,
  status,
  answer: status === 'solved' ? '已答复' : '',
  decidedBy: status === 'open' ? null : 'l1',
  decidedAt: status === 'open' ? null : `${date}T11:00:00.000Z`,
  decidedDate: status === 'open' ? null : date,
});

const agents = [
  { agentId: 'a1', employeeNo: '8001', name: '王芳' },
  { agentId: 'a2', employeeNo: '8002', name: '李娜' },
  { agentId: 'a3', employeeNo: '8003', name: '刘洋' },
  { agentId: 'a4', employeeNo: '8004', name: '陈静' },
];

const input = (over: Partial<AgendaInput> = {}): AgendaInput => ({
  date: '2026-01-06',
  teamId: 't1',
  figures: { answered: 120, averageHandleTime: 200, attendanceRate: null, talkUtilization: 0.6, serviceLevel: 0.75, averageSpeedOfAnswer: 12 },
  targets: [
    { metricId: 'averageHandleTime', scope: 'center', scopeId: '', target: 180 },
    { metricId: 'averageHandleTime', scope: 'team', scopeId: 't1', target: 210 },
    { metricId: 'serviceLevel', scope: 'center', scopeId: '', target: 0.8 },
    { metricId: 'averageSpeedOfAnswer', scope: 'team', scopeId: 't2', target: 10 },
    { metricId: 'talkUtilization', scope: 'agent', scopeId: 'a1', target: 0.9 },
  ],
  metrics: metricDictionary,
  qaItems: [],
  articles: [],
  roster: { status: 'missing', agents, shifts: [] },
  leave: null,
  problems: [],
  ...over,
});

describe('the briefing agenda', () => {
  it('reads yesterday’s team figures against the team’s target, else the center’s; metrics targeted for another team or an agent stay out', () => {
    const agenda = assembleAgenda(input());
    expect(agenda.yesterday).toBe('2026-01-05');
    const line = (id: string) => agenda.kpis.find((k) => k.metricId === id);
    // The team's 210 s wins over the center's 180 s: 200 s meets it.
    expect(line('averageHandleTime')).toMatchObject({ value: 200, target: 210, met: true });
    // Service level is not among the watched figures but has a center target: it follows them, missed.
    expect(line('serviceLevel')).toMatchObject({ value: 0.75, target: 0.8, met: false });
    expect(agenda.kpis.map((k) => k.metricId).indexOf('serviceLevel')).toBeGreaterThan(agenda.kpis.map((k) => k.metricId).indexOf('firstContactResolution'));
    // Another team's target and an agent's own do not make a team line.
    expect(line('averageSpeedOfAnswer')).toBeUndefined();
    expect(line('talkUtilization')).toMatchObject({ value: 0.6, target: null, met: null });
    // Nothing measured is shown as no data, not as zero.
    expect(line('attendanceRate')).toMatchObject({ value: null, met: null });
    expect(line('answered')).toMatchObject({ value: 120, better: 'higher', target: null, met: null });
  });

  it('lists the most-failed QA items first, fatal ones ahead on a tie, at most five, over the week up to yesterday', () => {
    const qaItems = ['a', 'b', 'c', 'd', 'e', 'f'].map((key, i) => ({ key, text: `项 ${key}`, failed: i === 5 ? 0 : 10 - i, of: 20, fatal: false }));
    qaItems.push({ key: 'z', text: '泄露客户信息', failed: 9, of: 20, fatal: true });
    const { qa } = assembleAgenda(input({ qaItems }));
    expect(qa).toMatchObject({ from: '2025-12-30', to: '2026-01-05' });
    expect(qa.items.map((i) => i.key)).toEqual(['a', 'z', 'b', 'c', 'd']);
  });

  it('puts notices ahead of new and changed knowledge', () => {
    const articles = [
      { id: 'k1', title: '宽带资费调整', category: '资费', version: 2, updatedAt: '2026-01-05T03:00:00.000Z' },
      { id: 'k2', title: '春节值班安排', category: '通知', version: 1, updatedAt: '2026-01-05T01:00:00.000Z' },
      { id: 'k3', title: '新套餐介绍', category: '', version: 1, updatedAt: '2026-01-05T05:00:00.000Z' },
    ];
    const { knowledge } = assembleAgenda(input({ articles }));
    expect(knowledge.items.map((k) => [k.id, k.change, k.notice])).toEqual([
      ['k2', 'new', true],
      ['k3', 'new', false],
      ['k1', 'changed', false],
    ]);
  });

  it('tells who is on by shift start and who is off from a published roster, and takes agents on leave out', () => {
    const shifts = [
      { userId: 'a2', date: '2026-01-06', shift: '中班', start: '2026-01-06T11:00', end: '2026-01-06T20:00' },
      { userId: 'a1', date: '2026-01-06', shift: '早班', start: '2026-01-06T08:30', end: '2026-01-06T17:30' },
      { userId: 'a3', date: '2026-01-06', shift: '早班', start: '2026-01-06T08:30', end: '2026-01-06T17:30' },
      { userId: 'a4', date: '2026-01-05', shift: '早班', start: '2026-01-05T08:30', end: '2026-01-05T17:30' },
    ];
    const { schedule } = assembleAgenda(input({ roster: { status: 'published', agents, shifts }, leave: [{ agentId: 'a3', kind: 'sick' }] }));
    expect(schedule.on.map((a) => [a.employeeNo, a.shift])).toEqual([
      ['8001', '早班'],
      ['8002', '中班'],
    ]);
    expect(schedule.off.map((a) => a.employeeNo)).toEqual(['8004']);
    expect(schedule.leave).toEqual({ source: 'available', agents: [{ agentId: 'a3', employeeNo: '8003', name: '刘洋', kind: 'sick' }] });
  });

  it('says the leave source is missing and names nobody on or off without a published roster', () => {
    const draft = assembleAgenda(input({ roster: { status: 'draft', agents, shifts: [{ userId: 'a1', date: '2026-01-06', shift: '早班', start: '', end: '' }] } }));
    expect(draft.schedule).toEqual({ roster: 'draft', on: [], off: [], leave: { source: 'missing', agents: [] } });
  });

  it('carries over the problems of earlier debriefs not solved, oldest first, and none of the day itself', () => {
    const problems = [
      problem('p1', '2026-01-05', 'unsolved', '2026-01-05T10:30:00.000Z'),
      problem('p2', '2026-01-05', 'solved'),
      problem('p3', '2026-01-04', 'open'),
      problem('p4', '2026-01-06', 'open'),
    ];
    expect(assembleAgenda(input({ problems })).carriedOver.map((p) => p.id)).toEqual(['p3', 'p1']);
    expect(carriedOver(problems, '2026-01-05').map((p) => p.id)).toEqual(['p3']);
  });

  it('passes on once the answer found after the debrief: solved since yesterday, not before', () => {
    const late = { ...problem('p5', '2026-01-03', 'solved'), decidedDate: '2026-01-05', answer: '退订须在账期结束前三天' };
    expect(carriedOver([late], '2026-01-06').map((p) => p.answer)).toEqual(['退订须在账期结束前三天']);
    expect(carriedOver([late], '2026-01-05').map((p) => p.id)).toEqual(['p5']);
    expect(carriedOver([late], '2026-01-07')).toEqual([]);
    // Answered at its own debrief: told there, not carried.
    expect(carriedOver([problem('p6', '2026-01-05', 'solved')], '2026-01-06')).toEqual([]);
  });
});

describe('briefing attendance', () => {
  it('counts held, attended, confirmed and missed per agent, zeros for an agent without marks', () => {
    const marks = [
      { agentId: 'a1', briefingId: 'b1', attendedAt: '2026-01-05T00:50:00Z', confirmedAt: '2026-01-05T01:00:00Z' },
      { agentId: 'a1', briefingId: 'b2', attendedAt: null, confirmedAt: '2026-01-06T06:00:00Z' },
      { agentId: 'a1', briefingId: 'b3', attendedAt: null, confirmedAt: null },
      { agentId: 'a2', briefingId: 'b1', attendedAt: '2026-01-05T00:50:00Z', confirmedAt: null },
    ];
    expect(briefingAttendance(marks, ['a2', 'a1', 'a9'])).toEqual([
      { agentId: 'a2', held: 1, attended: 1, confirmed: 0, missed: 0 },
      { agentId: 'a1', held: 3, attended: 1, confirmed: 2, missed: 1 },
      { agentId: 'a9', held: 0, attended: 0, confirmed: 0, missed: 0 },
    ]);
  });
});
