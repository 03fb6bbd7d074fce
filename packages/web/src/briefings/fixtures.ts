import type { Briefing, BriefingAgenda } from '@banzu/contract';

/** A day's agenda as the server prepares it, for the page's and the card's tests. */
export const agenda: BriefingAgenda = {
  date: '2026-01-06',
  yesterday: '2026-01-05',
  kpis: [
    { metricId: 'answered', zh: '接听量', en: 'Answered calls', unit: 'count', better: 'higher', value: 2, target: null, met: null },
    { metricId: 'averageHandleTime', zh: '平均处理时长', en: 'Average handle time', unit: 'seconds', better: 'lower', value: 360, target: 300, met: false },
    { metricId: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio', better: 'higher', value: 0.85, target: 0.8, met: true },
  ],
  serviceLevel: {
    variant: 'abandon_met',
    excludeShortAbandons: false,
    zh: '服务水平口径：(阈值内接听 + 阈值内放弃) / 呼入',
    en: 'Service level: (answered + abandoned within threshold) / offered',
  },
  qa: { from: '2025-12-30', to: '2026-01-05', items: [{ key: 'privacy', text: '泄露客户信息', failed: 3, of: 12, fatal: true }] },
  knowledge: {
    from: '2026-01-05',
    items: [{ id: 'k1', title: '春节值班安排', category: '通知', version: 1, updatedAt: '2026-01-05T02:00:00.000Z', change: 'new', notice: true }],
  },
  schedule: {
    roster: 'published',
    on: [{ agentId: 'a1', employeeNo: '8001', name: '王芳', shift: '早班', start: '2026-01-06T08:30', end: '2026-01-06T17:30' }],
    off: [{ agentId: 'a4', employeeNo: '8004', name: '陈静' }],
    leave: { source: 'available', agents: [{ agentId: 'a3', employeeNo: '8003', name: '刘洋', kind: 'sick' }] },
  },
  carriedOver: [
    {
      id: 'p1',
      teamId: 't1',
      date: '2026-01-05',
      text: '耳机音量不足',
      raisedBy: 'a1',
      raisedByName: '王芳',
      raisedAt: '2026-01-05T10:00:00.000Z',
      status: 'unsolved',
      answer: '',
      decidedBy: 'l1',
      decidedAt: '2026-01-05T10:30:00.000Z',
      decidedDate: '2026-01-05',
    },
    {
      id: 'p0',
      teamId: 't1',
      date: '2026-01-04',
      text: '积分兑换规则',
      raisedBy: 'a2',
      raisedByName: '李娜',
      raisedAt: '2026-01-04T10:00:00.000Z',
      status: 'solved',
      answer: '积分按月清零',
      decidedBy: 'l1',
      decidedAt: '2026-01-05T02:00:00.000Z',
      decidedDate: '2026-01-05',
    },
  ],
};

export const fresh: Briefing = {
  id: null,
  teamId: 't1',
  teamName: '客服一组',
  date: '2026-01-06',
  timeZone: 'Asia/Shanghai',
  status: 'new',
  goal: '',
  items: [],
  agenda,
  updatedAt: null,
  publishedAt: null,
  publishedByName: null,
  roll: [],
};

export const published: Briefing = {
  ...fresh,
  id: 'b1',
  status: 'published',
  goal: '工单错误量控制在0!',
  items: ['春节值班报名截止周三'],
  updatedAt: '2026-01-06T00:40:00.000Z',
  publishedAt: '2026-01-06T00:40:00.000Z',
  publishedByName: '一组组长',
  roll: [
    { agentId: 'a1', employeeNo: '8001', name: '王芳', attendedAt: null, confirmedAt: null },
    { agentId: 'a2', employeeNo: '8002', name: '李娜', attendedAt: null, confirmedAt: '2026-01-06T00:51:00.000Z' },
  ],
};
